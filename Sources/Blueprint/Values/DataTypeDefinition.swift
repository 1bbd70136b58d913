import YAMLSource

/// A data type declared under `data_types:`: a named record of properties, optionally derived
/// from another data type (whose properties it inherits and may override).
public struct DataTypeDefinition: Sendable, Hashable {
    public var name: String
    public var nameRange: SourceRange
    public var derivedFrom: String?
    public var derivedFromRange: SourceRange?
    public var description: String?
    /// The properties declared here (not inherited), in declaration order.
    public var properties: [PropertySchema]
    /// The range of the whole declaration.
    public var range: SourceRange

    public init(name: String, nameRange: SourceRange, derivedFrom: String? = nil, derivedFromRange: SourceRange? = nil,
                description: String? = nil, properties: [PropertySchema] = [], range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.derivedFrom = derivedFrom
        self.derivedFromRange = derivedFromRange
        self.description = description
        self.properties = properties
        self.range = range
    }

    /// The keys a data type declaration may have.
    public static let keys = ["properties", "description", "derived_from", "version"]

    /// Parses one entry of `data_types:`. Returns nil only when the declaration is unusable.
    public static func parse(name: Node, declaration: Node, diagnostics: inout [Diagnostic]) -> DataTypeDefinition? {
        let typeName = name.keyText
        if PrimitiveType(rawValue: typeName) != nil {
            diagnostics.append(.error(.invalidDataType, "a data type cannot be named '\(typeName)': that is a built-in type", at: name.range,
                                      notes: [DiagnosticNote("choose another name, such as 'my.datatypes.\(typeName)'")]))
            return nil
        }
        var definition = DataTypeDefinition(name: typeName, nameRange: name.range, range: declaration.range)
        if case .scalar(let scalar) = declaration.content, case .null = scalar.value { return definition }
        guard let pairs = declaration.pairs else {
            diagnostics.append(.error(.invalidDataType, "data type '\(typeName)' must be a mapping, not \(declaration.kindDescription)", at: declaration.range,
                                      notes: [DiagnosticNote("write its fields under 'properties:', and 'derived_from:' a data type to extend")]))
            return nil
        }
        for pair in pairs {
            let key = pair.key.keyText
            let value = pair.value
            switch key {
            case "properties":
                if case .scalar(let scalar) = value.content, case .null = scalar.value { continue }
                guard let properties = value.pairs else {
                    diagnostics.append(.error(.invalidDataType, "properties of data type '\(typeName)' must be a mapping, not \(value.kindDescription)", at: value.range,
                                              notes: [DiagnosticNote("write each field as 'NAME: {type: TYPE}', one per line under 'properties:'")]))
                    continue
                }
                definition.properties = properties.compactMap {
                    PropertySchema.parse(name: $0.key, declaration: $0.value, kind: .property, diagnostics: &diagnostics)
                }
            case "description":
                definition.description = value.scalar?.text
            case "derived_from":
                if let parent = value.string {
                    definition.derivedFrom = parent
                    definition.derivedFromRange = value.range
                } else {
                    diagnostics.append(.error(.invalidDataType, "derived_from of data type '\(typeName)' must be a data type name, not \(value.kindDescription)", at: value.range,
                                              notes: [DiagnosticNote("name one data type; a data type extends only one")]))
                }
            case "version":
                continue
            default:
                var notes: [DiagnosticNote] = []
                if let suggestion = DidYouMean.note(for: key, among: keys) { notes.append(DiagnosticNote(suggestion)) }
                notes.append(DiagnosticNote("a data type may have: \(keys.joined(separator: ", "))"))
                diagnostics.append(.error(.invalidDataType, "unknown key '\(key)' in data type '\(typeName)'", at: pair.key.range, notes: notes))
            }
        }
        return definition
    }
}
