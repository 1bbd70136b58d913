import Blueprint
import Diagnostics
import StateStore

/// A workflow of the blueprint with the parameters `bluevirt run` gives it: checked against
/// the workflow's declared `parameters` (every given name declared, every parameter without a
/// default given, declared types kept), defaults filled in.
public struct WorkflowCall: Sendable {
    public var name: String
    public var kind: WorkflowKind
    /// Every declared parameter: the given value or its default.
    public var parameters: [String: JSONValue]

    /// One `-p KEY=VALUE`: its value read as a YAML scalar or flow collection (JSON too), and
    /// where it was written, for diagnostics.
    public struct Given: Sendable {
        public var name: String
        public var value: JSONValue
        public var range: SourceRange
    }

    /// Reads `-p` assignments as `--input` does: `delta=2` is a number, `node_ids=[a, b]` a list,
    /// `flag=true` a boolean.
    public static func parse(assignments: [String]) -> (given: [Given], diagnostics: [Diagnostic]) {
        var given: [Given] = []
        var diagnostics: [Diagnostic] = []
        for assignment in assignments {
            let (input, problems) = ProvidedInput.parse(assignment: assignment)
            diagnostics += problems.map { problem in
                var problem = problem
                problem.code = .malformedWorkflowParameter
                problem.message = problem.message.replacing("an input assignment", with: "a workflow parameter (-p)")
                    .replacing("the input assignment", with: "the workflow parameter (-p)")
                problem.notes = [DiagnosticNote("for example -p snapshot_name=nightly or -p 'node_ids=[web, db]'")]
                return problem
            }
            if let input { given.append(Given(name: input.name, value: OutputResolver.json(Value(input.value)), range: input.origin)) }
        }
        return (given, diagnostics)
    }

    /// The call of workflow `name` of `blueprint` with `given`; nil and the reasons when it
    /// cannot run.
    public static func resolve(_ name: String, given: [Given], in blueprint: Blueprint) -> (call: WorkflowCall?, diagnostics: [Diagnostic]) {
        guard let workflow = blueprint.workflows[name] else {
            let known = blueprint.workflows.names.sorted()
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.suggestion(for: name, among: known) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
            notes.append(DiagnosticNote("the blueprint's workflows: \(known.joined(separator: ", "))"))
            if ["suspend", "resume", "backup", "restore", "remove_backup", "statistics", "configuration_update"].contains(name) {
                notes.append(DiagnosticNote("'\(name)' is a workflow of the utilities plugin: import plugin:cloudify-utilities-plugin in the blueprint"))
            } else if let reason = WorkflowKind.utilitiesWorkflowsLeftOut[name] {
                notes.append(DiagnosticNote("'\(name)' is a workflow of the utilities plugin that bluevirt leaves out: \(reason)"))
            }
            return (nil, [.error(.unknownWorkflow, "the blueprint has no workflow '\(name)'", at: commandLineRange, notes: notes)])
        }
        let kind = WorkflowKind(mapping: workflow.mapping)
        switch kind {
        case .unsupported(let mapping):
            return (nil, [.error(.workflowNotRunnable, "workflow '\(name)' maps to '\(mapping)', which bluevirt does not run", at: workflow.mappingRange,
                                 notes: [DiagnosticNote(WorkflowKind.whatRuns)])])
        default:
            break
        }
        var diagnostics: [Diagnostic] = []
        var parameters: [String: JSONValue] = [:]
        let declared = workflow.parameters.names
        for parameter in given {
            guard let schema = workflow.parameters[parameter.name] else {
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.suggestion(for: parameter.name, among: declared) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
                notes.append(DiagnosticNote(declared.isEmpty ? "workflow '\(name)' takes no parameters"
                                                : "the parameters of workflow '\(name)': \(declared.joined(separator: ", "))"))
                diagnostics.append(.error(.unknownWorkflowParameter, "workflow '\(name)' has no parameter '\(parameter.name)'", at: parameter.range, notes: notes))
                continue
            }
            if let problem = typeProblem(parameter.value, schema: schema) {
                diagnostics.append(.error(.workflowParameterType, "parameter '\(parameter.name)' of workflow '\(name)' \(problem)", at: parameter.range,
                                          notes: [DiagnosticNote("write -p \(parameter.name)=VALUE with a value of type \(schema.type ?? "")")]))
                continue
            }
            parameters[parameter.name] = parameter.value
        }
        for schema in workflow.parameters.elements where parameters[schema.name] == nil && !given.contains(where: { $0.name == schema.name }) {
            if let value = schema.default?.literalValue {
                parameters[schema.name] = OutputResolver.json(value)
            } else if schema.required {
                diagnostics.append(.error(.missingWorkflowParameter, "workflow '\(name)' needs parameter '\(schema.name)'", at: commandLineRange,
                                          notes: [DiagnosticNote("give it with -p \(schema.name)=VALUE\(schema.description.map { ": \($0)" } ?? "")")]))
            }
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        guard workflow.mapping == WorkflowKind.scriptRunnerMapping else {
            return (WorkflowCall(name: name, kind: kind, parameters: parameters), diagnostics)
        }
        // Cloudify's script plugin takes the script from script_path; the rest are its inputs.
        guard case .string(let path)? = parameters.removeValue(forKey: WorkflowKind.scriptPathParameter), !path.isEmpty else {
            return (nil, [.error(.workflowNotRunnable, "workflow '\(name)' maps to '\(workflow.mapping)' but names no script", at: workflow.mappingRange,
                                 notes: [DiagnosticNote("give the parameter 'script_path' a default (the script, relative to the blueprint), or write the script itself as the mapping")])])
        }
        return (WorkflowCall(name: name, kind: .script(path), parameters: parameters), diagnostics)
    }

    /// Why `value` does not fit the declared primitive type; nil when it does (or no primitive is declared).
    private static func typeProblem(_ value: JSONValue, schema: PropertySchema) -> String? {
        switch (schema.type, value) {
        case ("boolean", .bool), ("integer", .integer), ("float", .integer), ("float", .number), ("string", .string),
             ("list", .array), ("dict", .object), (nil, _), (_, .null):
            return nil
        case ("boolean", _), ("integer", _), ("float", _), ("string", _), ("list", _), ("dict", _):
            let type = schema.type!
            return "must be \(type == "integer" ? "an" : "a") \(type), not \(value.jsonText())"
        default:
            return nil
        }
    }

    /// Where a problem of the command line as a whole is reported: no position, printed as
    /// `error: …` (a `-p` that is itself wrong is reported at its own range).
    static let commandLineRange = SourceRange.unplaced(ProvidedInput.commandLine)
}
