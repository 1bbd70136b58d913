import YAMLSource

/// Checks the monitoring-policy sections of Cloudify's DSL as Cloudify's parser does:
/// `policy_types` (a `source` and a property schema), `policy_triggers` (a `source` and a
/// parameter schema), and the `policies` of each group (a declared type, its properties, and
/// triggers of declared trigger types with their parameters). bluevirt runs no monitoring
/// policies; the sections are checked so that a blueprint Cloudify refuses is refused here too,
/// and kept as written.
struct GroupPolicyParser {
    static let policyTypeKeys = ["source", "properties"]
    static let triggerKeys = ["source", "parameters"]
    static let groupPolicyKeys = ["type", "properties", "triggers"]
    static let groupTriggerKeys = ["type", "parameters"]
    static let schemaKeys = ["description", "type", "default", "required"]

    /// Declared property (or parameter) names of each policy type (or trigger), and whether each
    /// is required (no default and not `required: false`).
    private(set) var policyTypes: [String: [(name: String, required: Bool)]] = [:]
    private(set) var triggers: [String: [(name: String, required: Bool)]] = [:]

    /// Reads `policy_types` and `policy_triggers`.
    mutating func readDeclarations(policyTypes types: [SectionEntry], triggers triggerEntries: [SectionEntry], diagnostics: inout [Diagnostic]) {
        for entry in types {
            if let schema = Self.declaration(entry, what: "policy type '\(entry.name)'", keys: Self.policyTypeKeys, schemaKey: "properties", diagnostics: &diagnostics) {
                policyTypes[entry.name] = schema
            }
        }
        for entry in triggerEntries {
            if let schema = Self.declaration(entry, what: "policy trigger '\(entry.name)'", keys: Self.triggerKeys, schemaKey: "parameters", diagnostics: &diagnostics) {
                triggers[entry.name] = schema
            }
        }
    }

