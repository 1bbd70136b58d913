import YAMLSource

/// Parses `workflows`: name → a task (`plugin.module.function`) or {mapping, parameters, is_cascading}.
enum WorkflowParser {
    static let keys = ["mapping", "parameters", "is_cascading", "availability_rules"]
    /// The rules Cloudify knows for when a workflow may run (DSL 1_4).
    static let availabilityRuleKeys = ["available", "node_instances_active", "node_types_required"]

    static func parse(_ entry: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Workflow? {
        let what = "workflow '\(entry.name)'"
        if let mapping = entry.value.string {
            return Workflow(name: entry.name, mapping: mapping, mappingRange: entry.value.range, parameters: NameTable(), isCascading: nil, range: entry.value.range, nameRange: entry.key.range)
        }
        guard let pairs = entry.value.pairs else {
            diagnostics.append(.error(.wrongShape, "\(what) must be a task name (a string) or a mapping with 'mapping' and 'parameters', not \(entry.value.kindDescription)", at: entry.value.range,
                                      notes: [DiagnosticNote("write the task alone, PLUGIN.TASK, or {mapping: PLUGIN.TASK, parameters: {…}}")]))
            return nil
        }
        DefinitionReader.checkKeys(pairs, allowed: keys, in: what, diagnostics: &diagnostics)
        guard let mappingPair = DefinitionReader.requireKey("mapping", in: pairs, of: what, at: entry.key.range,
                                                                hint: "name the task that runs, e.g. 'mapping: PLUGIN.module.function'", diagnostics: &diagnostics),
              let mapping = DefinitionReader.string(mappingPair.value, of: "the mapping of \(what)", diagnostics: &diagnostics) else { return nil }
        var parameters = NameTable<PropertySchema>()
        if let parametersNode = DefinitionReader.entry("parameters", in: pairs)?.value,
           let parameterPairs = DefinitionReader.pairs(parametersNode, of: "the parameters of \(what)", diagnostics: &diagnostics) {
            for pair in parameterPairs {
                guard let schema = PropertySchema.parse(name: pair.key, declaration: pair.value, kind: .input, diagnostics: &diagnostics) else { continue }
                parameters[schema.name] = schema
                checks.declaration(schema, kind: .input)
            }
        }
        if let rules = DefinitionReader.entry("availability_rules", in: pairs)?.value, rules.scalar?.value != .null,
           let rulePairs = DefinitionReader.pairs(rules, of: "the availability_rules of \(what)", diagnostics: &diagnostics) {
            DefinitionReader.checkKeys(rulePairs, allowed: availabilityRuleKeys, in: "the availability_rules of \(what)", diagnostics: &diagnostics)
        }
        var isCascading: Bool?
        if let cascading = DefinitionReader.entry("is_cascading", in: pairs)?.value {
            isCascading = DefinitionReader.bool(cascading)
            if isCascading == nil {
                diagnostics.append(.error(.wrongShape, "'is_cascading' of \(what) must be true or false, not \(cascading.kindDescription)", at: cascading.range,
                                          notes: [ShapeHint.flag]))
            }
        }
        return Workflow(name: entry.name, mapping: mapping, mappingRange: mappingPair.value.range, parameters: parameters, isCascading: isCascading, range: entry.value.range, nameRange: entry.key.range)
    }
}
