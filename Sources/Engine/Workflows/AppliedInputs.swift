import Blueprint
import Diagnostics
import StateStore
import YAMLSource

/// The inputs a deployment was applied with, as the state keeps them
/// (`Deployment.appliedInputs`): what apply records, what `bluevirt run` binds when it is given
/// none, as Cloudify's deployments keep their inputs, and how run tells inputs it is given
/// from them.
///
/// Values are kept as bound, in the state (mode 0600) like the `params` runtime property that
/// holds the same values; they are shown only through the run's `SecretMask`, so a value that is
/// a secret's prints as `${get_secret: NAME}`. An input left to its default is not recorded: a
/// default that reads a secret is read again from the secrets at each run.
public enum AppliedInputs {
    /// What apply records of the inputs `provided` to it: each given input's value as
    /// `blueprint` bound it or, when it was given as a function that binds only during a run,
    /// as written.
    public static func recorded(_ provided: [ProvidedInput], in blueprint: Blueprint) -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for input in provided where blueprint.inputs[input.name] != nil {
            values[input.name] = OutputResolver.json(blueprint.inputValues[input.name] ?? Value(input.value))
        }
        return values
    }

    /// The recorded `values` as inputs to bind, as if given in a file that has no positions.
    public static func provided(_ values: [String: JSONValue], deployment: String) -> [ProvidedInput] {
        let range = SourceRange.unplaced("<the inputs deployment '\(deployment)' was applied with>")
        return values.sorted { $0.key < $1.key }.map { ProvidedInput(name: $0.key, value: node($0.value, at: range), origin: range) }
    }

    /// BV0879 when the inputs `provided` to `bluevirt run` bind (in `given`) otherwise than the
    /// `recorded` ones did (in `applied`, the same blueprint loaded with them): a note per
    /// differing input with both values, at the `--inputs` file's key or the default
    /// in the blueprint where the given value comes from one. nil when they bind alike.
    public static func mismatch(deployment: String, workflow: String, recorded: [String: JSONValue], applied: Blueprint,
                                given: Blueprint, provided: [ProvidedInput]) -> Diagnostic? {
        var origins: [String: SourceRange] = [:]
        for input in provided { origins[input.name] = input.origin }
        var notes: [DiagnosticNote] = []
        for schema in given.inputs.elements where applied.inputValues[schema.name] != given.inputValues[schema.name] {
            let name = schema.name
            let change = InputChange(name: name, applied: applied.inputValues[name].map(OutputResolver.json), appliedIsDefault: recorded[name] == nil,
                                     given: given.inputValues[name].map(OutputResolver.json), givenIsDefault: origins[name] == nil, hidden: schema.hidden)
            guard !change.hidden else {
                notes.append(DiagnosticNote("input '\(name)': the value given differs from the one applied (\(InputChange.hiddenNote))",
                                            at: origins[name].flatMap(placed)))
                continue
            }
            notes.append(DiagnosticNote("input '\(name)': applied \(change.appliedText), given \(change.givenText)",
                                        at: origins[name] == nil ? placed(schema.default?.range ?? schema.nameRange) : origins[name].flatMap(placed)))
        }
        guard !notes.isEmpty else { return nil }
        notes.append(DiagnosticNote("leave out --inputs and --input to run with the inputs the deployment was applied with; to change the deployment, apply the change first (bluevirt plan shows what it changes)"))
        return .error(.deploymentChangedSinceApply,
                      "the inputs given differ from those deployment '\(deployment)' was applied with, so workflow '\(workflow)' cannot act on it",
                      at: WorkflowCall.commandLineRange, notes: notes)
    }

    /// A range to point a note at: one in a file (an `--inputs` file, the blueprint), not a
    /// command-line assignment, which has no text to show.
    private static func placed(_ range: SourceRange) -> SourceRange? {
        range.file == ProvidedInput.commandLine || range.isUnplaced ? nil : range
    }

    private static func node(_ value: JSONValue, at range: SourceRange) -> Node {
        func scalar(_ text: String, _ style: Scalar.Style, _ value: ScalarValue) -> Node {
            Node(.scalar(Scalar(text: text, style: style, value: value)), range: range)
        }
        switch value {
        case .null: return scalar("null", .plain, .null)
        case .bool(let flag): return scalar(flag ? "true" : "false", .plain, .bool(flag))
        case .integer(let number): return scalar(String(number), .plain, .int(Int(number)))
        case .number(let number): return scalar(value.jsonText(), .plain, .float(number))
        case .string(let text): return scalar(text, .doubleQuoted, .string(text))
        case .array(let items): return Node(.sequence(items.map { node($0, at: range) }), range: range)
        case .object(let entries):
            return Node(.mapping(entries.sorted { $0.key < $1.key }.map {
                Pair(key: scalar($0.key, .doubleQuoted, .string($0.key)), value: node($0.value, at: range))
            }), range: range)
        }
    }
}
