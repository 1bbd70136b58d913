/// Writes a `SeedValue` as block-style YAML that PyYAML (which cloud-init uses, YAML 1.1)
/// reads back as the same value: mapping keys in their given order, strings quoted whenever
/// they would otherwise read as something else, multi-line strings as literal blocks so ssh
/// keys, scripts and `write_files` content come back byte for byte.
public enum SeedYAML {
    /// The YAML document for `value`, ending in a newline.
    public static func emit(_ value: SeedValue) -> String {
        lines(for: value, indent: 0).joined(separator: "\n") + "\n"
    }

    private static let indentStep = 2

    /// The lines of a node placed at column `indent`.
    private static func lines(for value: SeedValue, indent: Int) -> [String] {
        let padding = String(repeating: " ", count: indent)
        switch value {
        case .map(let entries) where !entries.isEmpty:
            return entries.flatMap { entry in
                nested(entry.value, after: padding + YAMLScalar.key(entry.key) + ":", indent: indent)
            }
        case .list(let items) where !items.isEmpty:
            return items.flatMap { item in
                nested(item, after: padding + "-", indent: indent)
            }
        default:
            return scalarLines(value, after: nil, indent: indent)
        }
    }

    /// A value following a key's `key:` or a list item's `-`: scalars on the same line,
    /// mappings and lists below it, indented; a list item's mapping or list starts on the dash line.
    private static func nested(_ value: SeedValue, after lead: String, indent: Int) -> [String] {
        switch value {
        case .map(let entries) where !entries.isEmpty:
            return nestedCollection(value, after: lead, indent: indent)
        case .list(let items) where !items.isEmpty:
            return nestedCollection(value, after: lead, indent: indent)
        default:
            return scalarLines(value, after: lead, indent: indent)
        }
    }

    private static func nestedCollection(_ value: SeedValue, after lead: String, indent: Int) -> [String] {
        let child = lines(for: value, indent: indent + indentStep)
        guard lead.hasSuffix("-") else { return [lead] + child }
        // "- key: value" / "- - item": the dash takes the place of the first line's indentation.
        return [lead + " " + child[0].dropFirst(indent + indentStep)] + child.dropFirst()
    }

    /// A scalar, empty mapping or empty list; with `lead` on the same line after a space.
    private static func scalarLines(_ value: SeedValue, after lead: String?, indent: Int) -> [String] {
        let written = YAMLScalar.write(value, contentIndent: indent + indentStep)
        let first = lead.map { $0 + " " + written.header } ?? String(repeating: " ", count: indent) + written.header
        return [first] + written.blockLines
    }
}
