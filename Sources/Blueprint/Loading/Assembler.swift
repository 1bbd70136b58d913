import YAMLSource

/// Builds the parts of a `Blueprint` from the merged sections, in dependency order: data types,
/// then node and relationship types, inputs, node templates, the other sections; then checks
/// every queued value and function once all names are known, and binds the inputs.
struct Assembler {
    struct Parts {
        var inputs = NameTable<PropertySchema>()
        var inputValues: [String: Value] = [:]
        var dataTypes = DataTypeRegistry()
        var nodeTypes = NameTable<NodeType>()
        var relationshipTypes = NameTable<RelationshipType>()
        var nodeTemplates = NameTable<NodeTemplate>()
        var outputs = NameTable<Output>()
        var capabilities = NameTable<Output>()
        var plugins = NameTable<Plugin>()
        var workflows = NameTable<Workflow>()
        var groups = NameTable<Group>()
        var policies = NameTable<Policy>()
        var otherSections: [String: NameTable<Node>] = [:]
    }

    private var merger: SectionMerger
    let importedBuiltins: Set<String>
    let mainFile: String
    /// Imports that could not be loaded: unknown names may come from them.
    var unresolvedImports: [UnresolvedImport] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// The BV0206 warnings of parameters a node's own template may read (``UndeclaredTemplateParameter``).
    private(set) var undeclaredTemplateParameters: [UndeclaredTemplateParameter] = []
    private var checks = CheckQueue()

    init(merger: SectionMerger, importedBuiltins: Set<String>, mainFile: String) {
        self.merger = merger
        self.importedBuiltins = importedBuiltins
        self.mainFile = mainFile
    }

