import Blueprint
import YAMLSource

/// Node instances with their relationships resolved to instance positions, for the workflow
/// builders.
struct InstanceExpansion {
    /// In install order.
    var instances: [NodeInstance]
    /// The node template (position in the blueprint) of each instance.
    var templateOf: [Int]
    /// For each instance, the position of each relationship's target instance (parallel to
    /// `instances[i].relationships`).
    var targets: [[Int]]
    /// The counts the blueprint declares, by template or group name, before overrides.
    var declaredCounts: [String: Int] = [:]
}

/// Expands node templates into node instances, in install order.
///
/// Instances are placed in a `PlacementTree`: a template gets its count on every instance of
/// its host (Cloudify multiplies counts down `contained_in`), and a member of a scaling group
/// gets its count in every instance of the group, which in turn gets the policy's
/// `default_instances` in every instance of its enclosing group or host. Instances are numbered
/// 1… per template across the whole deployment, in the order of their parents' instances: `app`
/// with 2 on each of `vm-1`, `vm-2` gives `app-1`, `app-2` on `vm-1` and `app-3`, `app-4` on
/// `vm-2`; `vm` and `disk` in a group of 2 give `vm-1`, `disk-1` in the first group instance
/// and `vm-2`, `disk-2` in the second.
///
/// A relationship connects each source instance to target instances by `connection_type`:
/// all_to_all (the default) to every candidate, all_to_one to the first. When source and
/// target are inside a common unit (a host node or a scaling group), the candidates are the
/// target instances inside the same instance of the nearest such unit as the source, as in
/// Cloudify (an app connects to the database on its own machine, a machine to the disk of its
/// own group instance). Cloudify refuses all_to_one inside a scaling group (BV0711).
struct InstanceExpander {
    let templates: [NodeTemplate]
    let positions: [String: Int]
    let groups: NameTable<Group>
    let policies: NameTable<Policy>
    let evaluator: Evaluator
    let maximumInstances: Int
    /// Counts that replace the declared ones, by template or scaling group name (a scale).
    var countOverrides: [String: Int] = [:]

    static let allToAll = "all_to_all"
    static let allToOne = "all_to_one"

