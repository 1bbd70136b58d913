import YAMLSource

/// A node or relationship type as one file declares it, before it is flattened along
/// derived_from.
struct TypeDeclaration {
    var name: String
    var derivedFrom: String?
    var derivedFromRange: SourceRange?
    var description: String?
    var properties: NameTable<PropertySchema>
    /// A node type's interfaces.
    var interfaces: NameTable<Interface>
    /// A relationship type's interfaces.
    var sourceInterfaces: NameTable<Interface>
    var targetInterfaces: NameTable<Interface>
    var range: SourceRange
    var nameRange: SourceRange
    /// For a type from a built-in definition: the file and where the blueprint imported it, so
    /// a problem with the built-in (a missing companion import) is reported where the user can act.
    var builtinImport: (file: String, range: SourceRange)?
    /// Read for its name and derived_from only: a built-in type the blueprint does not use
    /// (UsedTypes). Its other fields are empty, and no NodeType or RelationshipType is made of it.
    var isOutline = false

    static let nodeTypeKeys = ["derived_from", "properties", "interfaces", "description"]
    static let relationshipTypeKeys = ["derived_from", "properties", "source_interfaces", "target_interfaces", "description"]

    /// Parses `entry` from `node_types` (isRelationship false) or `relationships`.
    static func parse(_ entry: SectionEntry, isRelationship: Bool, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> TypeDeclaration {
        let what = isRelationship ? "relationship type '\(entry.name)'" : "node type '\(entry.name)'"
        var declaration = empty(entry)
        guard let pairs = DefinitionReader.pairs(entry.value, of: what, diagnostics: &diagnostics) else { return declaration }
        DefinitionReader.checkKeys(pairs, allowed: isRelationship ? relationshipTypeKeys : nodeTypeKeys, in: what, diagnostics: &diagnostics)
        if let parent = DefinitionReader.entry("derived_from", in: pairs)?.value,
           let name = DefinitionReader.string(parent, of: "derived_from of \(what)", diagnostics: &diagnostics) {
            declaration.derivedFrom = name
            declaration.derivedFromRange = parent.range
        }
        if let description = DefinitionReader.entry("description", in: pairs)?.value {
            declaration.description = description.scalar?.text
        }
        if let properties = DefinitionReader.entry("properties", in: pairs)?.value,
           let propertyPairs = DefinitionReader.pairs(properties, of: "the properties of \(what)", diagnostics: &diagnostics) {
            for pair in propertyPairs {
                guard let schema = PropertySchema.parse(name: pair.key, declaration: pair.value, diagnostics: &diagnostics) else { continue }
                declaration.properties[schema.name] = schema
                checks.declaration(schema)
            }
        }
        let parser = InterfaceParser(mode: .declaration, owner: what)
        if let interfaces = DefinitionReader.entry("interfaces", in: pairs)?.value {
            declaration.interfaces = parser.parse(interfaces, checks: &checks, diagnostics: &diagnostics)
        }
        if let interfaces = DefinitionReader.entry("source_interfaces", in: pairs)?.value {
            declaration.sourceInterfaces = parser.parse(interfaces, checks: &checks, diagnostics: &diagnostics)
        }
        if let interfaces = DefinitionReader.entry("target_interfaces", in: pairs)?.value {
            declaration.targetInterfaces = parser.parse(interfaces, checks: &checks, diagnostics: &diagnostics)
        }
        return declaration
    }

    /// The outline of a built-in type's `entry` (see isOutline). A built-in file is well formed,
    /// so nothing here needs a diagnostic.
    static func outline(_ entry: SectionEntry) -> TypeDeclaration {
        var declaration = empty(entry)
        declaration.isOutline = true
        if let parent = parentNode(of: entry), let name = parent.string {
            declaration.derivedFrom = name
            declaration.derivedFromRange = parent.range
        }
        return declaration
    }

    /// The `derived_from` value of `entry`, read without checking its shape (UsedTypes reads it
    /// too, before any type is parsed).
    static func parentNode(of entry: SectionEntry) -> Node? {
        entry.value.pairs.flatMap { DefinitionReader.entry("derived_from", in: $0) }?.value
    }

    /// `entry`'s name and places, nothing declared yet.
    private static func empty(_ entry: SectionEntry) -> TypeDeclaration {
        var declaration = TypeDeclaration(name: entry.name, properties: NameTable(), interfaces: NameTable(),
                                          sourceInterfaces: NameTable(), targetInterfaces: NameTable(),
                                          range: entry.value.range, nameRange: entry.key.range)
        if entry.file.isBuiltin, let importedAt = entry.file.importedAt {
            declaration.builtinImport = (entry.file.path, importedAt)
        }
        return declaration
    }
}