    mutating func assemble(provided: [ProvidedInput], secrets: Secrets?) -> Parts {
        var parts = Parts()
        parts.dataTypes = dataTypes()
        let used = UsedTypes(merger)
        let nodeTypes = nodeTypes(used: used.nodeTypes, dataTypes: parts.dataTypes)
        let relationshipTypes = relationshipTypes(used: used.relationshipTypes, dataTypes: parts.dataTypes)
        parts.nodeTypes = nodeTypes.types
        parts.relationshipTypes = relationshipTypes.types
        for entry in merger.entries("inputs") {
            guard let schema = PropertySchema.parse(name: entry.key, declaration: entry.value, kind: .input, diagnostics: &diagnostics) else { continue }
            parts.inputs[schema.name] = schema
            checks.declaration(schema, kind: .input)
        }

        // Each template's YAML is freed once it is parsed (the loader keeps no other copy), so
        // the tree and the templates made from it are not both in memory whole: the entries are
        // popped from the end of a reversed list, and no other list holds them.
        var templateEntries = Array(merger.take("node_templates").reversed())
        let templateNames = templateEntries.reversed().map(\.name)
        var templateParser = NodeTemplateParser(nodeTypes: parts.nodeTypes, relationshipTypes: parts.relationshipTypes,
                                                declaredTypeNames: (nodeTypes.declaredNames, relationshipTypes.declaredNames),
                                                dataTypes: parts.dataTypes, templateNames: templateNames, importedBuiltins: importedBuiltins)
        templateParser.unresolvedImports = unresolvedImports
        parts.nodeTemplates.reserveCapacity(templateEntries.count)
        while let entry = templateEntries.popLast() {
            parts.nodeTemplates[entry.name] = templateParser.parse(entry, checks: &checks, diagnostics: &diagnostics)
        }
        // Emptied, the list still holds its room (9 MB at 50,000 templates) until released.
        templateEntries = []
        diagnostics += DependencyCycles(templates: parts.nodeTemplates).diagnostics()

        for entry in merger.entries("outputs") {
            parts.outputs[entry.name] = OutputParser.parse(entry, section: "outputs", checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("capabilities") {
            parts.capabilities[entry.name] = OutputParser.parse(entry, section: "capabilities", checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("plugins") {
            parts.plugins[entry.name] = PluginParser.parse(entry, checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("workflows") {
            parts.workflows[entry.name] = WorkflowParser.parse(entry, checks: &checks, diagnostics: &diagnostics)
        }
        let groupParser = GroupParser(templateNames: Set(templateNames), groupNames: merger.entries("groups").map(\.name))
        for entry in merger.entries("groups") {
            parts.groups[entry.name] = groupParser.parseGroup(entry, diagnostics: &diagnostics)
        }
        var groupPolicies = GroupPolicyParser()
        groupPolicies.readDeclarations(policyTypes: merger.entries("policy_types"), triggers: merger.entries("policy_triggers"),
                                       checks: &checks, diagnostics: &diagnostics)
        for entry in merger.entries("groups") { groupPolicies.checkGroupPolicies(of: entry, checks: &checks, diagnostics: &diagnostics) }
        for entry in merger.entries("policies") {
            parts.policies[entry.name] = groupParser.parsePolicy(entry, checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("labels") {
            LabelParser.check(entry, isBlueprintLabel: false, checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("blueprint_labels") {
            LabelParser.check(entry, isBlueprintLabel: true, checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("resource_tags") {
            ResourceTagParser.check(entry, checks: &checks, diagnostics: &diagnostics)
        }
        for entry in merger.entries("deployment_settings") {
            DeploymentSettingsParser.check(entry, checks: &checks, diagnostics: &diagnostics)
        }
        for section in BlueprintLoader.keptSections {
            var table = NameTable<Node>()
            for entry in merger.entries(section) { table[entry.name] = entry.value }
            if !table.isEmpty { parts.otherSections[section] = table }
        }

        checkQueued(parts)
        let binding = InputBinder.bind(declarations: parts.inputs.elements, provided: provided, secrets: secrets ?? Secrets(),
                                       dataTypes: parts.dataTypes)
        parts.inputValues = binding.values
        checkImplementations(parts)
        diagnostics += binding.diagnostics
        diagnostics += InputPathChecker.check(checks.expressions, values: binding.values, inputs: parts.inputs, dataTypes: parts.dataTypes)
        if let secrets {
            diagnostics += SecretChecker.check(checks.expressions, secrets: secrets, inputValues: binding.values,
                                               givenInputs: Set(provided.map(\.name)))
        }
        return parts
    }

    private mutating func dataTypes() -> DataTypeRegistry {
        var definitions: [DataTypeDefinition] = []
        for entry in merger.entries("data_types") {
            guard let definition = DataTypeDefinition.parse(name: entry.key, declaration: entry.value, diagnostics: &diagnostics) else { continue }
            definitions.append(definition)
            for property in definition.properties { checks.declaration(property) }
        }
        let built = DataTypeRegistry.build(definitions)
        diagnostics += built.diagnostics
        return built.registry
    }

    /// The types of `section`: each parsed whole, or only outlined when it is a built-in type
    /// that is not in `used`.
    private mutating func declarations(_ section: String, isRelationship: Bool, used: Set<String>) -> NameTable<TypeDeclaration> {
        var declarations = NameTable<TypeDeclaration>()
        for entry in merger.entries(section) {
            if entry.file.isBuiltin && !used.contains(entry.name) {
                declarations[entry.name] = TypeDeclaration.outline(entry)
            } else {
                var whole = entry
                whole.value = entry.wholeValue
                declarations[entry.name] = TypeDeclaration.parse(whole, isRelationship: isRelationship, checks: &checks, diagnostics: &diagnostics)
            }
        }
        return declarations
    }

    /// The node types the blueprint uses, flattened, and the names of all that it declares.
    private mutating func nodeTypes(used: Set<String>, dataTypes: DataTypeRegistry) -> (types: NameTable<NodeType>, declaredNames: [String]) {
        let declared = declarations("node_types", isRelationship: false, used: used)
        let hierarchies = TypeFlattener(kind: "node type", importedBuiltins: importedBuiltins, unresolvedImports: unresolvedImports).hierarchies(of: declared, diagnostics: &diagnostics)
        var types = NameTable<NodeType>()
        for declaration in declared.elements where !declaration.isOutline {
            let chain = hierarchies[declaration.name] ?? [declaration.name]
            UndeclaredInterfaceCheck.checkType(declaration, kind: "node type", chain: chain, in: declared, diagnostics: &diagnostics)
            types[declaration.name] = NodeType(
                name: declaration.name, derivedFrom: declaration.derivedFrom, hierarchy: chain, description: declaration.description,
                properties: TypeFlattener.properties(of: chain, in: declared, dataTypes: dataTypes,
                                                     keptAsWritten: NodeTemplateParser.keptAsWritten(hierarchy: chain)),
                interfaces: TypeFlattener.interfaces(of: chain, in: declared) { $0.interfaces },
                range: declaration.range, nameRange: declaration.nameRange)
            types[declaration.name]?.ancestryIsIncomplete = TypeFlattener.stopsAtUnknownParent(chain, in: declared)
        }
        return (types, declared.names)
    }

    /// The relationship types the blueprint uses, flattened, and the names of all that it declares.
    private mutating func relationshipTypes(used: Set<String>, dataTypes: DataTypeRegistry) -> (types: NameTable<RelationshipType>, declaredNames: [String]) {
        let declared = declarations("relationships", isRelationship: true, used: used)
        let hierarchies = TypeFlattener(kind: "relationship type", importedBuiltins: importedBuiltins, unresolvedImports: unresolvedImports).hierarchies(of: declared, diagnostics: &diagnostics)
        var types = NameTable<RelationshipType>()
        for declaration in declared.elements where !declaration.isOutline {
            let chain = hierarchies[declaration.name] ?? [declaration.name]
            UndeclaredInterfaceCheck.checkType(declaration, kind: "relationship type", chain: chain, in: declared, diagnostics: &diagnostics)
            types[declaration.name] = RelationshipType(
                name: declaration.name, derivedFrom: declaration.derivedFrom, hierarchy: chain, description: declaration.description,
                properties: TypeFlattener.properties(of: chain, in: declared, dataTypes: dataTypes),
                sourceInterfaces: TypeFlattener.interfaces(of: chain, in: declared) { $0.sourceInterfaces },
                targetInterfaces: TypeFlattener.interfaces(of: chain, in: declared) { $0.targetInterfaces },
                range: declaration.range, nameRange: declaration.nameRange)
            types[declaration.name]?.ancestryIsIncomplete = TypeFlattener.stopsAtUnknownParent(chain, in: declared)
        }
        return (types, declared.names)
    }

    /// Checks that every operation and workflow runs a declared plugin's task or a script.
    private mutating func checkImplementations(_ parts: Parts) {
        var checker = ImplementationChecker(pluginNames: parts.plugins.names, mainFile: mainFile)
        checker.unresolvedImports = unresolvedImports
        checker.inputValues = parts.inputValues
        checker.inputs = parts.inputs
        // Node types as their templates use them (Cloudify checks node types through their
        // templates), each once, and every relationship type (Cloudify checks each); then what
        // templates and relationships write themselves.
        for type in parts.nodeTypes.elements where checks.nodeTypesUsed.contains(type.name) {
            checker.check(type.interfaces, owner: "node type '\(type.name)'")
        }
        for type in parts.relationshipTypes.elements {
            checker.check(type.sourceInterfaces, owner: "relationship type '\(type.name)'")
            checker.check(type.targetInterfaces, owner: "relationship type '\(type.name)'")
        }
        for (interfaces, owner) in checks.interfaces { checker.check(interfaces, owner: owner) }
        for workflow in parts.workflows.elements { checker.check(workflow) }
        diagnostics += checker.diagnostics
    }

    /// Runs the function and value checks queued while parsing.
    private mutating func checkQueued(_ parts: Parts) {
        let scope = BlueprintScope(inputs: parts.inputs, templates: parts.nodeTemplates, nodeTypes: parts.nodeTypes, dataTypes: parts.dataTypes)
        for declaration in checks.declarations {
            var found = ValueChecker.checkDeclaration(declaration.schema, kind: declaration.kind, dataTypes: parts.dataTypes)
            // A data type of a built-in that was not imported: name the import to add (looked up
            // only for an unknown type; every declaration of every type passes here).
            if found.contains(where: { $0.code == .unknownValueType }), let type = declaration.schema.type,
               let hint = ImportHint.note(forType: type, importedBuiltins: importedBuiltins) ?? unresolvedImports.note(for: type, what: "data type '\(type)'", guessing: false) {
                for index in found.indices where found[index].code == .unknownValueType { found[index].notes.insert(hint, at: 0) }
            }
            diagnostics += found
        }
        diagnostics += NullValues.refusedFieldDefaults(dataTypes: parts.dataTypes, declarations: checks.declarations)
        let loops = PropertyLoops(scope: scope)
        for site in checks.expressions {
            if site.expression.containsFunctions {
                diagnostics += FunctionChecker.check(site.expression, in: site.context, scope: scope, loops: loops)
            }
            if let schema = site.schema {
                // Cloudify does not type check operation inputs, so null passes there.
                var found = ValueChecker.check(site.expression, against: schema, dataTypes: parts.dataTypes, path: site.path,
                                               completedByDefault: schema.default, acceptsNull: site.context.isOperationInput)
                if let userTemplate = site.userTemplate {
                    for index in found.indices where found[index].code == .unknownDataTypeProperty {
                        found[index].severity = .warning
                        // After a did-you-mean, which stays the first thing to read.
                        let position = found[index].notes.first?.message.hasPrefix("did you mean") == true ? 1 : 0
                        found[index].notes.insert(DiagnosticNote("the node gives its own XML template, which may read it; bluevirt passes it on, but check the spelling",
                                                                 at: userTemplate), at: position)
                        if let node = site.context.selfNode, case .map(let entries) = site.expression.kind,
                           let entry = entries.first(where: { $0.keyRange == found[index].range }) {
                            undeclaredTemplateParameters.append(UndeclaredTemplateParameter(node: node, key: entry.key, range: entry.keyRange))
                        }
                    }
                }
                diagnostics += found
            }
        }
    }
}
