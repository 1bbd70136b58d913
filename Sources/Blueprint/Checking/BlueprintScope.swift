import YAMLSource

/// The names intrinsic functions may refer to, over the parsed blueprint: inputs, node templates
/// and their types' property schemas.
public struct BlueprintScope: FunctionScope {
    let inputs: NameTable<PropertySchema>
    let templates: NameTable<NodeTemplate>
    /// Each node type's property schemas as a dictionary, built once (get_property is frequent).
    let schemasByType: [String: [String: PropertySchema]]
    let registry: DataTypeRegistry

    init(inputs: NameTable<PropertySchema>, templates: NameTable<NodeTemplate>, nodeTypes: NameTable<NodeType>, dataTypes: DataTypeRegistry) {
        self.inputs = inputs
        self.templates = templates
        self.registry = dataTypes
        var schemas: [String: [String: PropertySchema]] = [:]
        for type in nodeTypes.elements {
            schemas[type.name] = Dictionary(uniqueKeysWithValues: type.properties.entries.map { ($0.name, $0.element) })
        }
        self.schemasByType = schemas
    }

    /// The scope of a loaded blueprint, for the checks that run after loading.
    public init(_ blueprint: Blueprint) {
        self.init(inputs: blueprint.inputs, templates: blueprint.nodeTemplates, nodeTypes: blueprint.nodeTypes, dataTypes: blueprint.dataTypes)
    }

    public var inputNames: [String] { inputs.names }

    public func hasInput(named name: String) -> Bool { inputs.contains(name) }

    public func hasNodeTemplate(named name: String) -> Bool { templates.contains(name) }

    public func inputSchema(named name: String) -> PropertySchema? { inputs[name] }

    public var nodeTemplateNames: [String] { templates.names }

    public func propertySchemas(ofNodeTemplate node: String) -> [String: PropertySchema]? {
        guard let template = templates[node] else { return nil }
        return schemasByType[template.type]
    }

    public func propertyValue(ofNodeTemplate node: String, named property: String) -> Expression? {
        templates[node]?.properties[property]
    }

    public var dataTypes: DataTypeRegistry? { registry }
}