    func expand(order: [Int], diagnostics: inout [Diagnostic]) -> InstanceExpansion? {
        // By index, as the counts below: handing each template over copied it whole.
        let hostOf: [Int?] = templates.indices.map { index in templates[index].host.flatMap { positions[$0] } }
        let counter = InstanceCounter(evaluator: evaluator)
        var failed = false
        var templateCounts = [Int](repeating: 0, count: templates.count)
        // Sized once: growing by doubling rehashed every name several times.
        var declared = [String: Int](minimumCapacity: templates.count + groups.count)
        for template in order {
            guard let count = counter.count(of: templates[template].name, instances: templates[template].instances,
                                            diagnostics: &diagnostics) else { failed = true; continue }
            declared[templates[template].name] = count
            templateCounts[template] = countOverrides[templates[template].name] ?? count
        }
        let resolver = ScalingGroupResolver(templates: templates, positions: positions, hostOf: hostOf, groups: groups,
                                            policies: policies, counter: counter)
        guard var layout = resolver.resolve(diagnostics: &diagnostics), !failed else { return nil }
        for index in layout.groups.indices {
            let name = layout.groups[index].declaration.name
            declared[name] = layout.groups[index].count
            if let count = countOverrides[name] { layout.groups[index].count = count }
        }
        let tree = PlacementTree(hostOf: hostOf, layout: layout)
        guard let unitOrder = tree.topDown() else {
            diagnostics.append(.error(.scalingGroupCycle, "scaling groups and contained_in relationships place each other in a loop",
                                      at: layout.groups.first?.declaration.nameRange ?? templates[0].nameRange,
                                      notes: [DiagnosticNote("a group is placed on the host of its members; check which groups hold which hosts")]))
            return nil
        }
        let counts = templateCounts + layout.groups.map(\.count)
        guard let slots = place(tree: tree, unitOrder: unitOrder, counts: counts, layout: layout, diagnostics: &diagnostics) else { return nil }

        // Instances, template by template in install order (hosts before what they contain).
        var instances: [NodeInstance] = []
        instances.reserveCapacity(slots.templateSlotCount)
        var templateOf: [Int] = []
        templateOf.reserveCapacity(slots.templateSlotCount)
        var slotOfInstance: [Int] = []
        slotOfInstance.reserveCapacity(slots.templateSlotCount)
        var instanceOfSlot = [Int](repeating: -1, count: slots.unit.count)
        var instanceRange = [Range<Int>](repeating: 0..<0, count: templates.count)
        for template in order {
            let name = templates[template].name
            let start = instances.count
            for (offset, slot) in slots.of[template].enumerated() {
                let host = hostOf[template].flatMap { slots.ancestor(of: slot, in: $0) }.map { instanceOfSlot[$0] }
                instanceOfSlot[slot] = instances.count
                instances.append(NodeInstance(id: "\(name)-\(offset + 1)", nodeName: name, index: offset + 1,
                                              hostInstanceId: host.map { instances[$0].id }, relationships: []))
                templateOf.append(template)
                slotOfInstance.append(slot)
            }
            instanceRange[template] = start..<instances.count
        }

        // Relationships, per template relationship.
        var targets = [[Int]](repeating: [], count: instances.count)
        for template in order {
            // The template's parts, not a copy of the whole template.
            let sourceName = templates[template].name
            var containmentSeen = false
            for (relationshipIndex, relationship) in templates[template].relationships.enumerated() {
                let target = positions[relationship.target]!
                let isHostRelationship = relationship.isContainment && !containmentSeen && hostOf[template] == target
                if isHostRelationship { containmentSeen = true }
                guard let connection = connectionType(of: relationship, source: sourceName, diagnostics: &diagnostics) else { failed = true; continue }
                if connection == Self.allToOne, !relationship.isContainment, let group = tree.sharedScalingGroup(of: template, and: target) {
                    diagnostics.append(allToOneInGroup(relationship, source: sourceName, group: layout.groups[group].declaration.name))
                    failed = true
                    continue
                }
                // The host relationship goes to the host instance the source is placed in.
                let scope = isHostRelationship ? target : tree.commonScope(of: template, and: target)
                var candidatesByScope: [Int: [Int]] = [:]
                if let scope {
                    for candidate in instanceRange[target] {
                        guard let key = slots.ancestor(of: slotOfInstance[candidate], in: scope) else { continue }
                        candidatesByScope[key, default: []].append(candidate)
                    }
                }
                for instance in instanceRange[template] {
                    let candidates: [Int]
                    if let scope {
                        candidates = slots.ancestor(of: slotOfInstance[instance], in: scope).flatMap { candidatesByScope[$0] } ?? []
                    } else {
                        candidates = Array(instanceRange[target])
                    }
                    let chosen = connection == Self.allToOne ? Array(candidates.prefix(1)) : candidates
                    for targetInstance in chosen {
                        instances[instance].relationships.append(
                            InstanceRelationship(type: relationship.type, typeHierarchy: relationship.typeHierarchy,
                                                 targetInstanceId: instances[targetInstance].id, targetNodeName: relationship.target,
                                                 templateRelationshipIndex: relationshipIndex))
                        targets[instance].append(targetInstance)
                    }
                }
            }
        }
        if failed { return nil }
        return InstanceExpansion(instances: instances, templateOf: templateOf, targets: targets, declaredCounts: declared)
    }

    /// The instances of every unit (node templates and scaling groups), as slots that know the
    /// slot of the parent instance they are placed in.
    private struct Slots {
        /// The unit of each slot.
        var unit: [Int] = []
        /// The slot of the parent unit's instance each slot is placed in.
        var parent: [Int?] = []
        /// The slots of each unit, in the order of their parents' slots.
        var of: [[Int]]
        var templateSlotCount = 0

        /// The slot of unit `scope` that `slot` lies in (itself when it is one).
        func ancestor(of slot: Int, in scope: Int) -> Int? {
            var current: Int? = slot
            while let position = current {
                if unit[position] == scope { return position }
                current = parent[position]
            }
            return nil
        }
    }

