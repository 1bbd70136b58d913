import Platform
import StateStore

/// What an update changes besides the objects: the outputs the blueprint now evaluates to, the
/// inputs it is given, the blueprint file it is applied from. A change of these alone runs no
/// operation, but apply records it, so that `outputs`, `run` and `destroy` use the new ones.
public struct DeploymentRecordChanges: Sendable, Hashable {
    /// One output added (`old` nil), removed (`new` nil) or with another value; values masked.
    public struct OutputChange: Sendable, Hashable {
        public var name: String
        public var old: JSONValue?
        public var new: JSONValue?
    }

    public var outputs: [OutputChange] = []
    /// The inputs are given otherwise than at the last apply (other --inputs files or --input values).
    public var inputsChanged = false
    /// Each input given then or now with another value, by name; values masked. Empty while
    /// `inputsChanged` when the deployment keeps no values to compare (an older bluevirt applied it).
    public var inputs: [InputChange] = []
    /// The blueprint file apply now names, when it is another than the recorded one.
    public var blueprintPath: String?
    public var recordedBlueprintPath: String?

    public var isEmpty: Bool { outputs.isEmpty && !inputsChanged && blueprintPath == nil }

    public init() {}

    /// The changes from the recorded deployment: `recordedOutputs` as stored (nil: none were),
    /// `outputs` as the blueprint now evaluates them (masked as recorded). A nil `blueprintPath`
    /// or `inputsDigest` is not compared.
    init(recorded: Deployment, recordedOutputs: JSONValue?, outputs: JSONValue, blueprintPath: String?, inputsDigest: String?) {
        let old = Self.entries(recordedOutputs)
        let new = Self.entries(outputs)
        self.outputs = Set(old.keys).union(new.keys).sorted().compactMap { name in
            old[name] == new[name] ? nil : OutputChange(name: name, old: old[name], new: new[name])
        }
        inputsChanged = inputsDigest.map { $0 != recorded.inputsDigest } ?? false
        // `lab.yaml` and `./lab.yaml` name the same file: only another file is a change.
        if let blueprintPath, Self.standardized(blueprintPath) != Self.standardized(recorded.blueprintPath) {
            self.blueprintPath = blueprintPath
            recordedBlueprintPath = recorded.blueprintPath
        }
    }

    private static func standardized(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    private static func entries(_ outputs: JSONValue?) -> [String: JSONValue] {
        if case .object(let entries)? = outputs { return entries }
        return [:]
    }

    /// `2 outputs changed`, `inputs changed`, `blueprint file changed`: the parts of a plan's summary.
    var summaryParts: [String] {
        var parts: [String] = []
        if !outputs.isEmpty { parts.append("\(outputs.count) output\(outputs.count == 1 ? "" : "s") changed") }
        if inputsChanged { parts.append("inputs changed") }
        if blueprintPath != nil { parts.append("blueprint file changed") }
        return parts
    }
}
