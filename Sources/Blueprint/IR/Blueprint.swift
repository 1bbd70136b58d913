import YAMLSource

/// A checked blueprint: every section of the main file and its imports, merged, with types
/// flattened and node templates resolved against them. Every element keeps its source range.
public struct Blueprint: Sendable {
    public var dslVersion: DSLVersion
    public var description: String?
    /// The main file's path, as the user named it.
    public var mainFile: String
    /// Every file that makes up the blueprint, the main file first, each once.
    public var files: [BlueprintFile]
    /// The blueprint's input declarations, and the values bound to them (given or default).
    public var inputs: NameTable<PropertySchema>
    public var inputValues: [String: Value]
    /// The values get_secret reads in this run (none when the loader was given none).
    public var secrets = Secrets()
    public var dataTypes: DataTypeRegistry
    /// The node and relationship types, flattened: every one the blueprint's own files declare,
    /// and of the built-in ones those its node templates use, with their ancestors (UsedTypes).
    public var nodeTypes: NameTable<NodeType>
    public var relationshipTypes: NameTable<RelationshipType>
    public var nodeTemplates: NameTable<NodeTemplate>
    public var outputs: NameTable<Output>
    /// The `capabilities` section: values exposed to other deployments, shaped like outputs.
    public var capabilities: NameTable<Output>
    public var plugins: NameTable<Plugin>
    public var workflows: NameTable<Workflow>
    public var groups: NameTable<Group>
    public var policies: NameTable<Policy>
    /// Sections kept as written for later work (labels, blueprint_labels, metadata,
    /// deployment_settings, policy_types, policy_triggers, upload_resources): section name →
    /// its entries, merged across files by name.
    public var otherSections: [String: NameTable<Node>]
    /// The `params` keys of nodes with their own template that no data type declares, each
    /// reported as a warning among the loader's diagnostics.
    public var undeclaredTemplateParameters: [UndeclaredTemplateParameter] = []

    public init(dslVersion: DSLVersion, description: String?, mainFile: String, files: [BlueprintFile],
                inputs: NameTable<PropertySchema>, inputValues: [String: Value], dataTypes: DataTypeRegistry,
                nodeTypes: NameTable<NodeType>, relationshipTypes: NameTable<RelationshipType>,
                nodeTemplates: NameTable<NodeTemplate>, outputs: NameTable<Output>, capabilities: NameTable<Output>,
                plugins: NameTable<Plugin>, workflows: NameTable<Workflow>, groups: NameTable<Group>,
                policies: NameTable<Policy>, otherSections: [String: NameTable<Node>]) {
        self.dslVersion = dslVersion
        self.description = description
        self.mainFile = mainFile
        self.files = files
        self.inputs = inputs
        self.inputValues = inputValues
        self.dataTypes = dataTypes
        self.nodeTypes = nodeTypes
        self.relationshipTypes = relationshipTypes
        self.nodeTemplates = nodeTemplates
        self.outputs = outputs
        self.capabilities = capabilities
        self.plugins = plugins
        self.workflows = workflows
        self.groups = groups
        self.policies = policies
        self.otherSections = otherSections
    }
}
