import YAMLSource

extension Node {
    /// True when both nodes hold the same YAML content, wherever they were written.
    /// Used to accept a definition imported twice (two files declaring the identical type).
    func hasSameContent(as other: Node) -> Bool {
        switch (content, other.content) {
        case (.scalar(let a), .scalar(let b)):
            return a.value == b.value
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameContent(as: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count && zip(a, b).allSatisfy {
                $0.key.hasSameContent(as: $1.key) && $0.value.hasSameContent(as: $1.value)
            }
        default:
            return false
        }
    }

    /// The range of a mapping's key named `key`, for diagnostics that point at the key itself.
    func keyRange(_ key: String) -> SourceRange? {
        keyNode(key)?.range
    }
}
