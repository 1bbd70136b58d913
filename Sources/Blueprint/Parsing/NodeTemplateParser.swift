import YAMLSource

/// Parses node templates against the flattened types: the type exists, properties are declared
/// by it and required ones are given, relationships name existing types and targets, instance
/// counts are consistent. Values are queued for the function and value checks.
struct NodeTemplateParser {
    let nodeTypes: NameTable<NodeType>
    let relationshipTypes: NameTable<RelationshipType>
    /// Every node and relationship type declared, used or not, for the did-you-mean of an
    /// unknown type (the tables above hold only the built-in types the blueprint uses).
    let declaredTypeNames: (nodeTypes: [String], relationshipTypes: [String])
    let templateNames: [String]
    let templateNameSet: Set<String>
    let importedBuiltins: Set<String>
    let dataTypes: DataTypeRegistry
    /// Imports that could not be loaded: an unknown type may come from one of them.
    var unresolvedImports: [UnresolvedImport] = []
    /// Per node and relationship type, computed when a template first uses it (the tables
    /// also hold ancestors and relationship types that no template names): the property
    /// defaults every template starts from, and the properties that need a value.
    private let defaultsByType = TypeDefaultsCache()
    /// By node type, the interfaces that declare an operation input required (without a
    /// default): the only ones a template that does not give them itself can leave an input of
    /// without a value. Types with none are absent. A list: it holds one or two names, compared
    /// without hashing.
    private let interfacesWithRequiredInputs: [String: [String]]

    struct TypeDefaults {
        var values = NameTable<Expression>()
        var needed: [PropertySchema] = []
        /// Data-typed properties whose declared default, completed, still lacks a required field
        /// (BV0205 for each, at the default): a template that leaves the property to the
        /// default lacks it too, as Cloudify says of each such template. `declared`: whether the
        /// property has a default of its own (else it starts as an empty mapping, completed by
        /// its fields' defaults).
        var incomplete: [(name: String, missing: [Diagnostic], declared: Bool)] = []
        /// Properties whose default is null though their type refuses null (integer, list, ...):
        /// Cloudify refuses each template that takes it (``NullValues``).
        var nullDefaults: [PropertySchema] = []

        /// `keptAsWritten`: properties whose default is not completed from its data type.
        init(_ schemas: NameTable<PropertySchema>, dataTypes: DataTypeRegistry, keptAsWritten: Set<String> = []) {
            for (name, schema) in schemas.entries {
                let isKept = keptAsWritten.contains(name)
                let completed = isKept ? nil : dataTypes.defaultValue(of: schema)
                let defaultValue = isKept ? schema.default.map { dataTypes.readingBooleanWords($0, type: schema.type) } : completed
                if let defaultValue { values[name] = defaultValue }
                // A data type's null default is an empty mapping (``DataTypeRegistry/defaultValue(of:)``).
                if NullValues.isRefusedDefault(of: schema) { nullDefaults.append(schema) }
                let isNeeded = Self.needsValue(schema, dataTypes: dataTypes, visiting: [])
                if isNeeded { needed.append(schema) }
                // A field's default may lack a field its data type requires, at any depth; a
                // property left out with `required: false` and no default has no value at all.
                if !isNeeded, schema.default != nil || schema.required, let type = schema.type, dataTypes.properties(of: type) != nil,
                   let completed = completed ?? dataTypes.defaultValue(of: schema) {
                    let missing = ValueChecker.check(completed, against: schema, dataTypes: dataTypes, path: name)
                        .filter { $0.code == .missingDataTypeProperty }
                    if !missing.isEmpty { incomplete.append((name, missing, schema.default != nil)) }
                }
            }
        }

        /// As in Cloudify, a property of a data type without a default starts as an empty
        /// mapping, so it needs a value only when some field of the data type does.
        static func needsValue(_ schema: PropertySchema, dataTypes: DataTypeRegistry, visiting: Set<String>) -> Bool {
            guard schema.needsValue else { return false }
            guard let type = schema.type, !visiting.contains(type), let fields = dataTypes.properties(of: type) else { return true }
            return fields.contains { needsValue($0, dataTypes: dataTypes, visiting: visiting.union([type])) }
        }

