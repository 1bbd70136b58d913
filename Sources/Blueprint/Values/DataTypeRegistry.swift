import YAMLSource

/// All data types of a blueprint, with their properties flattened along derived_from.
///
/// Building the registry reports parents that do not exist (BV0209) and derivation cycles
/// (BV0210); a type in a cycle or below a missing parent keeps only its own properties.
public struct DataTypeRegistry: Sendable {
    /// The definitions as declared, by name, in declaration order.
    public private(set) var definitions: [DataTypeDefinition] = []
    private var byName: [String: Int] = [:]
    private var flattened: [String: [PropertySchema]] = [:]
    /// The data types with a required field without a default, at any depth (``hasRequiredFields(_:)``).
    private var withRequiredFields: Set<String> = []

    /// An empty registry (no data types).
    public init() {}

    /// Builds the registry from definitions; the first definition of a name wins (duplicates are
    /// the structure checker's business).
    public static func build(_ definitions: [DataTypeDefinition]) -> (registry: DataTypeRegistry, diagnostics: [Diagnostic]) {
        var registry = DataTypeRegistry()
        var diagnostics: [Diagnostic] = []
        for definition in definitions where registry.byName[definition.name] == nil {
            registry.byName[definition.name] = registry.definitions.count
            registry.definitions.append(definition)
        }
        for definition in registry.definitions {
            registry.flattened[definition.name] = registry.flatten(definition, diagnostics: &diagnostics)
        }
        // A field declared again over its parent's merges defaults with it, which needs every
        // data type's fields: a second pass for the derived ones (the first reported their
        // diagnostics already).
        var reportedAlready: [Diagnostic] = []
        let merging = registry
        for definition in registry.definitions where definition.derivedFrom != nil {
            registry.flattened[definition.name] = merging.flatten(definition, mergingWith: merging, diagnostics: &reportedAlready)
        }
        registry.checkContainment(diagnostics: &diagnostics)
        registry.findRequiredFields()
        return (registry, diagnostics)
    }

    /// Reports each data type that has a property of its own type, directly or through the
    /// properties of other data types: a value of it would have no end (Cloudify refuses it as
    /// a circular dependency). Reported once per type, at the property that starts the loop.
    private func checkContainment(diagnostics: inout [Diagnostic]) {
        for definition in definitions {
            for property in flattened[definition.name] ?? [] {
                guard let start = property.type, byName[start] != nil else { continue }
                var path = [definition.name, start]
                var visited: Set<String> = []
                var pending: [(name: String, path: [String])] = [(start, path)]
                var loop: [String]?
                while let (name, trail) = pending.popLast(), loop == nil {
                    if name == definition.name { loop = trail; break }
                    guard visited.insert(name).inserted else { continue }
                    for next in flattened[name] ?? [] {
                        guard let type = next.type, byName[type] != nil else { continue }
                        pending.append((type, trail + [type]))
                    }
                }
                path = loop ?? []
                guard !path.isEmpty else { continue }
                diagnostics.append(.error(.dataTypeContainsItself,
                                          "data type '\(definition.name)' contains itself: \(path.joined(separator: " -> "))",
                                          at: property.typeRange ?? property.range,
                                          notes: [DiagnosticNote("a value of it would never end; make one property in the loop a list or dict, or drop it")]))
                break
            }
        }
    }

    /// Whether a value of data type `name` can lack a field it requires: one of its fields, or of
    /// the data types of its fields at any depth, is required and has no default. Most data types
    /// have none, and checking their defaults field by field was 5% of validate.
    public func hasRequiredFields(_ name: String) -> Bool {
        withRequiredFields.contains(name)
    }

    /// Fills ``withRequiredFields``: the types with such a field of their own, then, until
    /// nothing changes, those with a field of a type already found.
    private mutating func findRequiredFields() {
        var found = Set(flattened.filter { $0.value.contains(where: \.needsValue) }.keys)
        var grew = true
        while grew {
            grew = false
            for (name, fields) in flattened where !found.contains(name)
                && fields.contains(where: { field in field.type.map(found.contains) ?? false }) {
                found.insert(name)
                grew = true
            }
        }
        withRequiredFields = found
    }

    /// Every data type name, for did-you-mean suggestions.
    public var names: [String] { definitions.map(\.name) }

    /// The definition named `name`.
    public func definition(named name: String) -> DataTypeDefinition? {
        byName[name].map { definitions[$0] }
    }

    /// True when `name` is a primitive type or a data type of this registry.
    public func isKnownType(_ name: String) -> Bool {
        PrimitiveType(rawValue: name) != nil || byName[name] != nil
    }

    /// The properties of data type `name` including inherited ones (parents' first, a child's
    /// redeclaration replacing the parent's in place); nil when no such data type exists.
    public func properties(of name: String) -> [PropertySchema]? {
        flattened[name]
    }

    /// `definition`'s fields with its ancestors', parents' first. With `mergingWith`, a field
    /// declared again has its default laid over the parent's (``redeclared(_:over:)``).
    private func flatten(_ definition: DataTypeDefinition, mergingWith completer: DataTypeRegistry? = nil,
                         diagnostics: inout [Diagnostic]) -> [PropertySchema] {
        var chain: [DataTypeDefinition] = [definition]
        var visited: Set<String> = [definition.name]
        var current = definition
        while let parent = current.derivedFrom {
            guard let next = self.definition(named: parent) else {
                if current.name == definition.name, let range = current.derivedFromRange {
                    var notes: [DiagnosticNote] = []
                    if let suggestion = DidYouMean.note(for: parent, among: names) { notes.append(DiagnosticNote(suggestion)) }
                    if PrimitiveType(rawValue: parent) != nil {
                        notes.append(DiagnosticNote("a data type derives from another data type, not from the built-in type '\(parent)'"))
                    }
                    diagnostics.append(.error(.unknownDataTypeParent, "data type '\(definition.name)' derives from unknown data type '\(parent)'",
                                              at: range, notes: notes))
                }
                break
            }
            guard !visited.contains(next.name) else {
                if next.name == definition.name, let range = definition.derivedFromRange {
                    let loop = (chain.map(\.name) + [definition.name]).joined(separator: " -> ")
                    diagnostics.append(.error(.dataTypeCycle, "data type '\(definition.name)' derives from itself: \(loop)", at: range,
                                              notes: [DiagnosticNote("remove derived_from from one of these data types")]))
                }
                return definition.properties
            }
            visited.insert(next.name)
            chain.append(next)
            current = next
        }
        var merged: [PropertySchema] = []
        for ancestor in chain.reversed() {
            for property in ancestor.properties {
                if let index = merged.firstIndex(where: { $0.name == property.name }) {
                    merged[index] = completer?.redeclared(property, over: merged[index]) ?? property
                } else {
                    merged.append(property)
                }
            }
        }
        return merged
    }
}
