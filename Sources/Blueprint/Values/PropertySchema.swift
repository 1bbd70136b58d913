import YAMLSource

/// The declaration of a property (of a node, relationship or data type) or of a blueprint input:
/// its type, default, whether it is required, and its constraints.
///
/// Cloudify semantics: `required` defaults to true, so a property without a default must be
/// given unless it says `required: false`.
public struct PropertySchema: Sendable, Hashable {
    /// Which keys a declaration may have.
    public enum Kind: Sendable, Hashable {
        /// A property of a node type, relationship type or data type.
        case property
        /// A blueprint input, which also allows display_label, hidden, item_type and display.
        case input
    }

    // The fields, in one copy-on-write box (`CopyOnWriteBox`): a schema goes with every value
    // checked against it (each property of each node template), and copying its thirteen
    // fields, seven of them counted references, was 2.5% of validating 1,000 node templates.
    private struct Fields: Sendable, Hashable {
        var name: String
        var type: String?
        var typeRange: SourceRange?
        var description: String?
        var `default`: Expression?
        var required: Bool
        var constraints: [Constraint]
        var itemType: String?
        var itemTypeRange: SourceRange?
        var displayLabel: String?
        var hidden: Bool
        var range: SourceRange
        var nameRange: SourceRange
    }

    private var box: CopyOnWriteBox<Fields>