        init() {}
    }

    private final class TypeDefaultsCache {
        var nodeTypes: [String: TypeDefaults] = [:]
        var relationshipTypes: [String: TypeDefaults] = [:]
    }

    private func defaults(ofNodeType name: String) -> TypeDefaults {
        if let known = defaultsByType.nodeTypes[name] { return known }
        guard let type = nodeTypes[name] else { return TypeDefaults() }
        let made = TypeDefaults(type.properties, dataTypes: dataTypes, keptAsWritten: Self.keptAsWritten(hierarchy: type.hierarchy))
        defaultsByType.nodeTypes[name] = made
        return made
    }

    private func defaults(ofRelationshipType name: String) -> TypeDefaults {
        if let known = defaultsByType.relationshipTypes[name] { return known }
        guard let type = relationshipTypes[name] else { return TypeDefaults() }
        let made = TypeDefaults(type.properties, dataTypes: dataTypes)
        defaultsByType.relationshipTypes[name] = made
        return made
    }

    init(nodeTypes: NameTable<NodeType>, relationshipTypes: NameTable<RelationshipType>,
         declaredTypeNames: (nodeTypes: [String], relationshipTypes: [String]), dataTypes: DataTypeRegistry,
         templateNames: [String], importedBuiltins: Set<String>) {
        self.nodeTypes = nodeTypes
        self.relationshipTypes = relationshipTypes
        self.declaredTypeNames = declaredTypeNames
        self.templateNames = templateNames
        self.templateNameSet = Set(templateNames)
        self.importedBuiltins = importedBuiltins
        self.dataTypes = dataTypes
        var requiredInputs: [String: [String]] = [:]
        for type in nodeTypes.elements {
            let names: [String] = type.interfaces.entries.filter { _, interface in
                interface.operations.elements.contains { $0.inputSchemas.elements.contains(where: \.required) }
            }.map(\.name)
            if !names.isEmpty { requiredInputs[type.name] = names }
        }
        self.interfacesWithRequiredInputs = requiredInputs
    }

    static let keys = ["type", "properties", "interfaces", "relationships", "instances", "capabilities"]
    static let relationshipKeys = ["type", "target", "properties", "source_interfaces", "target_interfaces"]
    static let lifecycle = UndeclaredInterfaceCheck.lifecycle
    static let libvirtPrefix = "cloudify.libvirt."

    /// The properties whose value is not completed from its data type: a libvirt node's
    /// `params` reach its XML template as written, and the templates apply the data types'
    /// defaults themselves (an empty `name` is the instance's id; docs/templates.md).
    static func keptAsWritten(hierarchy: [String]) -> Set<String> {
        hierarchy.contains { $0.hasPrefix(libvirtPrefix) } ? paramsKeptAsWritten : []
    }

    /// Made once: a set literal per template was built and hashed anew.
    private static let paramsKeptAsWritten: Set<String> = ["params"]

