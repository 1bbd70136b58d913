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

    /// The declared properties (or parameters) of each policy type (or trigger).
    private(set) var policyTypes: [String: NameTable<PropertySchema>] = [:]
    private(set) var triggers: [String: NameTable<PropertySchema>] = [:]

    /// Reads `policy_types` and `policy_triggers`; their declared types and defaults are checked
    /// as a node type's are.
    mutating func readDeclarations(policyTypes types: [SectionEntry], triggers triggerEntries: [SectionEntry],
                                   checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        for entry in types {
            if let schema = Self.declaration(entry, what: "policy type '\(entry.name)'", keys: Self.policyTypeKeys, schemaKey: "properties",
                                             checks: &checks, diagnostics: &diagnostics) {
                policyTypes[entry.name] = schema
            }
        }
        for entry in triggerEntries {
            if let schema = Self.declaration(entry, what: "policy trigger '\(entry.name)'", keys: Self.triggerKeys, schemaKey: "parameters",
                                             checks: &checks, diagnostics: &diagnostics) {
                triggers[entry.name] = schema
            }
        }
    }

    private static func declaration(_ entry: SectionEntry, what: String, keys: [String], schemaKey: String,
                                    checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> NameTable<PropertySchema>? {
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: keys, in: what, diagnostics: &diagnostics)
        if let source = DefinitionReader.requireKey("source", in: pairs, of: what, at: entry.key.range,
                                                     hint: "give the file that implements it, e.g. 'source: policies/\(entry.name).clj'", diagnostics: &diagnostics) {
            _ = DefinitionReader.string(source.value, of: "the source of \(what)", diagnostics: &diagnostics)
        }
        var schema = NameTable<PropertySchema>()
        guard let schemaNode = DefinitionReader.entry(schemaKey, in: pairs)?.value, schemaNode.scalar?.value != .null,
              let schemaPairs = DefinitionReader.pairs(schemaNode, of: "the \(schemaKey) of \(what)", diagnostics: &diagnostics) else { return schema }
        for pair in schemaPairs {
            guard let name = DefinitionReader.name(pair.key, in: "the \(schemaKey) of \(what)", diagnostics: &diagnostics) else { continue }
            var declared = PropertySchema(name: name, range: pair.value.range, nameRange: pair.key.range)
            if pair.value.scalar?.value != .null {
                guard let fields = DefinitionReader.pairs(pair.value, of: "\(schemaKey) '\(name)' of \(what)", diagnostics: &diagnostics) else { continue }
                DefinitionReader.checkKeys(fields, allowed: schemaKeys, in: "\(schemaKey) '\(name)' of \(what)", diagnostics: &diagnostics)
                if let type = DefinitionReader.entry("type", in: fields)?.value,
                   let typeName = DefinitionReader.string(type, of: "the type of \(schemaKey) '\(name)' of \(what)", diagnostics: &diagnostics) {
                    declared.type = typeName
                    declared.typeRange = type.range
                }
                declared.default = DefinitionReader.entry("default", in: fields).map { ExpressionParser.parse($0.value, diagnostics: &diagnostics) }
                declared.required = DefinitionReader.entry("required", in: fields).flatMap { DefinitionReader.bool($0.value) } ?? true
                checks.declaration(declared)
            }
            schema[name] = declared
        }
        return schema
    }

    /// Checks the `policies` of one group (its node is the group's mapping), and their triggers.
    func checkGroupPolicies(of group: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        guard let pairs = group.value.pairs else { return }
        let policy = TypedEntries(noun: "policy", plural: "policies", keys: Self.groupPolicyKeys, valuesKey: "properties", valueKind: "property",
                                  typeNoun: "policy type", section: "policy_types", declared: policyTypes)
        for (what, fields) in Self.check(DefinitionReader.entry("policies", in: pairs)?.value, as: policy,
                                         of: "group '\(group.name)'", checks: &checks, diagnostics: &diagnostics) {
            let trigger = TypedEntries(noun: "trigger", plural: "triggers", keys: Self.groupTriggerKeys, valuesKey: "parameters", valueKind: "parameter",
                                       typeNoun: "policy trigger", section: "policy_triggers", declared: triggers)
            _ = Self.check(DefinitionReader.entry("triggers", in: fields)?.value, as: trigger, of: what, checks: &checks, diagnostics: &diagnostics)
        }
    }

    /// A mapping of named entries that each name a declared type and give its values: a
    /// group's policies (of policy_types) and a policy's triggers (of policy_triggers).
    private struct TypedEntries {
        var noun: String
        var plural: String
        var keys: [String]
        var valuesKey: String
        var valueKind: String
        var typeNoun: String
        var section: String
        var declared: [String: NameTable<PropertySchema>]
    }

    /// Checks each entry of `node`, which belongs to `owner`, as `kind` says; returns each well-formed entry's description
    /// and fields, for the entries nested in it.
    private static func check(_ node: Node?, as kind: TypedEntries, of owner: String,
                              checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> [(what: String, fields: [Pair])] {
        let container = "the \(kind.plural) of \(owner)"
        guard let node, node.scalar?.value != .null,
              let entries = DefinitionReader.pairs(node, of: container, diagnostics: &diagnostics) else { return [] }
        var checked: [(what: String, fields: [Pair])] = []
        for entry in entries {
            guard let name = DefinitionReader.name(entry.key, in: container, diagnostics: &diagnostics) else { continue }
            let what = "\(kind.noun) '\(name)' of \(owner)"
            guard let fields = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { continue }
            DefinitionReader.checkKeys(fields, allowed: kind.keys, in: what, diagnostics: &diagnostics)
            guard let typePair = DefinitionReader.requireKey("type", in: fields, of: what, at: entry.key.range,
                                                             hint: "name one of the blueprint's \(kind.section)", diagnostics: &diagnostics),
                  let type = DefinitionReader.string(typePair.value, of: "the type of \(what)", diagnostics: &diagnostics) else { continue }
            if let schema = kind.declared[type] {
                checkValues(DefinitionReader.entry(kind.valuesKey, in: fields)?.value, against: schema, kind: kind.valueKind,
                            of: what, typeName: "\(kind.typeNoun) '\(type)'", at: entry.key.range, checks: &checks, diagnostics: &diagnostics)
            } else {
                diagnostics.append(unknown(kind.typeNoun, type, in: what, declared: kind.declared.keys.sorted(), section: kind.section,
                                           at: typePair.value.range))
            }
            checked.append((what, fields))
        }
        return checked
    }

    /// Values given for a schema: each must be declared, of its declared type, and each required
    /// one given.
    private static func checkValues(_ node: Node?, against schema: NameTable<PropertySchema>, kind: String, of what: String,
                                    typeName: String, at range: SourceRange, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) {
        var given: Set<String> = []
        if let node, node.scalar?.value != .null,
           let pairs = DefinitionReader.pairs(node, of: "the \(kind) values of \(what)", diagnostics: &diagnostics) {
            let declared = schema.names
            for pair in pairs {
                guard let name = DefinitionReader.name(pair.key, in: "the \(kind) values of \(what)", diagnostics: &diagnostics) else { continue }
                given.insert(name)
                if let declaration = DeclaredSchema(name, in: schema) {
                    // Functions are left as Cloudify leaves them here: it neither checks nor runs them.
                    let value = ExpressionParser.parse(pair.value, diagnostics: &diagnostics)
                    if !value.containsFunctions {
                        checks.expressions.append(ExpressionSite(expression: value, context: .output, declared: declaration, path: name))
                    }
                } else {
                    let note = DidYouMean.note(for: name, among: declared)
                        ?? (declared.isEmpty ? "\(typeName) declares no \(kind)s" : "\(typeName) declares: \(declared.joined(separator: ", "))")
                    diagnostics.append(.error(.unknownProperty, "\(kind) '\(name)' of \(what) is not declared by \(typeName)", at: pair.key.range,
                                              notes: [DiagnosticNote(note)]))
                }
            }
        }
        for entry in schema.elements where entry.needsValue && !given.contains(entry.name) {
            diagnostics.append(.error(.missingRequiredProperty, "\(what) gives no value for the required \(kind) '\(entry.name)' of \(typeName)", at: range,
                                      notes: [DiagnosticNote("give '\(entry.name)', or declare a default for it in \(typeName)")]))
        }
        for entry in schema.elements where !given.contains(entry.name) && NullValues.isRefusedDefault(of: entry) {
            diagnostics.append(NullValues.takenDefault(entry, by: what, at: range))
        }
    }

    private static func unknown(_ kind: String, _ name: String, in what: String, declared: [String], section: String, at range: SourceRange) -> Diagnostic {
        let note = DidYouMean.note(for: name, among: declared)
            ?? (declared.isEmpty ? "the blueprint declares no \(section)" : "declared \(section): \(declared.joined(separator: ", "))")
        var notes = [DiagnosticNote(note)]
        if name.hasPrefix("cloudify.policies.") {
            notes.append(DiagnosticNote("Cloudify's types.yaml declared the cloudify.policies.* types up to Cloudify 4.x: import a 4.x one "
                                        + "(http://www.getcloudify.org/spec/cloudify/4.6/types.yaml), or declare it under \(section)"))
        }
        return .error(.unknownGroupPolicyType, "\(what) names the \(kind) '\(name)', which is not declared", at: range, notes: notes)
    }
}
