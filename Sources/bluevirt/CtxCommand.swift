import Engine
import Platform

/// bluevirt called as `ctx`: a script's link to bluevirt (see ScriptRunner) answers the script's
/// `ctx …` calls. Kept apart from the subcommands: Cloudify's ctx takes free-form words.
enum CtxCommand {
    /// True when this process was started under the name `ctx`.
    static var isInvoked: Bool {
        guard let name = CommandLine.arguments.first else { return false }
        return name.lastPathComponent == "ctx"
    }

    /// Answers the call and exits with its status.
    static func main() -> Never {
        let outcome = CtxCall.run(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
        StandardStream.output.write(outcome.output)
        StandardStream.error.write(outcome.error)
        exit(outcome.status)
    }
}
