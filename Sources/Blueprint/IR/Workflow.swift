import YAMLSource

/// A workflow: a plugin task (`mapping`) and the parameters it accepts.
public struct Workflow: Sendable {
    public var name: String
    public var mapping: String
    /// Where the mapping is written.
    public var mappingRange: SourceRange
    public var parameters: NameTable<PropertySchema>
    public var isCascading: Bool?
    public var range: SourceRange
    public var nameRange: SourceRange

    public init(name: String, mapping: String, mappingRange: SourceRange, parameters: NameTable<PropertySchema>, isCascading: Bool?,
                range: SourceRange, nameRange: SourceRange) {
        self.name = name
        self.mapping = mapping
        self.mappingRange = mappingRange
        self.parameters = parameters
        self.isCascading = isCascading
        self.range = range
        self.nameRange = nameRange
    }
}
