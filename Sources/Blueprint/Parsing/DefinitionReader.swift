import YAMLSource

/// Small readers shared by every section's parser: each checks a shape, reports what is wrong
/// and lets parsing go on, so one run reports every problem. What is read is named by an
/// autoclosure, made into text only for a diagnostic: parsers name things per node template
/// and per property, and nearly all of those names were built only to be thrown away.
enum DefinitionReader {
    /// The pairs of `node` if it is a mapping; an empty list for null (`properties:` with nothing
    /// after it); nil, with a diagnostic, for anything else.
    static func pairs(_ node: Node, of what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> [Pair]? {
        if let pairs = node.pairs { return pairs }
        if node.scalar?.value == .null { return [] }
        diagnostics.append(.error(.wrongShape, "\(what()) must be a mapping, not \(node.kindDescription)", at: node.range,
                                  notes: [ShapeHint.mapping]))
        return nil
    }

    /// The items of `node` if it is a list; empty for null; nil, with a diagnostic, otherwise.
    static func items(_ node: Node, of what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> [Node]? {
        if let items = node.items { return items }
        if node.scalar?.value == .null { return [] }
        diagnostics.append(.error(.wrongShape, "\(what()) must be a list, not \(node.kindDescription)", at: node.range,
                                  notes: [ShapeHint.list]))
        return nil
    }

    /// The string value of `node`, or nil with a diagnostic.
    static func string(_ node: Node, of what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> String? {
        if let text = node.string { return text }
        diagnostics.append(.error(.wrongShape, "\(what()) must be a string, not \(node.kindDescription)", at: node.range,
                                  notes: [ShapeHint.text]))
        return nil
    }

    /// A string key of a mapping, or nil with a diagnostic (a name must be a string).
    static func name(_ key: Node, in what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) -> String? {
        if let text = key.string { return text }
        if let scalar = key.scalar {
            // `1: ...` or `true: ...`: a name written as a number or boolean still names something.
            if case .null = scalar.value {} else { return scalar.text }
        }
        diagnostics.append(.error(.wrongShape, "a name in \(what()) must be a string, not \(key.kindDescription)", at: key.range, notes: [ShapeHint.text]))
        return nil
    }

    /// Reports every key of `pairs` that is not in `allowed`, with a did-you-mean or the list of
    /// allowed keys.
    static func checkKeys(_ pairs: [Pair], allowed: [String], in what: @autoclosure () -> String, diagnostics: inout [Diagnostic]) {
        // By index: `for pair in pairs` copied every pair (and retained its nodes).
        for index in pairs.indices {
            let keyNode = pairs[index].key
            guard let key = keyNode.string ?? keyNode.scalar?.text, !allowed.contains(key) else { continue }
            let note = DidYouMean.note(for: key, among: allowed)
                ?? "\(what()) accepts: \(allowed.joined(separator: ", "))"
            diagnostics.append(.error(.unknownKey, "unknown key '\(key)' in \(what())", at: keyNode.range, notes: [DiagnosticNote(note)]))
        }
    }

    /// The value under `key`, and the key's own node.
    static func entry(_ key: String, in pairs: [Pair]) -> Pair? {
        // By index: `first(where:)` copied every pair it looked at.
        for index in pairs.indices where pairs[index].key.isString(key) { return pairs[index] }
        return nil
    }

    /// Reports a missing required key at `range` (usually the definition's name). A key written
    /// with no value (`value:` or `value: null`) is missing too, as in Cloudify, whose required
    /// elements treat null as absent.
    static func requireKey(_ key: String, in pairs: [Pair], of what: @autoclosure () -> String, at range: SourceRange,
                           hint: @autoclosure () -> String? = nil, diagnostics: inout [Diagnostic]) -> Pair? {
        guard let pair = entry(key, in: pairs) else {
            diagnostics.append(.error(.missingRequiredKey, "\(what()) has no '\(key)'", at: range, notes: hint().map { [DiagnosticNote($0)] } ?? []))
            return nil
        }
        if pair.value.scalar?.value == .null {
            diagnostics.append(.error(.missingRequiredKey, "'\(key)' of \(what()) has no value (null)", at: pair.key.range,
                                      notes: hint().map { [DiagnosticNote($0)] } ?? []))
            return nil
        }
        return pair
    }

    /// An integer literal, if `node` is one.
    static func integer(_ node: Node) -> Int? {
        if case .scalar(let scalar) = node.content, case .int(let value) = scalar.value { return value }
        return nil
    }

    /// A number literal (integer or float), if `node` is one.
    static func number(_ node: Node) -> Double? {
        guard case .scalar(let scalar) = node.content else { return nil }
        switch scalar.value {
        case .int(let value): return Double(value)
        case .float(let value): return value
        default: return nil
        }
    }

    /// A boolean literal, if `node` is one.
    static func bool(_ node: Node) -> Bool? {
        if case .scalar(let scalar) = node.content, case .bool(let value) = scalar.value { return value }
        return nil
    }
}
