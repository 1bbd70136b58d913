/// A name in a tag (`name`, `metadata.node`, `.`), with its transforms (`uppercased(name)`),
/// split once when the template is compiled: swift-mustache splits it at every lookup.
struct ContextPath: Equatable, Sendable {
    /// `.`: the current value itself.
    var isCurrent: Bool
    /// A leading dot (`.name`): look in the current value only, not in the enclosing ones.
    var fromCurrent: Bool
    var parts: [String]
    /// Applied last to first, as written outside in: `a(b(name))` is `["a", "b"]`.
    var transforms: [String]

    init(_ name: String, transforms: [String] = []) {
        isCurrent = name == "."
        fromCurrent = name.first == "."
        parts = name.split(separator: ".").map(String.init)
        self.transforms = transforms
    }

    /// The value this path names: the first part is looked up from the innermost context
    /// outwards, the rest inside what it found (Mustache's rules for dotted names). A
    /// transform of no name (`index()`) reads the position in the list being rendered.
    func resolve(in stack: [TemplateValue], sequence: SequencePosition?) -> TemplateValue? {
        guard !transforms.isEmpty else { return find(in: stack) }
        var remaining = transforms[...]
        var value: TemplateValue
        if parts.isEmpty && !isCurrent && !fromCurrent {
            guard let sequence, let last = remaining.popLast(), let position = sequence.transformed(by: last) else { return nil }
            value = position
        } else {
            guard let found = find(in: stack) else { return nil }
            value = found
        }
        while let transform = remaining.popLast() {
            guard let transformed = value.transformed(by: transform) else { return nil }
            value = transformed
        }
        return value
    }

    private func find(in stack: [TemplateValue]) -> TemplateValue? {
        guard let current = stack.last else { return nil }
        if isCurrent { return current }
        if fromCurrent { return descend(from: current, through: parts[...]) }
        guard let first = parts.first else { return current }
        for value in stack.reversed() {
            if let found = value.child(named: first) { return descend(from: found, through: parts.dropFirst()) }
        }
        return nil
    }

    private func descend(from value: TemplateValue, through names: ArraySlice<String>) -> TemplateValue? {
        var value = value
        for name in names {
            guard let child = value.child(named: name) else { return nil }
            value = child
        }
        return value
    }
}
