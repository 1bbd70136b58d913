/// Finds the loops that get_property references form through property values
/// (`a.x: {get_property: [b, y]}`, `b.y: {get_property: [a, x]}`), for every reference of a
/// blueprint in linear time all together: one iterative Tarjan walk whose strongly connected
/// components are kept between questions. Recursion or a walk per reference overflowed the
/// stack and took quadratic time on long chains (issue 11: 14,000 references).
final class PropertyLoops<Scope: FunctionScope> {
    private typealias Key = PropertyKey

    private struct PropertyKey: Hashable {
        var node: String
        var property: String
        var text: String { "\(node).\(property)" }
    }

    private let scope: Scope
    private var successorsByKey: [Key: [Key]] = [:]
    private var component: [Key: Int] = [:]
    /// Per component: one loop through all of it when it has one (members in order), else nil.
    private var componentLoops: [[Key]?] = []
    private var positionInLoop: [Key: Int] = [:]

    init(scope: Scope) {
        self.scope = scope
    }

    /// The loop of `node.property` names that leads from the property back to itself, starting
    /// and ending with it; nil when the property is on no loop.
    func loop(from node: String, property: String) -> [String]? {
        let start = Key(node: node, property: property)
        if component[start] == nil { assignComponents(from: start) }
        guard let id = component[start], let loop = componentLoops[id] else { return nil }
        if let position = positionInLoop[start] {
            let rotated = loop[position...] + loop[..<position]
            return rotated.map(\.text) + [start.text]
        }
        return shortestLoop(from: start, within: id)?.map(\.text)
    }

    private func successors(of key: Key) -> [Key] {
        if let known = successorsByKey[key] { return known }
        var result: [Key] = []
        if let value = scope.propertyValue(ofNodeTemplate: key.node, named: key.property) {
            value.forEachCall { call in
                guard call.function == .getProperty, !call.isMalformed, call.arguments.count >= 2,
                      let reference = call.arguments[0].stringLiteral, let next = call.arguments[1].stringLiteral else { return }
                result.append(Key(node: reference == "SELF" ? key.node : reference, property: next))
            }
        }
        successorsByKey[key] = result
        return result
    }

    /// Tarjan's algorithm from `start` with an explicit stack.
    private func assignComponents(from start: Key) {
        var index: [Key: Int] = [:]
        var lowLink: [Key: Int] = [:]
        var onStack: Set<Key> = []
        var stack: [Key] = []
        var work: [(key: Key, next: Int)] = [(start, 0)]
        var counter = 0
        index[start] = counter; lowLink[start] = counter; counter += 1
        stack.append(start); onStack.insert(start)
        while var frame = work.popLast() {
            let next = successors(of: frame.key)
            if frame.next < next.count {
                let successor = next[frame.next]
                frame.next += 1
                work.append(frame)
                if component[successor] != nil { continue }
                if let successorIndex = index[successor] {
                    if onStack.contains(successor) { lowLink[frame.key] = min(lowLink[frame.key]!, successorIndex) }
                } else {
                    index[successor] = counter; lowLink[successor] = counter; counter += 1
                    stack.append(successor); onStack.insert(successor)
                    work.append((successor, 0))
                }
                continue
            }
            if let parent = work.last {
                lowLink[parent.key] = min(lowLink[parent.key]!, lowLink[frame.key]!)
            }
            guard lowLink[frame.key] == index[frame.key] else { continue }
            var members: [Key] = []
            while let member = stack.popLast() {
                onStack.remove(member)
                members.append(member)
                if member == frame.key { break }
            }
            let id = componentLoops.count
            for member in members { component[member] = id }
            let cyclic = members.count > 1 || successors(of: frame.key).contains(frame.key)
            componentLoops.append(cyclic ? simpleLoop(through: members, id: id) : nil)
        }
    }

    /// One loop inside a component, found by walking successors within it until a member
    /// repeats; members on that loop answer by rotation, the others by a search of their own.
    private func simpleLoop(through members: [Key], id: Int) -> [Key] {
        var seenAt: [Key: Int] = [:]
        var walk: [Key] = []
        var current = members[0]
        while seenAt[current] == nil {
            seenAt[current] = walk.count
            walk.append(current)
            current = successors(of: current).first { component[$0] == id }!
        }
        let loop = Array(walk[seenAt[current]!...])
        for (position, key) in loop.enumerated() { positionInLoop[key] = position }
        return loop
    }

    /// Breadth-first search from `start` back to it, inside its component.
    private func shortestLoop(from start: Key, within id: Int) -> [Key]? {
        var previous: [Key: Key] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let key = queue[head]
            head += 1
            for successor in successors(of: key) where component[successor] == id {
                if successor == start {
                    var path = [start]
                    var step = key
                    while step != start {
                        path.append(step)
                        step = previous[step]!
                    }
                    return [start] + Array(path.dropFirst().reversed()) + [start]
                }
                if previous[successor] == nil {
                    previous[successor] = key
                    queue.append(successor)
                }
            }
        }
        return nil
    }
}
