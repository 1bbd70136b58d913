import ArgumentParser
import Engine
import Platform
import LibvirtBackend

/// What a command says about an error that stops it once its arguments are read: one line (a JSON
/// `error` event with --json), exit 1. Every error that reaches the command goes through here,
/// so none escapes as ArgumentParser's `Error: …` (no JSON, no word on what to do).
enum CommandFailure {
    /// Errors that are not failures to print here: exit statuses already decided, refusals the
    /// command reports as diagnostics itself, and ArgumentParser's own usage errors and exits.
    static func passesThrough(_ error: any Error) -> Bool {
        error is ExitCode || error is CleanExit || error is ValidationError
            || error is ScaledCountsRefused || error is WorkflowRefused
    }

    /// The line that says what went wrong, where, and what to do.
    static func message(for error: any Error) -> String {
        switch error {
        case let error as LibvirtError: return "libvirt: \(error)"
        case let error as CocoaError: return fileProblem(error)
        case let error as any CustomStringConvertible: return error.description
        default: return "\(error)"
        }
    }

    /// Foundation's file errors print as `Error Domain=NSCocoaErrorDomain Code=512 "(null)"`:
    /// said instead with the file and the system's reason.
    private static func fileProblem(_ error: CocoaError) -> String {
        let path = error.filePath ?? error.url?.path ?? "a file"
        return "cannot use \(path): \(SystemErrorText.of(error)); check that path (and every directory above it) and run the command again"
    }
}