    private static func declaration(_ entry: SectionEntry, what: String, keys: [String], schemaKey: String,
                                    diagnostics: inout [Diagnostic]) -> [(name: String, required: Bool)]? {
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: keys, in: what, diagnostics: &diagnostics)
        if let source = DefinitionReader.requireKey("source", in: pairs, of: what, at: entry.key.range,
                                                     hint: "give the file that implements it, e.g. 'source: policies/\(entry.name).clj'", diagnostics: &diagnostics) {
            _ = DefinitionReader.string(source.value, of: "the source of \(what)", diagnostics: &diagnostics)
        }
        var schema: [(name: String, required: Bool)] = []
        guard let schemaNode = DefinitionReader.entry(schemaKey, in: pairs)?.value, schemaNode.scalar?.value != .null,
              let schemaPairs = DefinitionReader.pairs(schemaNode, of: "the \(schemaKey) of \(what)", diagnostics: &diagnostics) else { return schema }
        for pair in schemaPairs {
            guard let name = DefinitionReader.name(pair.key, in: "the \(schemaKey) of \(what)", diagnostics: &diagnostics) else { continue }
            var required = true
            if pair.value.scalar?.value != .null {
                guard let fields = DefinitionReader.pairs(pair.value, of: "\(schemaKey) '\(name)' of \(what)", diagnostics: &diagnostics) else { continue }
                DefinitionReader.checkKeys(fields, allowed: schemaKeys, in: "\(schemaKey) '\(name)' of \(what)", diagnostics: &diagnostics)
                let hasDefault = DefinitionReader.entry("default", in: fields) != nil
                let optional = DefinitionReader.entry("required", in: fields).flatMap { DefinitionReader.bool($0.value) } == false
                required = !hasDefault && !optional
            }
            schema.append((name, required))
        }
        return schema
    }

    /// Checks the `policies` of one group (its node is the group's mapping).
    func checkGroupPolicies(of group: SectionEntry, diagnostics: inout [Diagnostic]) {
        guard let pairs = group.value.pairs, let policiesNode = DefinitionReader.entry("policies", in: pairs)?.value,
              policiesNode.scalar?.value != .null,
              let policies = DefinitionReader.pairs(policiesNode, of: "the policies of group '\(group.name)'", diagnostics: &diagnostics) else { return }
        for policy in policies {
            guard let name = DefinitionReader.name(policy.key, in: "the policies of group '\(group.name)'", diagnostics: &diagnostics) else { continue }
            let what = "policy '\(name)' of group '\(group.name)'"
            guard let fields = DefinitionReader.pairs(policy.value, of: what, diagnostics: &diagnostics) else { continue }
            DefinitionReader.checkKeys(fields, allowed: Self.groupPolicyKeys, in: what, diagnostics: &diagnostics)
            guard let typePair = DefinitionReader.requireKey("type", in: fields, of: what, at: policy.key.range,
                                                             hint: "name one of the blueprint's policy_types", diagnostics: &diagnostics),
                  let type = DefinitionReader.string(typePair.value, of: "the type of \(what)", diagnostics: &diagnostics) else { continue }
            if let schema = policyTypes[type] {
                Self.checkValues(DefinitionReader.entry("properties", in: fields)?.value, against: schema, kind: "property",
                                 of: what, typeName: "policy type '\(type)'", at: policy.key.range, diagnostics: &diagnostics)
            } else {
                diagnostics.append(Self.unknown("policy type", type, in: what, declared: policyTypes.keys.sorted(), section: "policy_types", at: typePair.value.range))
            }
            guard let triggersNode = DefinitionReader.entry("triggers", in: fields)?.value, triggersNode.scalar?.value != .null,
                  let triggerPairs = DefinitionReader.pairs(triggersNode, of: "the triggers of \(what)", diagnostics: &diagnostics) else { continue }
            for trigger in triggerPairs {
                guard let triggerName = DefinitionReader.name(trigger.key, in: "the triggers of \(what)", diagnostics: &diagnostics) else { continue }
                let triggerWhat = "trigger '\(triggerName)' of \(what)"
                guard let triggerFields = DefinitionReader.pairs(trigger.value, of: triggerWhat, diagnostics: &diagnostics) else { continue }
                DefinitionReader.checkKeys(triggerFields, allowed: Self.groupTriggerKeys, in: triggerWhat, diagnostics: &diagnostics)
                guard let triggerType = DefinitionReader.requireKey("type", in: triggerFields, of: triggerWhat, at: trigger.key.range,
                                                                    hint: "name one of the blueprint's policy_triggers", diagnostics: &diagnostics),
                      let triggerTypeName = DefinitionReader.string(triggerType.value, of: "the type of \(triggerWhat)", diagnostics: &diagnostics) else { continue }
                if let schema = triggers[triggerTypeName] {
                    Self.checkValues(DefinitionReader.entry("parameters", in: triggerFields)?.value, against: schema, kind: "parameter",
                                     of: triggerWhat, typeName: "policy trigger '\(triggerTypeName)'", at: trigger.key.range, diagnostics: &diagnostics)
                } else {
                    diagnostics.append(Self.unknown("policy trigger", triggerTypeName, in: triggerWhat, declared: triggers.keys.sorted(),
                                                    section: "policy_triggers", at: triggerType.value.range))
                }
            }
        }
    }

    /// Values given for a schema: each must be declared, and each required one given.
    private static func checkValues(_ node: Node?, against schema: [(name: String, required: Bool)], kind: String, of what: String,
                                    typeName: String, at range: SourceRange, diagnostics: inout [Diagnostic]) {
        var given: Set<String> = []
        if let node, node.scalar?.value != .null,
           let pairs = DefinitionReader.pairs(node, of: "the \(kind) values of \(what)", diagnostics: &diagnostics) {
            let declared = schema.map(\.name)
            for pair in pairs {
                guard let name = DefinitionReader.name(pair.key, in: "the \(kind) values of \(what)", diagnostics: &diagnostics) else { continue }
                given.insert(name)
                if !declared.contains(name) {
                    let note = DidYouMean.note(for: name, among: declared)
                        ?? (declared.isEmpty ? "\(typeName) declares no \(kind)s" : "\(typeName) declares: \(declared.joined(separator: ", "))")
                    diagnostics.append(.error(.unknownProperty, "\(kind) '\(name)' of \(what) is not declared by \(typeName)", at: pair.key.range,
                                              notes: [DiagnosticNote(note)]))
                }
            }
        }
        for entry in schema where entry.required && !given.contains(entry.name) {
            diagnostics.append(.error(.missingRequiredProperty, "\(what) gives no value for the required \(kind) '\(entry.name)' of \(typeName)", at: range,
                                      notes: [DiagnosticNote("give '\(entry.name)', or declare a default for it in \(typeName)")]))
        }
    }

    private static func unknown(_ kind: String, _ name: String, in what: String, declared: [String], section: String, at range: SourceRange) -> Diagnostic {
        let note = DidYouMean.note(for: name, among: declared)
            ?? (declared.isEmpty ? "the blueprint declares no \(section)" : "declared \(section): \(declared.joined(separator: ", "))")
        return .error(.unknownGroupPolicyType, "\(what) names the \(kind) '\(name)', which is not declared", at: range, notes: [DiagnosticNote(note)])
    }
}