    func parse(_ entry: SectionEntry, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> NodeTemplate {
        let name = entry.name
        // For messages, and for the checks of interfaces the template gives: made for those only.
        func what() -> String { "node template '\(name)'" }
        var template = NodeTemplate(name: name, type: "", typeHierarchy: [], properties: PropertyTable(), interfaces: NameTable(),
                                    relationships: [], instances: Instances(), libvirtParams: nil,
                                    range: entry.value.range, nameRange: entry.key.range, typeRange: entry.key.range)
        guard let pairs = DefinitionReader.pairs(entry.value, of: what(), diagnostics: &diagnostics) else { return template }
        DefinitionReader.checkKeys(pairs, allowed: Self.keys, in: what(), diagnostics: &diagnostics)

        var nodeType: NodeType?
        if let typePair = DefinitionReader.requireKey("type", in: pairs, of: what(), at: entry.key.range,
                                                   hint: "name the node type, e.g. 'type: cloudify.libvirt.domain'", diagnostics: &diagnostics),
           let typeName = DefinitionReader.string(typePair.value, of: "the type of \(what())", diagnostics: &diagnostics) {
            template.type = typeName
            template.typeRange = typePair.value.range
            nodeType = nodeTypes[typeName]
            checks.nodeTypesUsed.insert(typeName)
            if let nodeType {
                template.typeHierarchy = nodeType.hierarchy
            } else {
                diagnostics.append(unknownType(typeName, at: typePair.value.range, among: declaredTypeNames.nodeTypes, code: .unknownNodeType, kind: "node type"))
            }
        }
        let isLibvirt = template.typeHierarchy.contains { $0.hasPrefix(Self.libvirtPrefix) }

        // Interfaces first: whether `params` is given as an operation input decides whether the
        // property `params` is needed.
        let firstSite = checks.expressions.count
        var ownInterfaces = NameTable<Interface>()
        if let interfaces = DefinitionReader.entry("interfaces", in: pairs)?.value {
            var parser = InterfaceParser(mode: .values(.operationInput(node: name)), owner: what())
            parser.dataTypes = dataTypes
            parser.inputSchema = { interface, operation, input in
                if isLibvirt, interface == Self.lifecycle, LibvirtParams.operations.contains(operation), input == "params" {
                    return DeclaredSchema("params", in: nodeType?.properties)
                }
                return DeclaredSchema(input, in: nodeType?.interfaces.withOperation(operation, of: interface) { $0.inputSchemas })
            }
            ownInterfaces = parser.parse(interfaces, checks: &checks, diagnostics: &diagnostics)
            if isLibvirt { ownInterfaces = LegacyTemplateInputs.aliased(ownInterfaces, diagnostics: &diagnostics) }
            checks.interfaces.append((ownInterfaces, what()))
        }
        template.interfaces = (nodeType?.interfaces ?? NameTable()).overridden(by: ownInterfaces)
        if let nodeType, !ownInterfaces.isEmpty {
            let owner = UndeclaredInterfaceCheck.Owner(name: what(), declarer: "its type")
            if !nodeType.ancestryIsIncomplete {
                UndeclaredInterfaceCheck.checkInterfaces(ownInterfaces, declared: nodeType.interfaces, owner: owner,
                                                         ownUse: "an interface of your own runs only through execute_operation; give it a name apart from the type's",
                                                         diagnostics: &diagnostics)
            }
            // Cloudify accepts any operation name, but the install and uninstall workflows run
            // only the lifecycle's own: `craete:` would silently never run.
            UndeclaredInterfaceCheck.checkLifecycleOperations(ownInterfaces, declared: nodeType.interfaces, owner: owner, diagnostics: &diagnostics)
        }
        // An operation input that its type declares without a default needs a value here, as
        // in Cloudify ("Input 'x' is missing a value"). Only interfaces whose type declares a
        // required input, or that the template gives, can lack one: the others are not walked
        // (a domain template inherits about fifty operations).
        let typeRequires = nodeType.flatMap { interfacesWithRequiredInputs[$0.name] } ?? []
        // By index, interfaces and operations alike: only an operation with a required input is
        // copied out of its table.
        let interfaces = template.interfaces
        for (interfaceIndex, interfaceName) in (typeRequires.isEmpty && ownInterfaces.isEmpty ? [] : interfaces.names).enumerated()
        where typeRequires.contains(interfaceName) || ownInterfaces.contains(interfaceName) {
            let operations = interfaces.elements[interfaceIndex].operations.elements
            for index in operations.indices where operations[index].inputSchemas.elements.contains(where: \.required) {
                let operation = operations[index]
                for (inputName, schema) in operation.inputSchemas.entries where schema.required && operation.inputs[inputName] == nil {
                    diagnostics.append(.error(.missingOperationInput,
                                              "input '\(inputName)' of operation '\(interfaceName).\(operation.name)' of \(what()) has no value",
                                              at: entry.key.range,
                                              notes: [DiagnosticNote("declared here without a default", at: schema.nameRange),
                                                      DiagnosticNote("give it under the template's interfaces, or a default in the type")]))
                }
            }
        }
        let paramsInputs = LibvirtParams.operations.compactMap { operation -> LibvirtParams.OperationParams? in
            guard let value = ownInterfaces.withOperation(operation, of: Self.lifecycle, { $0.inputs["params"] }) else { return nil }
            return LibvirtParams.OperationParams(interface: Self.lifecycle, operation: operation, value: value)
        }

        template.properties = properties(DefinitionReader.entry("properties", in: pairs), schemas: nodeType?.properties,
                                         defaults: defaults(ofNodeType: template.type), owner: what(),
                                         typeDescription: nodeType.flatMap { $0.ancestryIsIncomplete ? nil : "node type '\($0.name)'" }, missingAt: entry.key.range,
                                         satisfied: isLibvirt && !paramsInputs.isEmpty ? ["params"] : [], keptAsWritten: Self.keptAsWritten(hierarchy: template.typeHierarchy),
                                         context: .nodeProperty(node: name), checks: &checks, diagnostics: &diagnostics)
        AgentInstallNote.check(properties: DefinitionReader.entry("properties", in: pairs)?.value, owner: what(), diagnostics: &diagnostics)
        if isLibvirt {
            template.libvirtParams = LibvirtParams(property: template.properties["params"], operationInputs: paramsInputs)
            if let userTemplate = Self.userTemplate(properties: template.properties, interfaces: ownInterfaces) {
                for index in firstSite..<checks.expressions.count where checks.expressions[index].path == "params" {
                    checks.expressions[index].userTemplate = userTemplate
                }
            }
        }

        if let relationships = DefinitionReader.entry("relationships", in: pairs)?.value,
           let items = DefinitionReader.items(relationships, of: "the relationships of \(what())", diagnostics: &diagnostics) {
            var container: Relationship?
            for item in items {
                guard let relationship = parseRelationship(item, source: name, checks: &checks, diagnostics: &diagnostics) else { continue }
                if relationship.isContainment {
                    if let container {
                        diagnostics.append(.error(
                            .multipleContainers, "\(what()) is contained in both '\(container.target)' and '\(relationship.target)'",
                            at: relationship.typeRange,
                            notes: [DiagnosticNote("the first contained_in relationship is here", at: container.typeRange),
                                    DiagnosticNote("a node lives in one container; make the other relationship cloudify.relationships.connected_to or depends_on")]))
                    } else {
                        container = relationship
                    }
                }
                template.relationships.append(relationship)
            }
        }
        template.instances = InstancesParser(owner: what(), node: name).parse(
            instances: DefinitionReader.entry("instances", in: pairs), capabilities: DefinitionReader.entry("capabilities", in: pairs),
            checks: &checks, diagnostics: &diagnostics)
        return template
    }

    /// Given properties checked against `schemas` (nil when the type is unknown), merged over the
    /// schemas' defaults. A property the schemas lack is reported only with a `typeDescription`
    /// (none when the type's ancestry is incomplete: the unknown parent may declare it).
    /// `owner` and `typeDescription` name the template or relationship and its type in
    /// messages, and are made only for one.
    private func properties(_ given: Pair?, schemas: NameTable<PropertySchema>?, defaults: TypeDefaults, owner: @autoclosure () -> String, typeDescription: @autoclosure () -> String?,
                            missingAt: SourceRange, satisfied: Set<String>, keptAsWritten: Set<String>, context: ExpressionContext,
                            checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> PropertyTable {
        var values = PropertyTable(defaults: defaults.values)
        // Most types need no property a template must give: track given names only if one does.
        var givenNames: Set<String> = []
        let tracksGiven = !defaults.needed.isEmpty || !defaults.incomplete.isEmpty || !defaults.nullDefaults.isEmpty
        if let given, let pairs = DefinitionReader.pairs(given.value, of: "the properties of \(owner())", diagnostics: &diagnostics) {
            for pair in pairs {
                guard let property = DefinitionReader.name(pair.key, in: "the properties of \(owner())", diagnostics: &diagnostics) else { continue }
                if tracksGiven { givenNames.insert(property) }
                let expression = ExpressionParser.parse(pair.value, diagnostics: &diagnostics)
                let declared = DeclaredSchema(property, in: schemas)
                // What Cloudify's parser makes of the value: boolean words read as booleans, and a
                // mapping for a data type completed by the property's default and the data type's.
                // The checks read it as written.
                if let declared, let type = declared.schema.type {
                    let read = dataTypes.readingBooleanWords(expression, type: type)
                    let completes = !keptAsWritten.contains(property) && PrimitiveType(rawValue: type) == nil
                    values[property] = completes ? dataTypes.completing(read, type: type, derived: defaults.values[property]) : read
                } else {
                    values[property] = expression
                }
                if let schemas, declared == nil, let typeDescription = typeDescription() {
                    let note = DidYouMean.note(for: property, among: schemas.names)
                        ?? (schemas.isEmpty ? "\(typeDescription) declares no properties" : "\(typeDescription) declares: \(schemas.names.joined(separator: ", "))")
                    diagnostics.append(.error(.unknownProperty, "\(typeDescription) has no property '\(property)'", at: pair.key.range,
                                              notes: [DiagnosticNote(note)]))
                }
                checks.expressions.append(ExpressionSite(expression: expression, context: context, declared: declared, path: property))
            }
        }
        // As in Cloudify: use_external_resource is decided before functions are evaluated, and an
        // external resource needs none of the properties that creating one would.
        let external = values["use_external_resource"]
        if let external, case .call(let call) = external.kind {
            diagnostics.append(.error(.functionNotAllowedHere, "use_external_resource of \(owner()) cannot be a function (\(call.function.name)): whether to create the resource is decided before functions are evaluated",
                                      at: external.range, notes: [DiagnosticNote("write true or false; to choose per deployment, use two node templates or two blueprints")]))
        }
        let usesExternalResource = external?.literalValue == .bool(true)
        for schema in defaults.needed where !givenNames.contains(schema.name) && !satisfied.contains(schema.name) && !usesExternalResource {
            diagnostics.append(.error(
                .missingRequiredProperty, "\(owner()) does not set the required property '\(schema.name)'", at: given?.key.range ?? missingAt,
                notes: [DiagnosticNote("'\(schema.name)' is declared here without a default", at: schema.nameRange),
                        DiagnosticNote("set it under 'properties:', or declare a default or 'required: false' in the type")]))
        }
        for (name, missing, declared) in defaults.incomplete where !givenNames.contains(name) && !satisfied.contains(name) && !usesExternalResource {
            for lack in missing {
                let message = declared ? "\(owner()) takes '\(name)' from its type's default, where \(lack.message)"
                    : "\(owner()) does not set '\(name)', whose data type's defaults leave it incomplete: \(lack.message)"
                diagnostics.append(.error(.missingDataTypeProperty, message, at: given?.key.range ?? missingAt,
                                          notes: (declared ? [DiagnosticNote("the default is here", at: lack.range)] : []) + lack.notes))
            }
        }
        for schema in defaults.nullDefaults where !givenNames.contains(schema.name) && !satisfied.contains(schema.name) {
            diagnostics.append(NullValues.takenDefault(schema, by: owner(), at: given?.key.range ?? missingAt))
        }
        return values
    }

    private func parseRelationship(_ item: Node, source: String, checks: inout CheckQueue, diagnostics: inout [Diagnostic]) -> Relationship? {
        // Written only into a diagnostic: made when one is.
        func what() -> String { "a relationship of node template '\(source)'" }
        guard let pairs = DefinitionReader.pairs(item, of: what(), diagnostics: &diagnostics) else { return nil }
        DefinitionReader.checkKeys(pairs, allowed: Self.relationshipKeys, in: what(), diagnostics: &diagnostics)
        let typePair = DefinitionReader.requireKey("type", in: pairs, of: what(), at: item.range,
                                                  hint: "name the relationship type, e.g. 'type: cloudify.relationships.connected_to'", diagnostics: &diagnostics)
        let targetPair = DefinitionReader.requireKey("target", in: pairs, of: what(), at: item.range,
                                                    hint: "name the node template it relates to, e.g. 'target: \(templateNames.first { $0 != source } ?? "network")'", diagnostics: &diagnostics)
        guard let typePair, let targetPair,
              let typeName = DefinitionReader.string(typePair.value, of: "the type of \(what())", diagnostics: &diagnostics),
              let target = DefinitionReader.string(targetPair.value, of: "the target of \(what())", diagnostics: &diagnostics) else { return nil }
        let relationshipType = relationshipTypes[typeName]
        if relationshipType == nil {
            diagnostics.append(unknownType(typeName, at: typePair.value.range, among: declaredTypeNames.relationshipTypes, code: .unknownRelationshipType, kind: "relationship type"))
        } else if let relationshipType, !relationshipType.ancestryIsIncomplete, !BaseRelationship.all.contains(where: relationshipType.isA) {
            // Cloudify gives a relationship its meaning (order, containment, connection) by its
            // base type and refuses one that has none ("UnsupportedRelationship").
            diagnostics.append(.error(.unrootedRelationshipType, "relationship type '\(typeName)' derives from none of Cloudify's base relationships",
                                      at: typePair.value.range,
                                      notes: [DiagnosticNote("derive it (derived_from) from \(BaseRelationship.all.joined(separator: ", "))", at: relationshipType.nameRange)]))
        }
        if target == source {
            diagnostics.append(.error(.relationshipToSelf, "node template '\(source)' has a relationship to itself", at: targetPair.value.range,
                                      notes: [DiagnosticNote("a relationship's target is another node template")]))
        } else if !templateNameSet.contains(target) {
            var notes: [DiagnosticNote] = []
            if let suggestion = DidYouMean.note(for: target, among: templateNames) {
                notes.append(DiagnosticNote(suggestion))
            } else if templateNames.count <= 12 {
                notes.append(DiagnosticNote("the node templates are: \(templateNames.joined(separator: ", "))"))
            }
            diagnostics.append(.error(.unknownRelationshipTarget, "relationship target '\(target)' is not a node template", at: targetPair.value.range,
                                      notes: notes))
        }
        // Written into diagnostics and into the check queue with interfaces given: made for those
        // only (once per relationship, it was 1% of validating 1,000 node templates).
        func owner() -> String { "the relationship from '\(source)' to '\(target)'" }
        let properties = properties(DefinitionReader.entry("properties", in: pairs), schemas: relationshipType?.properties,
                                    defaults: defaults(ofRelationshipType: typeName), owner: owner(),
                                    typeDescription: relationshipType.flatMap { $0.ancestryIsIncomplete ? nil : "relationship type '\($0.name)'" }, missingAt: typePair.key.range,
                                    satisfied: [], keptAsWritten: [], context: .relationshipProperty(source: source, target: target), checks: &checks, diagnostics: &diagnostics)
        // Cloudify connects scaled instances all_to_all or all_to_one and refuses any other
        // connection_type, whether or not the relationship type constrains it (the built-in
        // depends_on does, and reports a bad value through its constraint).
        if let given = DefinitionReader.entry("properties", in: pairs)?.value["connection_type"], let value = given.string,
           !Self.connectionTypes.contains(value), relationshipType?.properties["connection_type"]?.constraints.isEmpty ?? true {
            diagnostics.append(.error(.constraintViolated, "connection_type of \(owner()) is '\(value)'; it must be one of \(Self.connectionTypes.joined(separator: ", "))",
                                      at: given.range, notes: [DiagnosticNote("all_to_all connects every source instance to every target instance, all_to_one to one of them")]))
        }
        func interfaces(_ key: String, inherited: NameTable<Interface>?) -> NameTable<Interface> {
            guard let node = DefinitionReader.entry(key, in: pairs)?.value else { return inherited ?? NameTable() }
            let owner = owner()
            var parser = InterfaceParser(mode: .values(.relationshipOperationInput(source: source, target: target)), owner: owner)
            parser.dataTypes = dataTypes
            parser.inputSchema = { interface, operation, input in
                DeclaredSchema(input, in: inherited?.withOperation(operation, of: interface) { $0.inputSchemas })
            }
            let own = parser.parse(node, checks: &checks, diagnostics: &diagnostics)
            checks.interfaces.append((own, owner))
            if let relationshipType, !relationshipType.ancestryIsIncomplete, let inherited {
                let side = UndeclaredInterfaceCheck.Owner(name: "\(owner) (its \(key))", declarer: "its type")
                UndeclaredInterfaceCheck.checkInterfaces(own, declared: inherited, owner: side, ownUse: nil, diagnostics: &diagnostics)
                UndeclaredInterfaceCheck.checkRelationshipOperations(own, declared: inherited, owner: side, diagnostics: &diagnostics)
            }
            return (inherited ?? NameTable()).overridden(by: own)
        }
        return Relationship(type: typeName, typeHierarchy: relationshipType?.hierarchy ?? [], target: target, properties: properties,
                            sourceInterfaces: interfaces("source_interfaces", inherited: relationshipType?.sourceInterfaces),
                            targetInterfaces: interfaces("target_interfaces", inherited: relationshipType?.targetInterfaces),
                            range: item.range, typeRange: typePair.value.range, targetRange: targetPair.value.range)
    }

    /// The connection types Cloudify knows for the instances of scaled nodes.
    static let connectionTypes = ["all_to_all", "all_to_one"]

    /// The operation inputs that give a libvirt node its own XML template.
    static let templateInputs = ["template_resource", "template_content"]

    /// Where a libvirt node template gives a non-empty template_resource or template_content,
    /// as a property or as an input of a lifecycle operation that reads `params`, if it does.
    static func userTemplate(properties: PropertyTable, interfaces: NameTable<Interface>) -> SourceRange? {
        let inputs = LibvirtParams.operations.compactMap { operation in interfaces.withOperation(operation, of: lifecycle) { $0.inputs } }
        let places: [(String) -> Expression?] = [{ properties[$0] }] + inputs.map { inputs in { inputs[$0] } }
        for place in places {
            for name in templateInputs {
                guard let value = place(name) else { continue }
                if case .scalar(let scalar) = value.kind, scalar.value == .null || scalar.text.isEmpty { continue }
                return value.range
            }
        }
        return nil
    }

    private func unknownType(_ name: String, at range: SourceRange, among names: [String], code: DiagnosticCode, kind: String) -> Diagnostic {
        var notes: [DiagnosticNote] = []
        if let hint = ImportHint.note(forType: name, importedBuiltins: importedBuiltins) {
            notes.append(hint)
        } else if let definer = unresolvedImports.note(for: name, what: "'\(name)'", guessing: false) {
            // Named after a plugin that could not be imported: a similar built-in name would be
            // a wrong guess.
            notes.append(definer)
        } else {
            if let suggestion = DidYouMean.note(for: name, among: names) ?? DidYouMean.namespaceNote(for: name, among: names, kind: kind) {
                notes.append(DiagnosticNote(suggestion))
            }
            if let guess = unresolvedImports.note(for: name, what: "'\(name)'") { notes.append(guess) }
        }
        return .error(code, "unknown \(kind) '\(name)'", at: range, notes: notes)
    }

}
