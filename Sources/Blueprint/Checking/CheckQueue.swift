import YAMLSource

/// Everything parsing found to check after all names are known: expressions (functions and
/// values) and declarations (types exist, defaults fit).
struct CheckQueue {
    var expressions: [ExpressionSite] = []
    var declarations: [(schema: PropertySchema, kind: PropertySchema.Kind)] = []
    /// Operations a template or relationship writes itself, to check what they run once the
    /// plugins are known (operations inherited from types are checked once per type).
    var interfaces: [(interfaces: NameTable<Interface>, owner: String)] = []
    /// The node types some template uses, whose operations are checked.
    var nodeTypesUsed: Set<String> = []

    /// Queues a declaration and the function calls of its default.
    mutating func declaration(_ schema: PropertySchema, kind: PropertySchema.Kind = .property) {
        declarations.append((schema, kind))
        if let defaultValue = schema.default, defaultValue.containsFunctions {
            expressions.append(ExpressionSite(expression: defaultValue, context: kind == .input ? .inputDefault : .typeDefault,
                                              declared: nil, path: schema.name))
        }
    }
}
