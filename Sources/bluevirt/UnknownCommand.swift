import Blueprint

/// A first argument that names no command (`bluevirt validat app.yaml`, `bluevirt app.yaml`):
/// ArgumentParser would say only "2 unexpected arguments"; this says which command was probably
/// meant, or lists them.
enum UnknownCommand {
    /// The message for `arguments` (without the program name), or nil when the first argument is
    /// an option or a command, for ArgumentParser to read.
    static func message(for arguments: [String]) -> String? {
        guard let first = arguments.first, !first.isEmpty, !first.hasPrefix("-") else { return nil }
        let commands = Bluevirt.configuration.subcommands.compactMap { $0.configuration.commandName }
        guard !commands.contains(first), first != "help" else { return nil }
        var message = "Error: unknown command '\(first)'"
        if let suggestion = DidYouMean.suggestion(for: first, among: commands) {
            message += "; did you mean '\(suggestion)'?"
        } else if first.hasSuffix(".yaml") || first.hasSuffix(".yml") {
            message += "; to check a blueprint: bluevirt validate \(first)"
        } else {
            message += "; the commands: \(commands.joined(separator: ", "))"
        }
        return message + "\nUsage: bluevirt <subcommand>\n  See 'bluevirt --help' for more information.\n"
    }
}
