import Blueprint
import Diagnostics
import Rendering

/// Where each of a node instance's `params` values was written (``ParamsResolver``), found in
/// its node template's `params` expressions when a diagnostic asks: a table of every path of
/// every instance was a tenth of validate's peak memory at 10,000 instances. The few ranges
/// that are not a literal's (a key that a function gave as part of a whole map, a value
/// bluevirt filled in) are kept by key.
struct ParameterRanges: ParameterLocations {
    /// The node property `params` and the operation inputs `params`, merged in that order: a
    /// later one's key replaces an earlier one's.
    private let params: LibvirtParams?
    /// Ranges of keys that no literal gives, which win over the expressions.
    private var assigned: [String: SourceRange] = [:]

    init(_ params: LibvirtParams?) {
        self.params = params
    }

    /// Records where the value of `key` came from when no literal wrote it.
    mutating func assign(_ range: SourceRange, to key: String) {
        assigned[key] = range
    }

    /// A later literal gives `key`: its expression, not an earlier assignment, says where.
    mutating func keyWritten(_ key: String) {
        // Removing from an empty table still hashes the key, and the table is nearly always empty.
        if !assigned.isEmpty { assigned[key] = nil }
    }

    subscript(path: String) -> SourceRange? { range(ofPath: path) }

    func range(ofPath path: String) -> SourceRange? {
        if let range = assigned[path] { return range }
        return written(atPath: path)?.range
    }

    /// Where the value at `path` was written as plain text (no function), or nil.
    func literalRange(ofPath path: String) -> SourceRange? {
        guard let expression = written(atPath: path), case .scalar = expression.kind else { return nil }
        return expression.range
    }

    /// The expression the blueprint writes at `path`, when one does.
    private func written(atPath path: String) -> Expression? {
        // Inside a value a function gave whole, only the value's own range is known.
        if assigned.keys.contains(where: { Self.startsWithKey(path[...], $0) }) { return nil }
        // The last source that writes the path's key decides, as in the merge. Read in place:
        // `LibvirtParams.expressions` made a new array for every path asked.
        guard let params else { return nil }
        let inputs = params.operationInputs
        for index in inputs.indices.reversed() {
            if let entry = Self.entry(startingPath: path[...], in: inputs[index].value) {
                return Self.expression(in: entry.value, rest: Self.rest(of: path[...], after: entry.key))
            }
        }
        guard let property = params.property, let entry = Self.entry(startingPath: path[...], in: property) else { return nil }
        return Self.expression(in: entry.value, rest: Self.rest(of: path[...], after: entry.key))
    }

    /// The entry of `source`, when it is a map, whose key `path` starts with.
    private static func entry(startingPath path: Substring, in source: Expression) -> Expression.Entry? {
        source.mapEntries.flatMap { entry(startingPath: path, in: $0) }
    }

    /// The entry whose key `path` starts with (then a `.key` or `[index]` step, or nothing);
    /// the last of a key wins, as when the map is read.
    private static func entry(startingPath path: Substring, in entries: [Expression.Entry]) -> Expression.Entry? {
        // By index: `last(where:)` handed each entry over as a copy.
        for index in entries.indices.reversed() where startsWithKey(path, entries[index].key) { return entries[index] }
        return nil
    }

    /// What follows `key` at the start of `path` (which startsWithKey has matched). By byte:
    /// counting characters to drop them cost more than the search.
    private static func rest(of path: Substring, after key: String) -> Substring {
        path[path.utf8.index(path.startIndex, offsetBy: key.utf8.count)...]
    }

    private static func expression(in expression: Expression, rest: Substring) -> Expression? {
        // By byte, as startsWithKey: the steps are ASCII, and walking characters cost more than
        // the lookup.
        let bytes = rest.utf8
        guard let step = bytes.first else { return expression }
        let afterStep = bytes.index(after: bytes.startIndex)
        switch expression.kind {
        case .map(let entries) where step == UInt8(ascii: "."):
            let inner = rest[afterStep...]
            return entry(startingPath: inner, in: entries).flatMap { Self.expression(in: $0.value, rest: Self.rest(of: inner, after: $0.key)) }
        case .list(let items) where step == UInt8(ascii: "["):
            guard let close = bytes.firstIndex(of: UInt8(ascii: "]")), let index = Int(rest[afterStep..<close]),
                  items.indices.contains(index) else { return nil }
            return Self.expression(in: items[index], rest: rest[bytes.index(after: close)...])
        default:
            // A function call's or a scalar's parts have no ranges of their own.
            return nil
        }
    }

    /// Whether `path` is `key` or begins with `key` and a step (`.` or `[`).
    private static func startsWithKey(_ path: Substring, _ key: String) -> Bool {
        // By byte: every object's name asks here, past every key of its params. Compared in
        // the strings' own storage: the generic `starts(with:)` on their UTF-8 views cost some
        // 400 instructions a key.
        var path = path, key = key
        return path.withUTF8 { pathBytes in
            key.withUTF8 { keyBytes in
                guard pathBytes.count >= keyBytes.count else { return false }
                for index in keyBytes.indices where pathBytes[index] != keyBytes[index] { return false }
                guard pathBytes.count > keyBytes.count else { return true }
                let next = pathBytes[keyBytes.count]
                return next == UInt8(ascii: ".") || next == UInt8(ascii: "[")
            }
        }
    }
}
