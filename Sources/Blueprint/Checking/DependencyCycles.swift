import YAMLSource

/// Finds cycles among node templates through their relationships (every relationship orders its
/// source after its target, so a cycle can never be installed). Reports one error per strongly
/// connected group of templates, naming one loop through it (`a -> b -> c -> a`), with a note at
/// each relationship of the loop.
///
/// Iterative (Tarjan's algorithm with an explicit stack): a chain of 10,000 templates must not
/// overflow the stack.
struct DependencyCycles {
    let templates: NameTable<NodeTemplate>

    /// A relationship to another template: the target's index among the templates, and the
    /// relationship's among its source's. Indices, not a copy of each relationship: those copies
    /// were the biggest thing alive at validate's peak at 50,000 templates.
    private struct Edge {
        let target: Int
        let relationship: Int
    }

    func diagnostics() -> [Diagnostic] {
        let all = templates.elements
        // Edges to existing targets other than the template itself (self-relationships are
        // reported on their own).
        let edges: [[Edge]] = all.indices.map { source in
            all[source].relationships.indices.compactMap { index in
                guard let target = templates.position(of: all[source].relationships[index].target), target != source else { return nil }
                return Edge(target: target, relationship: index)
            }
        }
        return stronglyConnectedComponents(edges).compactMap { component in
            component.count > 1 ? cycleDiagnostic(component, templates: all, edges: edges) : nil
        }
    }

    private func stronglyConnectedComponents(_ edges: [[Edge]]) -> [[Int]] {
        let count = edges.count
        var order = [Int](repeating: -1, count: count)
        var lowLink = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<count where order[root] == -1 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = counter; lowLink[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            while let (node, edge) = work.last {
                if edge < edges[node].count {
                    work[work.count - 1].edge += 1
                    let next = edges[node][edge].target
                    if order[next] == -1 {
                        order[next] = counter; lowLink[next] = counter; counter += 1
                        stack.append(next); onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        lowLink[node] = min(lowLink[node], order[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLink[parent] = min(lowLink[parent], lowLink[node]) }
                if lowLink[node] == order[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    components.append(component)
                }
            }
        }
        return components.sorted { $0.min()! < $1.min()! }
    }

    /// One loop through `component`, starting at its first-declared template, found by a
    /// breadth-first search back to the start (so the loop is a shortest one).
    private func cycleDiagnostic(_ component: [Int], templates all: [NodeTemplate], edges: [[Edge]]) -> Diagnostic {
        let members = Set(component)
        let start = component.min()!
        var previous: [Int: (node: Int, edge: Edge)] = [:]
        var queue = [start]
        var head = 0
        var closing: (node: Int, edge: Edge)?
        search: while head < queue.count {
            let node = queue[head]; head += 1
            for edge in edges[node] where members.contains(edge.target) {
                if edge.target == start { closing = (node, edge); break search }
                if previous[edge.target] == nil {
                    previous[edge.target] = (node, edge)
                    queue.append(edge.target)
                }
            }
        }
        var steps: [(from: Int, relationship: Relationship)] = []
        if let closing {
            steps.append((closing.node, all[closing.node].relationships[closing.edge.relationship]))
            var node = closing.node
            while node != start, let step = previous[node] {
                steps.append((step.node, all[step.node].relationships[step.edge.relationship]))
                node = step.node
            }
        }
        steps.reverse()
        let loop = steps.map { all[$0.from].name } + [all[start].name]
        let notes = steps.map { step in
            DiagnosticNote("'\(all[step.from].name)' depends on '\(step.relationship.target)' through \(step.relationship.type)", at: step.relationship.targetRange)
        }
        let first = steps.first?.relationship.targetRange ?? all[start].nameRange
        return .error(.dependencyCycle, "node templates depend on each other in a cycle: \(loop.joined(separator: " -> "))", at: first,
                      notes: notes + [DiagnosticNote("remove or reverse one of these relationships")])
    }
}
