/// Turns the keys and values of a finished mapping into its pairs: applies merge keys (`<<`) and
/// reports duplicate keys.
///
/// Merge semantics (as in the YAML merge-key type): keys written in the mapping win over merged
/// ones, and of several merged mappings (`<<: [*a, *b]`) the earlier wins. A mapping may hold
/// several `<<` keys, as PyYAML (and so Cloudify) allows; of those, the later wins, as there.
/// Merged pairs take the place of their `<<` key. Of two equal keys the first stays in the tree
/// and the second is reported.
enum MappingAssembler {
    /// Linear search beats hashing for the small mappings that make up most of a blueprint.
    private static let hashingThreshold = 12

    /// The mapping's final pairs from the pairs as written, in document order.
    /// - Parameter mayMerge: false when the mapping surely has no merge key, which spares a search.
    static func assemble(_ written: consuming [Pair], mayMerge: Bool = true, diagnostics: inout [Diagnostic]) -> [Pair] {
        var pairs = written
        if pairs.count > 1, hasDuplicates(pairs) { pairs = withoutDuplicates(pairs, diagnostics: &diagnostics) }
        guard mayMerge, pairs.contains(where: { isMergeKey($0.key) }) else { return pairs }
        return merged(pairs, diagnostics: &diagnostics)
    }

    /// A plain `<<`, untagged or tagged `!!merge` (the builder keeps a `<<` tagged otherwise as
    /// a quoted one).
    static func isMergeKey(_ key: Node) -> Bool {
        guard case .scalar(let scalar) = key.content else { return false }
        return scalar.style == .plain && scalar.text == "<<"
    }

    /// Keys compare by their resolved value, so `1`, `0x1` and `+1` are the same key, and so are
    /// `a` and `"a"`. Collections as keys have no identity and never clash (blueprints do not use them).
    private static func identity(of key: Node) -> ScalarValue? {
        if case .scalar(let scalar) = key.content, !isMergeKey(key) { return scalar.value }
        return nil
    }

