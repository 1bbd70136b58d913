import ArgumentParser
import Blueprint
import Engine
import Platform

/// What apply and plan do alike before they read the state: the blueprint loaded with the given
/// inputs and secrets, checked and dry-run as apply runs it, what apply would refuse included.
/// With errors they are reported and the command exits; warnings are shown (as text) and it
/// goes on.
struct ApplyPreparation {
    let blueprint: Blueprint
    let dryRun: DryRun
    /// Hides get_secret values; the verdict goes to standard error, since standard output
    /// carries the result.
    let reporter: DiagnosticReporter
    /// `--connect`, else LIBVIRT_DEFAULT_URI, as libvirt's own tools choose.
    let connection: String?

    init(blueprintPath: String, deployment: String?, inputs: InputOptions, stateDir: String?, connect: String?,
         simulate: Bool, json: Bool) throws {
        let (loaded, loadDiagnostics, secrets) = inputs.given.loadBlueprint(at: blueprintPath, stateDir: stateDir)
        var diagnostics = loadDiagnostics
        let name = deployment ?? DeploymentName.default(forBlueprint: blueprintPath)
        var reporter = DiagnosticReporter(
            json: json, sourceText: inputs.given.sourceText(of: loaded), valueFiles: inputs.given.valueFiles,
            mask: secrets.mask.keepingNames(of: loaded.blueprint, path: blueprintPath, deployment: name))
        reporter.verdictOnStandardError = true
        let connection = connect ?? ProcessInfo.processInfo.environment["LIBVIRT_DEFAULT_URI"]
        var dryRun: DryRun?
        if let blueprint = loaded.blueprint, !diagnostics.hasErrors {
            let planned = DryRun(blueprint: blueprint, deployment: name, connect: connection)
            // Apply's refusals too, so that plan shows them ahead.
            diagnostics += planned.diagnosticsForApply(simulate: simulate)
            dryRun = planned
        }
        guard let blueprint = loaded.blueprint, let dryRun, !diagnostics.hasErrors else {
            reporter.report(diagnostics.sortedBySource, subject: blueprintPath)
            throw ExitCode(reporter.exitStatus(for: diagnostics).rawValue)
        }
        if !diagnostics.isEmpty, !json {
            reporter.report(diagnostics.sortedBySource, subject: blueprintPath)
        }
        self.blueprint = blueprint
        self.dryRun = dryRun
        self.reporter = reporter
        self.connection = connection
    }
}
