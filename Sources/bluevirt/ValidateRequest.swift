import ArgumentParser
import Blueprint
import Engine
import Platform
import YAMLSource

/// One `bluevirt validate`, whichever parser read its command line.
struct ValidateRequest: Equatable {
    var blueprintPath: String
    var inputs = GivenInputs()
    var stateDir: String?
    var json = false
    /// `--connect`: the connection of nodes that name none (else $LIBVIRT_DEFAULT_URI).
    var connect: String?

    /// Loads and checks the blueprint, prints the diagnostics and exits with the status.
    func run() -> Never {
        // Without any input value (or secret), validate checks the blueprint itself: a required
        // input is given its value only when deploying, so its absence is no error yet.
        let (loaded, problems, secrets) = inputs.loadBlueprint(at: blueprintPath, stateDir: stateDir, checkingAlone: true)
        let deployment = DeploymentName.default(forBlueprint: blueprintPath)
        var found = problems
        // Everything dry-run reports short of libvirt (the planner's checks, every document's
        // parameters, names and user template), so that a valid blueprint cannot fail dry-run.
        // Planning and rendering need a sound blueprint: its values must evaluate first.
        if let blueprint = loaded.blueprint, !problems.hasErrors {
            found += DryRun.diagnostics(blueprint: blueprint, deployment: deployment,
                                        connect: connect ?? ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"])
        }
        let diagnostics = found.sortedBySource
        let reporter = DiagnosticReporter(
            json: json, sourceText: inputs.sourceText(of: loaded), valueFiles: inputs.valueFiles,
            mask: secrets.mask.keepingNames(of: loaded.blueprint, path: blueprintPath, deployment: deployment))
        reporter.report(diagnostics, subject: blueprintPath)
        // Exits here, the blueprint still held: letting it go first, node by node, was 1.7% of
        // validate at 1,000 node templates, for memory the process gives back whole.
        withExtendedLifetime(loaded) { Glibc.exit(reporter.exitStatus(for: diagnostics).rawValue) }
    }
}