    /// Makes the slots of every unit, parents first, or nil with BV0706 when they would be more
    /// than `maximumInstances`. Group instances count too: they are placed like node instances.
    private func place(tree: PlacementTree, unitOrder: [Int], counts: [Int], layout: ScalingGroupLayout,
                       diagnostics: inout [Diagnostic]) -> Slots? {
        var totals = [Int](repeating: 0, count: tree.unitCount)
        var overall = 0
        for unit in unitOrder {
            let parents = tree.parent[unit].map { totals[$0] } ?? 1
            let (total, overflow) = counts[unit].multipliedReportingOverflow(by: parents)
            overall += overflow ? maximumInstances + 1 : min(total, maximumInstances + 1)
            guard !overflow, overall <= maximumInstances else {
                diagnostics.append(tooMany(unit, count: counts[unit], parents: parents, tree: tree, layout: layout))
                return nil
            }
            totals[unit] = total
        }
        var slots = Slots(of: [[Int]](repeating: [], count: tree.unitCount))
        slots.unit.reserveCapacity(overall)
        slots.parent.reserveCapacity(overall)
        for unit in unitOrder {
            let parentSlots: [Int?] = tree.parent[unit].map { slots.of[$0].map(Optional.some) } ?? [nil]
            for parent in parentSlots {
                for _ in 0..<counts[unit] {
                    slots.of[unit].append(slots.unit.count)
                    slots.unit.append(unit)
                    slots.parent.append(parent)
                }
            }
            if tree.group(unit) == nil { slots.templateSlotCount += slots.of[unit].count }
        }
        return slots
    }

    private func tooMany(_ unit: Int, count: Int, parents: Int, tree: PlacementTree, layout: ScalingGroupLayout) -> Diagnostic {
        let within: String
        switch tree.parent[unit] {
        case let parent? where tree.group(parent) != nil:
            within = "\(count) in each of \(parents) instances of scaling group '\(layout.groups[tree.group(parent)!].declaration.name)'"
        default:
            within = "\(count) on each of \(parents) host instances"
        }
        let note = DiagnosticNote(layout.groups.isEmpty ? "lower the instance counts; counts multiply down contained_in"
                                                        : "lower the instance counts; counts multiply down contained_in and scaling groups")
        if let group = tree.group(unit) {
            let policy = layout.groups[group].policy
            return .error(.tooManyInstances, "scaling group '\(layout.groups[group].declaration.name)' brings the blueprint to more than \(maximumInstances) instances (\(within))",
                          at: policy.properties["default_instances"]?.range ?? policy.nameRange, notes: [note])
        }
        let template = templates[unit]
        return .error(.tooManyInstances, "'\(template.name)' brings the blueprint to more than \(maximumInstances) node instances (\(within))",
                      at: template.instances.range ?? template.nameRange, notes: [note])
    }

    /// BV0711: Cloudify connects nodes that share a scaling group only inside each group instance.
    private func allToOneInGroup(_ relationship: Relationship, source: String, group: String) -> Diagnostic {
        .error(.allToOneInScalingGroup,
               "the relationship from '\(source)' to '\(relationship.target)' is all_to_one, but both are in scaling group '\(group)'",
               at: relationship.properties["connection_type"]?.range ?? relationship.targetRange,
               notes: [DiagnosticNote("inside a scaling group each instance connects to the target instances of its own group instance; use all_to_all")])
    }

    /// `all_to_all` or `all_to_one`, from the relationship's (evaluated) connection_type.
    private func connectionType(of relationship: Relationship, source: String, diagnostics: inout [Diagnostic]) -> String? {
        guard let expression = relationship.properties["connection_type"] else { return Self.allToAll }
        let value = evaluator.evaluate(expression, in: .relationshipProperty(source: source, target: relationship.target), diagnostics: &diagnostics)
        if case .known(.string(let text)) = value, text == Self.allToAll || text == Self.allToOne { return text }
        diagnostics.append(.error(.unknownConnectionType, "connection_type of the relationship from '\(source)' to '\(relationship.target)' is \(value), not all_to_all or all_to_one",
                                  at: expression.range, notes: [DiagnosticNote("use all_to_all (every source instance to every target instance) or all_to_one (to one target instance)")]))
        return nil
    }
}
