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

    /// Checks the deployment a command that makes or plans one works on: `-d NAME`, else the
    /// blueprint's file name, which is held to the same rules. A deployment named by its file
    /// alone that `-d` refuses could be applied but never reached by status, outputs or run.
    static func check(_ name: String?, orNameOf blueprintPath: String) throws {
        try check(name)
        guard name == nil else { return }
        let implied = DeploymentName.default(forBlueprint: blueprintPath)
        guard let problem = DeploymentName.problem(with: implied) else { return }
        throw ValidationError("""
            the deployment name '\(TerminalText.bounded(implied, maximumLength: 80))' taken from the blueprint's file name \
            cannot name a deployment: \(problem); name it with -d NAME
            """)
    }
}
