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

    // The fields live in one object that copies share until one of them changes: a schema goes
    // with every value checked against it (each property of each node template), and copying
    // its thirteen fields, seven of them counted references, was 2.5% of validating 1,000 node
    // templates.
    private final class Storage: @unchecked Sendable {
        // Unchecked, for Sendable and for exclusive access (whose run-time checks on every field
        // read cost more than the copies saved): a storage is changed only through a schema
        // that holds the one reference to it (`unique()`), as an array's buffer is.
        @exclusivity(unchecked) var name: String
        @exclusivity(unchecked) var type: String?
        @exclusivity(unchecked) var typeRange: SourceRange?
        @exclusivity(unchecked) var description: String?
        @exclusivity(unchecked) var `default`: Expression?
        @exclusivity(unchecked) var required: Bool
        @exclusivity(unchecked) var constraints: [Constraint]
        @exclusivity(unchecked) var itemType: String?
        @exclusivity(unchecked) var itemTypeRange: SourceRange?
        @exclusivity(unchecked) var displayLabel: String?
        @exclusivity(unchecked) var hidden: Bool
        @exclusivity(unchecked) var range: SourceRange
        @exclusivity(unchecked) var nameRange: SourceRange

        init(name: String, type: String?, typeRange: SourceRange?, description: String?, default: Expression?, required: Bool,
             constraints: [Constraint], itemType: String?, itemTypeRange: SourceRange?, displayLabel: String?, hidden: Bool,
             range: SourceRange, nameRange: SourceRange) {
            self.name = name
            self.type = type
            self.typeRange = typeRange
            self.description = description
            self.`default` = `default`
            self.required = required
            self.constraints = constraints
            self.itemType = itemType
            self.itemTypeRange = itemTypeRange
            self.displayLabel = displayLabel
            self.hidden = hidden
            self.range = range
            self.nameRange = nameRange
        }

        func copy() -> Storage {
            Storage(name: name, type: type, typeRange: typeRange, description: description, default: `default`, required: required,
                    constraints: constraints, itemType: itemType, itemTypeRange: itemTypeRange, displayLabel: displayLabel, hidden: hidden,
                    range: range, nameRange: nameRange)
        }
    }

    private var storage: Storage

    // Each field is read in place (`_read`) and changed in place once the storage is this
    // schema's own (`_modify`): a getter would hand over a copy, so that reading
    // `templates[i].relationships[j].target` copied the whole relationship.

    /// The storage, first copied if another schema shares it.
    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    public var name: String {
        _read { yield storage.name }
        _modify { yield &unique().name }
    }
    /// The declared type: a `PrimitiveType` name or a data type name; nil when none is given.
    public var type: String? {
        _read { yield storage.type }
        _modify { yield &unique().type }
    }
    public var typeRange: SourceRange? {
        _read { yield storage.typeRange }
        _modify { yield &unique().typeRange }
    }
    public var description: String? {
        _read { yield storage.description }
        _modify { yield &unique().description }
    }
    public var `default`: Expression? {
        _read { yield storage.`default` }
        _modify { yield &unique().`default` }
    }
    /// False only when the declaration says `required: false`.
    public var required: Bool {
        _read { yield storage.required }
        _modify { yield &unique().required }
    }
    public var constraints: [Constraint] {
        _read { yield storage.constraints }
        _modify { yield &unique().constraints }
    }
    /// The item type of a list input (`item_type`, DSL 1_4).
    public var itemType: String? {
        _read { yield storage.itemType }
        _modify { yield &unique().itemType }
    }
    public var itemTypeRange: SourceRange? {
        _read { yield storage.itemTypeRange }
        _modify { yield &unique().itemTypeRange }
    }
    public var displayLabel: String? {
        _read { yield storage.displayLabel }
        _modify { yield &unique().displayLabel }
    }
    public var hidden: Bool {
        _read { yield storage.hidden }
        _modify { yield &unique().hidden }
    }
    /// The range of the whole declaration (its value).
    public var range: SourceRange {
        _read { yield storage.range }
        _modify { yield &unique().range }
    }
    /// The range of the declared name (its key).
    public var nameRange: SourceRange {
        _read { yield storage.nameRange }
        _modify { yield &unique().nameRange }
    }

    public init(name: String, type: String? = nil, typeRange: SourceRange? = nil, description: String? = nil,
                default: Expression? = nil, required: Bool = true, constraints: [Constraint] = [],
                itemType: String? = nil, itemTypeRange: SourceRange? = nil, displayLabel: String? = nil, hidden: Bool = false,
                range: SourceRange, nameRange: SourceRange) {
        storage = Storage(name: name, type: type, typeRange: typeRange, description: description, default: `default`, required: required,
                          constraints: constraints, itemType: itemType, itemTypeRange: itemTypeRange, displayLabel: displayLabel,
                          hidden: hidden, range: range, nameRange: nameRange)
    }

    // Equal and hashed field by field, as a struct of the fields would be.
    public static func == (lhs: PropertySchema, rhs: PropertySchema) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let (left, right) = (lhs.storage, rhs.storage)
        return left.name == right.name && left.type == right.type && left.typeRange == right.typeRange
            && left.description == right.description && left.default == right.default && left.required == right.required
            && left.constraints == right.constraints && left.itemType == right.itemType && left.itemTypeRange == right.itemTypeRange
            && left.displayLabel == right.displayLabel && left.hidden == right.hidden && left.range == right.range
            && left.nameRange == right.nameRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.name)
        hasher.combine(storage.type)
        hasher.combine(storage.typeRange)
        hasher.combine(storage.description)
        hasher.combine(storage.`default`)
        hasher.combine(storage.required)
        hasher.combine(storage.constraints)
        hasher.combine(storage.itemType)
        hasher.combine(storage.itemTypeRange)
        hasher.combine(storage.displayLabel)
        hasher.combine(storage.hidden)
        hasher.combine(storage.range)
        hasher.combine(storage.nameRange)
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