    /// A quick check for the common case of no duplicates, comparing values without building
    /// any collection for the small mappings that make up most of a blueprint.
    private static func hasDuplicates(_ pairs: [Pair]) -> Bool {
        if pairs.count > hashingThreshold {
            var seen = Set<ScalarValue>(minimumCapacity: pairs.count)
            for pair in pairs {
                if let id = identity(of: pair.key), !seen.insert(id).inserted { return true }
            }
            return false
        }
        // Each key's digest first (on the stack), then only keys whose digests may match are
        // compared: comparing every two keys, each read out of its node, was 10 M instructions
        // of validating 1,000 node templates.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: pairs.count) { digests in
            // Through the buffer: an array's subscript hands over a copy of the pair.
            pairs.withUnsafeBufferPointer { buffer in
                for index in buffer.indices { digests[index] = digest(of: buffer[index].key) }
            }
            for later in pairs.indices.dropFirst() where digests[later] != noIdentity {
                for earlier in 0..<later where digests[earlier] != noIdentity {
                    let mayMatch = digests[later] == anyIdentity || digests[earlier] == anyIdentity || digests[later] == digests[earlier]
                    if mayMatch, identity(of: pairs[later].key) == identity(of: pairs[earlier].key) { return true }
                }
            }
            return false
        }
    }

    /// A key that is never a duplicate (a merge key, a collection).
    private static let noIdentity = -1
    /// A key whose identity is not its text (a number, a boolean, null): compared with every key.
    private static let anyIdentity = 0

    /// Two string keys with different digests differ: the digest is the text's length and first byte.
    private static func digest(of key: borrowing Node) -> Int {
        guard case .scalar(let scalar) = key.content else { return noIdentity }
        guard case .text = scalar.stored else { return anyIdentity }
        let utf8 = scalar.text.utf8
        // A merge key (isMergeKey), asked in this order: most keys are longer than two bytes.
        if utf8.count == 2, scalar.style == .plain, scalar.text == "<<" { return noIdentity }
        return (utf8.count << 8 | Int(utf8.first ?? 0)) + 1
    }

    private static func withoutDuplicates(_ pairs: [Pair], diagnostics: inout [Diagnostic]) -> [Pair] {
        var duplicates: [(index: Int, first: Int)] = []
        if pairs.count <= hashingThreshold {
            for later in pairs.indices.dropFirst() {
                guard let id = identity(of: pairs[later].key) else { continue }
                if let first = pairs[..<later].indices.first(where: { identity(of: pairs[$0].key) == id }) {
                    duplicates.append((later, first))
                }
            }
        } else {
            var firstIndex: [ScalarValue: Int] = [:]
            firstIndex.reserveCapacity(pairs.count)
            for (position, pair) in pairs.enumerated() {
                guard let id = identity(of: pair.key) else { continue }
                if let first = firstIndex[id] {
                    duplicates.append((position, first))
                } else {
                    firstIndex[id] = position
                }
            }
        }
        guard !duplicates.isEmpty else { return pairs }
        for (later, first) in duplicates {
            let name = pairs[later].key.scalar.map { "'\($0.text)'" } ?? "key"
            diagnostics.append(.error(.duplicateKey, "duplicate key \(name) in this mapping", at: pairs[later].key.range, notes: [
                DiagnosticNote("\(name) first appears here; a mapping may hold each key only once", at: pairs[first].key.range),
            ]))
        }
        let dropped = Set(duplicates.map(\.index))
        return pairs.indices.filter { !dropped.contains($0) }.map { pairs[$0] }
    }

    private static func merged(_ pairs: [Pair], diagnostics: inout [Diagnostic]) -> [Pair] {
        // The keys written in the mapping, then each merged key as it is taken. Linear search is
        // quicker than a set for the handful of keys a merge usually brings.
        var taken: [ScalarValue] = []
        taken.reserveCapacity(pairs.count + 8)
        for pair in pairs where !isMergeKey(pair.key) {
            if let id = identity(of: pair.key) { taken.append(id) }
        }
        // The last `<<` key takes its keys first, so that it wins over earlier ones.
        var mergedAt: [Int: [Pair]] = [:]
        for index in pairs.indices.reversed() where isMergeKey(pairs[index].key) {
            var taking: [Pair] = []
            for source in mergeSources(pairs[index].value, diagnostics: &diagnostics) {
                for mergedPair in source {
                    if let id = identity(of: mergedPair.key) {
                        if taken.contains(id) { continue }
                        taken.append(id)
                    }
                    taking.append(mergedPair)
                }
            }
            mergedAt[index] = taking
        }
        var result: [Pair] = []
        result.reserveCapacity(pairs.count)
        for index in pairs.indices {
            if let taking = mergedAt[index] { result += taking } else { result.append(pairs[index]) }
        }
        return result
    }

    private static func mergeSources(_ value: Node, diagnostics: inout [Diagnostic]) -> [[Pair]] {
        switch value.content {
        case .mapping(let pairs):
            return [pairs]
        case .sequence(let items):
            var sources: [[Pair]] = []
            for item in items {
                guard let pairs = item.pairs else {
                    diagnostics.append(invalidMerge(item, inList: true))
                    continue
                }
                sources.append(pairs)
            }
            return sources
        case .scalar:
            diagnostics.append(invalidMerge(value, inList: false))
            return []
        }
    }

    private static func invalidMerge(_ node: Node, inList: Bool) -> Diagnostic {
        let place = inList ? "each item of a merge list ('<<: [...]')" : "the merge key '<<'"
        return .error(.invalidMerge, "\(place) must be a mapping, not \(node.kindDescription)", at: node.range, notes: [
            DiagnosticNote("write '<<: *name' where '&name' marks a mapping, or '<<: [*a, *b]' for several"),
        ])
    }
}
