import YAMLSource

/// Parses `groups` (members) and `policies` (a type, targets and properties), checking, as
/// Cloudify does, that members and targets exist and that there is at least one of each, that a
/// group is not named like a node template, and that policies are scaling policies.
struct GroupParser {
    let templateNames: Set<String>
    let groupNames: [String]

    static let groupKeys = ["members", "policies"]
    static let policyKeys = ["type", "targets", "properties"]
    static let scalingPropertyKeys = ["default_instances", "min_instances", "max_instances", "planned_instances", "current_instances"]

    func parseGroup(_ entry: SectionEntry, diagnostics: inout [Diagnostic]) -> Group? {
        let what = "group '\(entry.name)'"
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: Self.groupKeys, in: what, diagnostics: &diagnostics)
        guard let membersPair = DefinitionReader.requireKey("members", in: pairs, of: what, at: entry.key.range,
                                                                hint: "list the node templates (or groups) in it under 'members:'", diagnostics: &diagnostics),
              let items = DefinitionReader.items(membersPair.value, of: "the members of \(what)", diagnostics: &diagnostics) else { return nil }
        if items.isEmpty {
            diagnostics.append(.error(.missingRequiredKey, "\(what) has no members", at: membersPair.value.range,
                                      notes: [DiagnosticNote("list at least one node template or group under 'members:'")]))
        }
        if templateNames.contains(entry.name) {
            diagnostics.append(.error(.conflictingDefinition, "\(what) has the name of a node template", at: entry.key.range,
                                      notes: [DiagnosticNote("groups and node templates share one namespace; rename the group")]))
        }
        var members: [String] = []
        for item in items {
            guard let member = DefinitionReader.string(item, of: "a member of \(what)", diagnostics: &diagnostics) else { continue }
            members.append(member)
            // A group named like a node template is reported above; its member is the template.
            if member == entry.name, !templateNames.contains(member) {
                diagnostics.append(.error(.unknownGroupMember, "\(what) lists itself as a member", at: item.range,
                                          notes: [DiagnosticNote("remove it: a group's members are node templates and other groups")]))
            } else if !templateNames.contains(member), !groupNames.contains(member) {
                let note = DidYouMean.note(for: member, among: Array(templateNames).sorted() + groupNames) ?? "a member is a node template or another group"
                diagnostics.append(.error(.unknownGroupMember, "'\(member)' in \(what) is neither a node template nor a group", at: item.range,
                                          notes: [DiagnosticNote(note)]))
            }
        }
        return Group(name: entry.name, members: members, range: entry.value.range, nameRange: entry.key.range)
    }

    func parsePolicy(_ entry: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Policy? {
        let what = "policy '\(entry.name)'"
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: Self.policyKeys, in: what, diagnostics: &diagnostics)
        guard let typePair = DefinitionReader.requireKey("type", in: pairs, of: what, at: entry.key.range,
                                                             hint: "name the policy type, e.g. 'type: \(Policy.scalingType)'", diagnostics: &diagnostics),
              let type = DefinitionReader.string(typePair.value, of: "the type of \(what)", diagnostics: &diagnostics) else { return nil }
        // Cloudify accepts the scaling type under an import namespace too (`ns--cloudify.policies.scaling`).
        if !type.contains(Policy.scalingType) {
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.note(for: type, among: [Policy.scalingType]) { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote("Cloudify implements only '\(Policy.scalingType)' policies; monitoring policies go in a group's 'policies'"))
            diagnostics.append(.error(.unknownPolicyType, "\(what) has the type '\(type)', which is not a policy type", at: typePair.value.range, notes: notes))
        }
        var targets: [String] = []
        if let targetsPair = DefinitionReader.requireKey("targets", in: pairs, of: what, at: entry.key.range,
                                                        hint: "name the groups it applies to, e.g. 'targets: [\(groupNames.first ?? "vm_group")]'", diagnostics: &diagnostics),
           let items = DefinitionReader.items(targetsPair.value, of: "the targets of \(what)", diagnostics: &diagnostics) {
            if items.isEmpty {
                diagnostics.append(.error(.missingRequiredKey, "\(what) has no targets", at: targetsPair.value.range,
                                          notes: [DiagnosticNote("name at least one group under 'targets:'")]))
            }
            for item in items {
                guard let target = DefinitionReader.string(item, of: "a target of \(what)", diagnostics: &diagnostics) else { continue }
                targets.append(target)
                if !groupNames.contains(target) {
                    let note = DidYouMean.note(for: target, among: groupNames) ?? "a policy's targets are groups (declared under 'groups')"
                    diagnostics.append(.error(.unknownGroupMember, "target '\(target)' of \(what) is not a group", at: item.range, notes: [DiagnosticNote(note)]))
                }
            }
        }
        var properties = NameTable<Expression>()
        if let propertiesNode = DefinitionReader.entry("properties", in: pairs)?.value,
           let propertyPairs = DefinitionReader.pairs(propertiesNode, of: "the properties of \(what)", diagnostics: &diagnostics) {
            if type == Policy.scalingType {
                DefinitionReader.checkKeys(propertyPairs, allowed: Self.scalingPropertyKeys, in: "the properties of \(what)", diagnostics: &diagnostics)
            }
            var counts: [String: (value: Int, range: SourceRange)] = [:]
            for pair in propertyPairs {
                guard let name = DefinitionReader.name(pair.key, in: "the properties of \(what)", diagnostics: &diagnostics) else { continue }
                let expression = ExpressionParser.parse(pair.value, diagnostics: &diagnostics)
                properties[name] = expression
                checks.expressions.append(ExpressionSite(expression: expression, context: .output, declared: nil, path: name))
                guard type == Policy.scalingType, Self.scalingPropertyKeys.contains(name), !expression.containsFunctions else { continue }
                if let count = DefinitionReader.integer(pair.value) {
                    if count == 0, name == "max_instances" {
                        // Cloudify: "max_instances should be a positive value".
                        diagnostics.append(.error(.inconsistentInstances, "max_instances of \(what) is 0; a group that may have no instance at all cannot be scaled",
                                                  at: pair.value.range, notes: [DiagnosticNote("give at least 1, or UNBOUNDED for no maximum")]))
                    } else if count >= 0 {
                        counts[name] = (count, pair.value.range)
                    } else if !(name == "max_instances" && count == -1) {
                        diagnostics.append(.error(.inconsistentInstances, "\(name) of \(what) is \(count); an instance count cannot be negative", at: pair.value.range,
                                                  notes: [name == "max_instances" ? InstancesParser.negativeMaximumHint : InstancesParser.countHint]))
                    }
                } else if !(name == "max_instances" && pair.value.string == Instances.unbounded) {
                    // Cloudify: "The only valid string for max_instances is UNBOUNDED".
                    diagnostics.append(.error(.inconsistentInstances, "\(name) of \(what) must be an integer, not \(pair.value.kindDescription)", at: pair.value.range,
                                              notes: [name == "max_instances" ? DiagnosticNote("use UNBOUNDED for no maximum") : InstancesParser.countHint]))
                }
            }
            InstancesParser(owner: what, node: entry.name).checkOrder(counts, diagnostics: &diagnostics)
        }
        return Policy(name: entry.name, type: type, targets: targets, properties: properties, range: entry.value.range, nameRange: entry.key.range)
    }
}
