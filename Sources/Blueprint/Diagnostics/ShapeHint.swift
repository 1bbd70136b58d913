import Diagnostics

/// How to write a list, a mapping or one string in YAML: the hint of an error that found a
/// value of another shape (BV0106 for the blueprint's own structure, BV0201 for a typed value).
enum ShapeHint {
    static let list = DiagnosticNote("write a list: [a, b], or one '- item' line per item")
    static let mapping = DiagnosticNote("write a mapping: {key: value}, or 'key: value' lines indented under it")
    static let flag = DiagnosticNote("write true or false")
    static let typeName = DiagnosticNote("write one type name, such as string, integer, boolean, list, dict or a data type's name")
    static let text = DiagnosticNote("write one string, in quotes if it starts with '[' or '{' (YAML reads those as a list or a mapping)")
}
