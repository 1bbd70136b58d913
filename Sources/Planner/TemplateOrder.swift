import Blueprint
import Diagnostics

/// Orders node templates so that each comes after the targets of its relationships (its host
/// included), by Kahn's algorithm over the relationships: linear in templates and
/// relationships. Ties keep declaration order, so plans are stable.
///
/// The checker reports cycles (BV0116) and unknown targets (BV0113) before planning; the
/// planner checks again because a plan over a cycle would never finish, and a blueprint value
/// may come from elsewhere than the loader.
struct TemplateOrder {
    let templates: [NodeTemplate]
    let positions: [String: Int]

    /// The template positions in install order, or nil with diagnostics when there is none.
    func compute(diagnostics: inout [Diagnostic]) -> [Int]? {
        var missing = false
        var waitingFor = [Int](repeating: 0, count: templates.count)
        var dependents = [[Int]](repeating: [], count: templates.count)
        // By index: iterating the templates, or their relationships, copied each whole.
        for source in templates.indices {
            let relationships = templates[source].relationships
            for index in relationships.indices {
                guard let target = positions[relationships[index].target] else {
                    diagnostics.append(.error(.missingPlanTarget, "'\(templates[source].name)' has a relationship to '\(relationships[index].target)', which is not a node template",
                                              at: relationships[index].targetRange,
                                              notes: [DiagnosticNote("name one of the blueprint's node templates as the target, or remove the relationship")]))
                    missing = true
                    continue
                }
                waitingFor[source] += 1
                dependents[target].append(source)
            }
        }
        if missing { return nil }
        var order: [Int] = []
        order.reserveCapacity(templates.count)
        order += waitingFor.indices.filter { waitingFor[$0] == 0 }
        var head = 0
        while head < order.count {
            let target = order[head]
            head += 1
            for source in dependents[target] {
                waitingFor[source] -= 1
                if waitingFor[source] == 0 { order.append(source) }
            }
        }
        if order.count == templates.count { return order }
        diagnostics += cycleDiagnostics(placed: Set(order))
        return nil
    }

    /// One diagnostic per loop among the templates Kahn's algorithm could not place. Every such
    /// template waits for another unplaced one, so following those waits from any of them must
    /// come back to a template already on the path: that is a loop.
    private func cycleDiagnostics(placed: Set<Int>) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var finished = [Bool](repeating: false, count: templates.count)
        for start in templates.indices where !placed.contains(start) && !finished[start] {
            var path: [(node: Int, relationship: Relationship)] = []
            var onPath: [Int: Int] = [:]
            var node = start
            while !finished[node] {
                if let loopStart = onPath[node] {
                    result.append(loopDiagnostic(Array(path[loopStart...])))
                    break
                }
                onPath[node] = path.count
                let relationship = templates[node].relationships.first { !placed.contains(positions[$0.target]!) }!
                path.append((node, relationship))
                node = positions[relationship.target]!
            }
            for step in path { finished[step.node] = true }
        }
        return result
    }

    /// `a -> b -> c -> a`, starting at the loop's first-declared template, with a note at each
    /// relationship that closes it.
    private func loopDiagnostic(_ loop: [(node: Int, relationship: Relationship)]) -> Diagnostic {
        let first = loop.indices.min { loop[$0].node < loop[$1].node }!
        let rotated = Array(loop[first...] + loop[..<first])
        let names = rotated.map { templates[$0.node].name } + [templates[rotated[0].node].name]
        let notes = rotated.map { step in
            DiagnosticNote("'\(templates[step.node].name)' waits for '\(step.relationship.target)' through \(step.relationship.type)",
                           at: step.relationship.targetRange)
        }
        return .error(.planDependencyCycle, "node templates depend on each other in a cycle, so there is no install order: \(names.joined(separator: " -> "))",
                      at: rotated[0].relationship.targetRange,
                      notes: notes + [DiagnosticNote("remove or reverse one of these relationships")])
    }
}