    public var name: String {
        _read { yield box.fields.name }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.name }
    }
    /// The declared type: a `PrimitiveType` name or a data type name; nil when none is given.
    public var type: String? {
        _read { yield box.fields.type }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.type }
    }
    public var typeRange: SourceRange? {
        _read { yield box.fields.typeRange }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.typeRange }
    }
    public var description: String? {
        _read { yield box.fields.description }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.description }
    }
    public var `default`: Expression? {
        _read { yield box.fields.`default` }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.`default` }
    }
    /// False only when the declaration says `required: false`.
    public var required: Bool {
        _read { yield box.fields.required }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.required }
    }
    public var constraints: [Constraint] {
        _read { yield box.fields.constraints }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.constraints }
    }
    /// The item type of a list input (`item_type`, DSL 1_4).
    public var itemType: String? {
        _read { yield box.fields.itemType }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.itemType }
    }
    public var itemTypeRange: SourceRange? {
        _read { yield box.fields.itemTypeRange }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.itemTypeRange }
    }
    public var displayLabel: String? {
        _read { yield box.fields.displayLabel }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.displayLabel }
    }
    public var hidden: Bool {
        _read { yield box.fields.hidden }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.hidden }
    }
    /// The range of the whole declaration (its value).
    public var range: SourceRange {
        _read { yield box.fields.range }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.range }
    }
    /// The range of the declared name (its key).
    public var nameRange: SourceRange {
        _read { yield box.fields.nameRange }
        _modify { yield &CopyOnWriteBox.unique(&box).fields.nameRange }
    }

    public init(name: String, type: String? = nil, typeRange: SourceRange? = nil, description: String? = nil,
                default: Expression? = nil, required: Bool = true, constraints: [Constraint] = [],
                itemType: String? = nil, itemTypeRange: SourceRange? = nil, displayLabel: String? = nil, hidden: Bool = false,
                range: SourceRange, nameRange: SourceRange) {
        box = CopyOnWriteBox(Fields(name: name, type: type, typeRange: typeRange, description: description, default: `default`,
                                    required: required, constraints: constraints, itemType: itemType, itemTypeRange: itemTypeRange,
                                    displayLabel: displayLabel, hidden: hidden, range: range, nameRange: nameRange))
    }

    // Equal and hashed by the fields, as the struct of them was.
    public static func == (lhs: PropertySchema, rhs: PropertySchema) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        box.fields.hash(into: &hasher)
    }

    /// True when a value must be given: required and no default.
    public var needsValue: Bool { required && `default` == nil }

    /// The primitive type, when the declared type is one.
    public var primitiveType: PrimitiveType? { type.flatMap(PrimitiveType.init(rawValue:)) }

    /// The keys a property declaration may have.
    public static let propertyKeys = ["type", "default", "description", "required", "constraints"]
    /// The keys an input declaration may have (Cloudify 1_3 to 1_5).
    public static let inputKeys = ["type", "default", "description", "required", "constraints", "display_label", "hidden", "item_type", "display"]

    /// Parses the declaration `declaration` named by the key `name`. Returns nil only when the
    /// declaration is unusable (not a mapping); other problems are reported and skipped.
    public static func parse(name: Node, declaration: Node, kind: Kind = .property, diagnostics: inout [Diagnostic]) -> PropertySchema? {
        let propertyName = name.keyText
        let what = kind == .input ? "input" : "property"
        var schema = PropertySchema(name: propertyName, range: declaration.range, nameRange: name.range)
        if case .scalar(let scalar) = declaration.content, case .null = scalar.value {
            return schema
        }
        guard let pairs = declaration.pairs else {
            diagnostics.append(.error(.invalidPropertyDeclaration, "the declaration of \(what) '\(propertyName)' must be a mapping, not \(declaration.kindDescription)",
                                      at: declaration.range,
                                      notes: [DiagnosticNote("declare it as a mapping, e.g. `\(propertyName): { type: string, default: ... }`")]))
            return nil
        }
        let allowed = kind == .input ? inputKeys : propertyKeys
        for pair in pairs {
            let key = pair.key.keyText
            let value = pair.value
            func expect(_ expectation: String, _ hint: DiagnosticNote) {
                diagnostics.append(.error(.invalidPropertyDeclaration, "'\(key)' of \(what) '\(propertyName)' must be \(expectation), not \(value.kindDescription)",
                                          at: value.range, notes: [hint]))
            }
            switch key {
            case "type" where allowed.contains(key):
                if let type = value.string { schema.type = type; schema.typeRange = value.range } else { expect("a type name", ShapeHint.typeName) }
            case "default" where allowed.contains(key):
                schema.default = ExpressionParser.parse(value, diagnostics: &diagnostics)
            case "description" where allowed.contains(key):
                if let text = value.scalar?.text { schema.description = text } else { expect("a string", ShapeHint.text) }
            case "required" where allowed.contains(key):
                if case .scalar(let scalar) = value.content, case .bool(let flag) = scalar.value { schema.required = flag } else { expect("true or false", ShapeHint.flag) }
            case "constraints" where allowed.contains(key):
                schema.constraints = Constraint.parseList(value, diagnostics: &diagnostics)
            case "display_label" where allowed.contains(key):
                if let text = value.string { schema.displayLabel = text } else { expect("a string", ShapeHint.text) }
            case "hidden" where allowed.contains(key):
                if case .scalar(let scalar) = value.content, case .bool(let flag) = scalar.value { schema.hidden = flag } else { expect("true or false", ShapeHint.flag) }
            case "item_type" where allowed.contains(key):
                if let type = value.string { schema.itemType = type; schema.itemTypeRange = value.range } else { expect("a type name", ShapeHint.typeName) }
            case "display" where allowed.contains(key):
                checkDisplay(value, of: propertyName, diagnostics: &diagnostics)
            default:
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.note(for: key, among: allowed) { notes.append(DiagnosticNote(suggestion)) }
                notes.append(DiagnosticNote("a\(kind == .input ? "n input" : " property") declaration may have: \(allowed.joined(separator: ", "))"))
                diagnostics.append(.error(.invalidPropertyDeclaration, "unknown key '\(key)' in the declaration of \(what) '\(propertyName)'",
                                          at: pair.key.range, notes: notes))
            }
        }
        if let itemType = schema.itemType, let range = schema.itemTypeRange {
            if schema.type != PrimitiveType.list.rawValue {
                diagnostics.append(.error(.invalidPropertyDeclaration, "item_type is only allowed on inputs of type list, but '\(propertyName)' has type \(schema.type ?? "(none)")",
                                          at: range, notes: [DiagnosticNote("add `type: list` or remove item_type")]))
            } else if PrimitiveType(rawValue: itemType) == nil {
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.note(for: itemType, among: PrimitiveType.names) { notes.append(DiagnosticNote(suggestion)) }
                notes.append(DiagnosticNote("item_type must be one of: \(PrimitiveType.names.joined(separator: ", "))"))
                diagnostics.append(.error(.invalidPropertyDeclaration, "unknown item_type '\(itemType)'", at: range, notes: notes))
            }
        }
        if kind == .input, schema.hidden, schema.needsValue {
            diagnostics.append(.error(.invalidPropertyDeclaration, "input '\(propertyName)' is hidden and required, so it needs a default",
                                      at: name.range, notes: [DiagnosticNote("add a default, or `required: false`, or remove `hidden: true`")]))
        }
        return schema
    }

    /// An input's `display` hints: Cloudify knows one, `rows` (a whole number, the height of a
    /// textarea), and refuses any other key or type.
    private static func checkDisplay(_ value: Node, of input: String, diagnostics: inout [Diagnostic]) {
        guard let pairs = value.pairs else {
            diagnostics.append(.error(.invalidPropertyDeclaration, "'display' of input '\(input)' must be a mapping, not \(value.kindDescription)", at: value.range,
                                      notes: [DiagnosticNote("write it as `display: {rows: 5}`")]))
            return
        }
        for pair in pairs {
            guard pair.key.keyText == "rows" else {
                diagnostics.append(.error(.invalidPropertyDeclaration, "unknown key '\(pair.key.keyText)' in 'display' of input '\(input)'", at: pair.key.range,
                                          notes: [DiagnosticNote("'display' has one hint: rows (the height of a textarea input)")]))
                continue
            }
            if case .scalar(let scalar) = pair.value.content, case .int = scalar.value { continue }
            diagnostics.append(.error(.invalidPropertyDeclaration, "'rows' in 'display' of input '\(input)' must be a whole number, not \(pair.value.kindDescription)",
                                      at: pair.value.range, notes: [DiagnosticNote("write the height of the textarea in lines, such as rows: 5")]))
        }
    }
}
