import ArgumentParser
import Engine

extension RunReport {
    /// Exits 1 after a failure and 130 (as a shell reports SIGINT) after Ctrl-C.
    func exit() throws {
        switch result {
        case .failed: throw ExitCode(ExitStatus.invalid.rawValue)
        case .interrupted: throw ExitCode(130)
        case .applied, .unchanged, .destroyed, .completed: return
        }
    }
}
