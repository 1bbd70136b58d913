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
}

/// Expands node templates into node instances, in install order.
///
/// A template gets its count of instances on every instance of its host (Cloudify multiplies
/// counts down `contained_in`), numbered 1… across all hosts: `app` with 2 on each of
/// `vm-1`, `vm-2` gives `app-1`, `app-2` on `vm-1` and `app-3`, `app-4` on `vm-2`.
///
/// A relationship connects each source instance to target instances by `connection_type`:
/// all_to_all (the default) to every candidate, all_to_one to the first. When source and
/// target are inside a common host node, the candidates are the target instances inside the
/// same host instance as the source, as in Cloudify (an app connects to the database on its
/// own machine, not on every machine).
struct InstanceExpander {
    let templates: [NodeTemplate]
    let positions: [String: Int]
    let evaluator: Evaluator
    let maximumInstances: Int

    static let allToAll = "all_to_all"
    static let allToOne = "all_to_one"

    func expand(order: [Int], diagnostics: inout [Diagnostic]) -> InstanceExpansion? {
        let hostOf: [Int?] = templates.map { template in template.host.flatMap { positions[$0] } }
        let counter = InstanceCounter(evaluator: evaluator)
        var failed = false
        var counts = [Int](repeating: 0, count: templates.count)
        var totals = [Int](repeating: 0, count: templates.count)
        var overall = 0
        for template in order {
            guard let count = counter.count(of: templates[template], diagnostics: &diagnostics) else { failed = true; continue }
            counts[template] = count
            let hosts = hostOf[template].map { totals[$0] } ?? 1
            let (total, overflow) = count.multipliedReportingOverflow(by: hosts)
            overall += overflow ? maximumInstances + 1 : total
            guard !overflow, overall <= maximumInstances else {
                let range = templates[template].instances.range ?? templates[template].nameRange
                diagnostics.append(.error(.tooManyInstances,
                                          "'\(templates[template].name)' brings the blueprint to more than \(maximumInstances) node instances (\(count) on each of \(hosts) host instances)",
                                          at: range, notes: [DiagnosticNote("lower the instance counts; counts multiply down contained_in")]))
                return nil
            }
            totals[template] = total
        }
        if failed { return nil }

        // Instances, template by template in install order (hosts before what they contain).
        var instances: [NodeInstance] = []
        instances.reserveCapacity(overall)
        var templateOf: [Int] = []
        templateOf.reserveCapacity(overall)
        var hostInstance: [Int?] = []
        hostInstance.reserveCapacity(overall)
        var instanceRange = [Range<Int>](repeating: 0..<0, count: templates.count)
        for template in order {
            let name = templates[template].name
            let start = instances.count
            let hosts: [Int?] = hostOf[template].map { instanceRange[$0].map(Optional.some) } ?? [nil]
            for host in hosts {
                for _ in 0..<counts[template] {
                    let index = instances.count - start + 1
                    instances.append(NodeInstance(id: "\(name)-\(index)", nodeName: name, index: index,
                                                  hostInstanceId: host.map { instances[$0].id }, relationships: []))
                    templateOf.append(template)
                    hostInstance.append(host)
                }
            }
            instanceRange[template] = start..<instances.count
        }

        // Relationships, per template relationship.
        var targets = [[Int]](repeating: [], count: instances.count)
        for template in order {
            let source = templates[template]
            var containmentSeen = false
            for (relationshipIndex, relationship) in source.relationships.enumerated() {
                let target = positions[relationship.target]!
                let isHostRelationship = relationship.isContainment && !containmentSeen && hostOf[template] == target
                if isHostRelationship { containmentSeen = true }
                guard let connection = connectionType(of: relationship, source: source.name, diagnostics: &diagnostics) else { failed = true; continue }
                let scope = isHostRelationship ? nil : commonHost(of: template, and: target, hostOf: hostOf)
                var candidatesByScope: [Int: [Int]] = [:]
                if let scope {
                    for candidate in instanceRange[target] {
                        guard let key = ancestor(of: candidate, at: scope, templateOf: templateOf, hostInstance: hostInstance) else { continue }
                        candidatesByScope[key, default: []].append(candidate)
                    }
                }
                for instance in instanceRange[template] {
                    let candidates: [Int]
                    if isHostRelationship {
                        candidates = hostInstance[instance].map { [$0] } ?? []
                    } else if let scope {
                        candidates = ancestor(of: instance, at: scope, templateOf: templateOf, hostInstance: hostInstance)
                            .flatMap { candidatesByScope[$0] } ?? []
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
        return InstanceExpansion(instances: instances, templateOf: templateOf, targets: targets)
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

    /// The nearest node template that contains `source` (through contained_in, at any depth)
    /// and is `target` or contains it; nil when they share no host.
    private func commonHost(of source: Int, and target: Int, hostOf: [Int?]) -> Int? {
        guard hostOf[source] != nil else { return nil }
        var targetSide: Set<Int> = [target]
        var walk = hostOf[target]
        while let host = walk, targetSide.insert(host).inserted { walk = hostOf[host] }
        walk = hostOf[source]
        var seen: Set<Int> = [source]
        while let host = walk, seen.insert(host).inserted {
            if targetSide.contains(host) { return host }
            walk = hostOf[host]
        }
        return nil
    }

    /// The instance of template `scope` that `instance` lives in (itself when it is one).
    private func ancestor(of instance: Int, at scope: Int, templateOf: [Int], hostInstance: [Int?]) -> Int? {
        var current: Int? = instance
        while let position = current {
            if templateOf[position] == scope { return position }
            current = hostInstance[position]
        }
        return nil
    }
}
