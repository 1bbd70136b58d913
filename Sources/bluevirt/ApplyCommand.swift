import ArgumentParser
import Blueprint
import Engine
import Foundation
import StateStore
import YAMLSource

struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create the deployment's libvirt objects and print its outputs.",
        discussion: """
            Checks and plans the blueprint as dry-run does, then runs the install plan against \
            libvirt, at most --parallelism operations at a time, each after the operations it \
            waits for. Every finished operation is recorded in the state directory at once, so a \
            failed or interrupted apply resumes where it stopped when run again; applying an \
            installed deployment whose documents did not change does nothing.

            --simulate sends every connection to libvirt's test driver, whose world is kept in \
            the state directory between commands: apply, outputs and destroy work as separate \
            commands on a machine with only libvirt's library.

            Examples:
              bluevirt apply blueprints/two-vms-one-network.yaml --simulate
              bluevirt apply app.yaml --input libvirt_uri=qemu:///system -d lab --parallelism 4
              bluevirt apply app.yaml --simulate --json | jq -c 'select(.event == "result")'

            Exit status: 0 applied or unchanged, 1 the blueprint has errors or an operation \
            failed or the deployment is locked by another bluevirt, 2 usage error or unreadable input.
            """
    )

    @Argument(help: ArgumentHelp("The blueprint file (YAML).", valueName: "blueprint"))
    var blueprintPath: String

    @Option(name: [.customShort("d"), .customLong("deployment")],
            help: ArgumentHelp("The deployment name (default: the blueprint's file name without extension).", valueName: "name"))
    var deployment: String?

    @OptionGroup var inputs: InputOptions

    @Option(help: ArgumentHelp("The libvirt connection of every node that names none in libvirt_auth.", valueName: "uri"))
    var connect: String?

    @Option(help: ArgumentHelp("The most operations that run at the same time.", valueName: "n"))
    var parallelism = 8

    @Flag(help: "Run every connection against libvirt's test driver, with its world kept in the state directory.")
    var simulate = false

    @OptionGroup var state: StateOptions
    @OptionGroup var output: DiagnosticOutputOptions

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be at least 1, not \(parallelism)") }
    }

    func run() async throws {
        let (provided, inputProblems) = inputs.provided()
        let loaded = BlueprintLoader.load(path: blueprintPath, inputs: provided)
        var reporter = DiagnosticReporter(options: output, sourceText: loaded.sourceText(file:))
        // Standard output carries the result and the outputs.
        reporter.verdictOnStandardError = true
        var diagnostics = inputProblems + loaded.diagnostics
        let name = deployment ?? DeploymentName.default(forBlueprint: blueprintPath)
        var dryRun: DryRun?
        if let blueprint = loaded.blueprint, !diagnostics.hasErrors {
            let planned = DryRun(blueprint: blueprint, deployment: name)
            diagnostics += planned.diagnostics
            dryRun = planned
        }
        guard let blueprint = loaded.blueprint, let dryRun, !diagnostics.hasErrors else {
            reporter.report(diagnostics.sortedBySource, subject: blueprintPath)
            throw ExitCode(reporter.exitStatus(for: diagnostics).rawValue)
        }
        if !diagnostics.isEmpty, !output.json {
            // Warnings only: show them, then go on.
            reporter.report(diagnostics.sortedBySource, subject: blueprintPath)
        }

        let printer = ProgressPrinter(json: output.json)
        let report = try await state.running(printer: printer) { store in
            let runner = DeploymentRunner(store: store, parallelism: parallelism, progress: printer.print)
            return try await runner.apply(
                blueprint: blueprint, blueprintPath: blueprintPath, run: dryRun,
                inputsText: (inputs.files + inputs.assignments).joined(separator: "\n"),
                connections: .init(connect: connect, simulate: simulate))
        }
        printer.finish(report)
        if report.result == .failed { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}

/// `--state-dir`, shared by the commands that read or change the state.
struct StateOptions: ParsableArguments {
    @Option(name: .customLong("state-dir"),
            help: ArgumentHelp("Where deployments are recorded (default: $BLUEVIRT_STATE_DIR, else $XDG_STATE_HOME/bluevirt, else ~/.local/state/bluevirt).", valueName: "dir"))
    var stateDir: String?

    /// Opens the state and runs `body`; a refused lock or an unusable state is printed and exits 1.
    func running<T>(printer: ProgressPrinter, _ body: (StateStore) async throws -> T) async throws -> T {
        do {
            return try await body(StateStore(stateDirOption: stateDir))
        } catch let error as StateStoreError {
            printer.fail("\(error)")
        } catch let error as DeploymentProblem {
            printer.fail(error.description)
        }
    }
}

/// Prints progress: plain timestamped lines on standard error, or with --json one JSON
/// object per line on standard output.
struct ProgressPrinter: Sendable {
    let json: Bool

    @Sendable func print(_ event: ProgressEvent) {
        if json {
            var object: [String: JSONValue] = [
                "event": .string(event.kind.rawValue), "time": .string(Self.isoTime(event.time)), "message": .string(event.message),
            ]
            if let instance = event.instance { object["instance"] = .string(instance) }
            if let step = event.step { object["step"] = .string(step) }
            Self.write(JSONValue.object(object).jsonText() + "\n", to: .standardOutput)
        } else {
            Self.write("\(Self.isoTime(event.time)) \(event.kind.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(event.message)\n",
                       to: .standardError)
        }
    }

    /// The closing result: a summary and the outputs.
    func finish(_ report: RunReport) {
        if json {
            var object: [String: JSONValue] = [
                "event": .string("result"), "deployment": .string(report.deployment), "result": .string(report.result.rawValue),
                "ran": .integer(Int64(report.ran)), "skipped": .integer(Int64(report.skipped)),
                "failures": .array(report.failures.map { .object(["instance": .string($0.instance), "step": .string($0.step),
                                                                   "object": $0.object.map(JSONValue.string) ?? .null, "message": .string($0.message)]) }),
            ]
            if let outputs = report.outputs { object["outputs"] = outputs }
            Self.write(JSONValue.object(object).jsonText() + "\n", to: .standardOutput)
            return
        }
        let summary = switch report.result {
        case .applied: "deployment '\(report.deployment)' applied: \(report.ran) operation\(report.ran == 1 ? "" : "s") run, \(report.skipped) already done"
        case .unchanged: "deployment '\(report.deployment)' is unchanged: nothing to do"
        case .destroyed: "deployment '\(report.deployment)' destroyed: \(report.ran) operation\(report.ran == 1 ? "" : "s") run, \(report.skipped) already done"
        case .failed: "deployment '\(report.deployment)' failed after \(report.ran) operation\(report.ran == 1 ? "" : "s"); run the same command again to resume"
        }
        var text = ""
        for failure in report.failures { text += "error: \(failure)\n" }
        if !text.isEmpty { Self.write(text, to: .standardError) }
        Swift.print(summary)
        if let outputs = report.outputs { Swift.print(Self.outputsText(outputs), terminator: "") }
    }

    /// Reports a problem that stops the command before anything ran, and exits 1.
    func fail(_ message: String) -> Never {
        if json {
            Self.write(JSONValue.object(["event": .string("error"), "message": .string(message)]).jsonText() + "\n", to: .standardOutput)
        } else {
            Self.write("error: \(message)\n", to: .standardError)
        }
        Foundation.exit(ExitStatus.invalid.rawValue)
    }

    /// Outputs as `name: value` lines, strings without quotes.
    static func outputsText(_ outputs: JSONValue) -> String {
        guard case .object(let entries) = outputs, !entries.isEmpty else { return "" }
        var text = "outputs:\n"
        for key in entries.keys.sorted() {
            let value = entries[key]!
            if case .string(let string) = value { text += "  \(key): \(string)\n" } else { text += "  \(key): \(value.jsonText())\n" }
        }
        return text
    }

    static func isoTime(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }

    static func write(_ text: String, to handle: FileHandle) {
        handle.write(Data(text.utf8))
    }
}
