import ArgumentParser
import Blueprint
import Engine
import Platform
import StateStore
import YAMLSource

struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a deployment's executions: workflow, parameters, steps, durations, errors.",
        discussion: """
            Every apply (install), destroy (uninstall) and bluevirt run is an execution, recorded \
            with its parameters, its status and its steps as they started, finished or failed. \
            Reads the state only.

            Examples:
              bluevirt history -d lab
              bluevirt history -d lab --json | jq '.[-1].steps[] | select(.status == "failed")'
            """
    )

    @OptionGroup var target: RecordedDeploymentOption
    var deployment: String { target.name }

    @OptionGroup var state: StateOptions<RecordedDeployments>
    @OptionGroup var output: DiagnosticOutputOptions

    func run() async throws {
        let printer = ProgressPrinter(json: output.json)
        let (history, mask) = try await state.running(printer: printer, access: .look) { store -> (ExecutionHistory, SecretMask) in
            _ = try printer.recordedDeployment(deployment, in: store)
            return (try ExecutionHistory.read(deployment: deployment, store: store), try DeploymentSecrets.mask(deployment: deployment, store: store))
        }
        if output.json {
            print(mask(history.json).jsonText())
            return
        }
        for entry in history.entries {
            print(mask(Self.text(of: entry)), terminator: "")
        }
    }

    /// One execution: a heading line, its parameters, its notes, its steps with the lines each
    /// logged, its error.
    static func text(of entry: ExecutionHistory.Entry) -> String {
        let execution = entry.execution
        var text = "#\(execution.id)  \(execution.workflow.rawValue)  \(execution.status.rawValue)  \(ProgressPrinter.isoTime(execution.startedAt))"
        if let duration = entry.duration { text += "  \(seconds(duration))" }
        text += "\n"
        if case .object(let parameters)? = execution.parameters, !parameters.isEmpty {
            let shown = parameters.keys.sorted().map { key in
                let value = parameters[key]!
                return "\(key)=\(value.jsonText())"
            }
            text += "    parameters: \(TerminalText.escapingControls(shown.joined(separator: " "), keepingLineBreaks: false))\n"
        }
        for note in entry.notes { text += "    note: \(TerminalText.escapingControls(note.message))\n" }
        for step in entry.steps {
            var line = "    \(step.key)  \(step.status)"
            if let duration = step.duration { line += "  \(seconds(duration))" }
            if step.retries > 0 { line += "  (\(step.retries) retr\(step.retries == 1 ? "y" : "ies"))" }
            // What its scripts printed and logged (`[warning] …`), as the progress display showed it.
            for note in step.notes { line += "\n      note: \(note.message)" }
            if let error = step.error { line += "\n      error: \(error)" }
            text += TerminalText.escapingControls(line) + "\n"
        }
        if let error = execution.error { text += "    error: \(TerminalText.escapingControls(error))\n" }
        return text
    }

    private static func seconds(_ value: TimeInterval) -> String {
        String(printf: "%.3f s", value)
    }
}
