import ArgumentParser
import Blueprint
import Engine
import Foundation
import YAMLSource

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a blueprint and report every problem at once.",
        discussion: """
            Loads the blueprint and its imports, checks every section, type, property, relationship, \
            intrinsic function and input, and prints each problem with its file, line, column, a \
            stable code (see docs/diagnostics.md) and a hint. Touches nothing.

            Examples:
              bluevirt validate blueprints/two-vms-one-network.yaml
              bluevirt validate app.yaml --inputs prod.yaml --input vcpus=4
              bluevirt validate app.yaml --secrets secrets.yaml --secret db_password=...
              bluevirt validate app.yaml --json | jq '.diagnostics[] | .code'
            """
    )

    @Argument(help: ArgumentHelp("The blueprint file (YAML).", valueName: "blueprint"))
    var blueprintPath: String

    @OptionGroup var inputs: InputOptions
    @OptionGroup var state: StateOptions
    @OptionGroup var output: DiagnosticOutputOptions

    func run() throws {
        let (loaded, problems, secrets) = try inputs.loadBlueprint(at: blueprintPath, stateDir: state.stateDir)
        // Without any input value, validate checks the blueprint itself: a required input is
        // given its value only when deploying, so its absence is no error yet.
        let givenNoInputs = inputs.files.isEmpty && inputs.assignments.isEmpty
        var found = givenNoInputs ? InputBinder.requiredInputsAsWarnings(problems) : problems
        // Everything dry-run reports short of libvirt (the planner's checks, every document's
        // parameters, names and user template), so that a valid blueprint cannot fail dry-run.
        // Planning and rendering need a sound blueprint: its values must evaluate first.
        if let blueprint = loaded.blueprint, !problems.hasErrors {
            found += DryRun.diagnostics(blueprint: blueprint, deployment: DeploymentName.default(forBlueprint: blueprintPath))
        }
        let diagnostics = found.sortedBySource
        let reporter = DiagnosticReporter(
            options: output, sourceText: inputs.sourceText(of: loaded),
            mask: secrets.mask.keepingNames(of: loaded.blueprint, path: blueprintPath, deployment: DeploymentName.default(forBlueprint: blueprintPath)))
        reporter.report(diagnostics, subject: blueprintPath)
        throw ExitCode(reporter.exitStatus(for: diagnostics).rawValue)
    }
}
