import Diagnostics
import YAMLSource

/// What to write instead of a value of the wrong primitive type (BV0201), for the mistakes
/// users make most: a unit after a size (`memory: 1G`), a number in words, a fraction for an
/// integer, one item given for a list, a scalar for a map.
enum TypeMismatchHint {
    static func note(for expression: Expression, expected type: PrimitiveType, path: String) -> DiagnosticNote? {
        switch (type, expression.kind) {
        case (.integer, .scalar(let scalar)):
            if case .float = scalar.value { return DiagnosticNote("write a whole number: '\(path)' takes no fraction") }
            return unitNote(scalar, path: path) ?? DiagnosticNote("write a whole number in digits, such as 4")
        case (.float, .scalar(let scalar)):
            return unitNote(scalar, path: path) ?? DiagnosticNote("write a number in digits, such as 1.5")
        case (.integer, _), (.float, _):
            return DiagnosticNote("write one number, not \(expression.kindDescription)")
        case (.boolean, _):
            return ShapeHint.flag
        case (.list, .scalar(let scalar)):
            return DiagnosticNote("wrap it in [ ] to make a one-item list: [\(Value(scalar.value))]")
        case (.list, _):
            return ShapeHint.list
        case (.dict, _):
            return ShapeHint.mapping
        case (.regex, _):
            return DiagnosticNote("write the pattern as a string in quotes, such as '^vm-[0-9]+$'")
        default:
            // Only a list or a mapping can fail a string type.
            return ShapeHint.text
        }
    }

    /// For a size or duration written with its unit (`1G`, `512MiB`, `30s`): the number is
    /// wanted alone, in the unit the property counts in.
    private static func unitNote(_ scalar: Scalar, path: String) -> DiagnosticNote? {
        guard case .string(let text) = scalar.value,
              let match = text.wholeMatch(of: /\s*[0-9]+(?:\.[0-9]+)?\s*([A-Za-z]+)\s*/) else { return nil }
        return DiagnosticNote("write the number alone, without '\(match.output.1)', in the unit '\(path)' counts in")
    }
}
