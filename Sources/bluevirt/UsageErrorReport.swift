import Platform
import StateStore

/// Prints a usage error (an unknown option, a missing argument, an unknown command or code): the
/// text on standard error, as always, and with `--json` on the command line also a JSON `error`
/// event on standard output, so that a script reading the JSON gets a document on every outcome
/// instead of empty output.
enum UsageErrorReport {
    /// Prints `text` (one or more lines, the first the error) for `arguments` (without the
    /// program name).
    static func print(_ text: String, arguments: [String]) {
        let text = text.hasSuffix("\n") ? text : text + "\n"
        StandardStream.error.write(text)
        guard wantsJSON(arguments) else { return }
        let first = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? text
        let message = first.hasPrefix("Error: ") ? String(first.dropFirst("Error: ".count))
            : first.hasPrefix("error: ") ? String(first.dropFirst("error: ".count)) : first
        let event = JSONValue.object(["event": .string("error"), "kind": .string("usage"), "message": .string(message)])
        StandardStream.output.write(event.jsonText() + "\n")
    }

    /// Whether `--json` is one of bluevirt's own arguments (not a word after `--`, which `ssh`
    /// passes on to the remote command).
    static func wantsJSON(_ arguments: [String]) -> Bool {
        arguments.prefix { $0 != "--" }.contains("--json")
    }
}
