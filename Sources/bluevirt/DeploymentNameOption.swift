import ArgumentParser
import Engine
import YAMLSource

/// Checks `-d NAME` before a command runs: a name that cannot name a deployment is a usage error.
/// (In `validate()`, not as a transform: ArgumentParser would echo the raw value, control
/// characters and all.)
enum DeploymentNameOption {
    static func check(_ name: String?) throws {
        guard let name, let problem = DeploymentName.problem(with: name) else { return }
        throw ValidationError("-d '\(TerminalText.bounded(name, maximumLength: 80))': \(problem)")
    }
}
