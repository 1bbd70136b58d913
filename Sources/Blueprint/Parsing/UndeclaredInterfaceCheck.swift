import YAMLSource

/// Interfaces and lifecycle operations that Cloudify accepts under any name, but that no
/// workflow runs unless the type (for a type: its parent) declares them: a slip such as
/// `cloudify.interface.lifecycle`, `craete` or `establsh` would silently never run.
enum UndeclaredInterfaceCheck {
    static let lifecycle = "cloudify.interfaces.lifecycle"
    static let relationshipLifecycle = "cloudify.interfaces.relationship_lifecycle"
    /// Lifecycle operations types.yaml does not declare that the utilities plugin's workflows run:
    /// suspend and resume (its suspend and resume workflows), is_alive (configuration_update).
    static let lifecycleRunByUtilitiesWorkflows: Set<String> = ["suspend", "resume", "is_alive"]
    /// The relationship operations Cloudify's workflows run by name, declared by the type or not
    /// (a blueprint with types of its own may leave `update` or `check_drift` undeclared).
    static let relationshipOperationsRun: Set<String> = ["preconfigure", "postconfigure", "establish", "unlink", "update", "check_drift"]
    /// Workflows run only the interfaces of this family; the user's own (`test_interface1` next
    /// to `test_interface2`) may be named alike on purpose.
    static let workflowInterfacePrefix = "cloudify.interfaces."

    /// Who gives the interfaces and who declares the ones workflows run: a node template and its
    /// type, or a type and its parent.
    struct Owner {
        /// "node template 'app'", "node type 'my.App'", …
        var name: String
        /// "its type", "its parent type 'cloudify.nodes.Root'"
        var declarer: String
    }

    /// Warns of each interface in `own` that `declared` lacks and whose name is a near miss of
    /// one it has; an interface named apart from the type's is the user's own and is left alone.
    /// `ownUse` says what runs an interface of the user's own, where something does.
    static func checkInterfaces(_ own: NameTable<Interface>, declared: NameTable<Interface>, owner: Owner, ownUse: String?,
                                diagnostics: inout [Diagnostic]) {
        for (name, interface) in own.entries where declared[name] == nil {
            guard let meant = DidYouMean.nearMiss(of: name, among: declared.names.filter { $0.hasPrefix(workflowInterfacePrefix) }) else { continue }
            diagnostics.append(.warning(
                .misspelledInterface, "\(owner.name) gives interface '\(name)', which \(owner.declarer) does not declare: no workflow runs its operations",
                at: interface.range,
                notes: [DiagnosticNote("did you mean '\(meant)'?")] + (ownUse.map { [DiagnosticNote($0)] } ?? [])))
        }
    }

    /// Checks a type the blueprint declares against its parent as a template is checked against
    /// its type: Cloudify accepts the slip here too, and every template of the type inherits
    /// it. A built-in type, or one whose ancestry is cut short, is not checked.
    static func checkType(_ declaration: TypeDeclaration, kind: String, chain: [String], in declarations: NameTable<TypeDeclaration>,
                          diagnostics: inout [Diagnostic]) {
        guard declaration.builtinImport == nil, let parent = declaration.derivedFrom, chain.count > 1,
              !TypeFlattener.stopsAtUnknownParent(chain, in: declarations) else { return }
        let ancestors = Array(chain.dropFirst())
        let declarer = "its parent type '\(parent)'"
        if !declaration.interfaces.isEmpty {
            let inherited = TypeFlattener.interfaces(of: ancestors, in: declarations) { $0.interfaces }
            let owner = Owner(name: "\(kind) '\(declaration.name)'", declarer: declarer)
            checkInterfaces(declaration.interfaces, declared: inherited, owner: owner,
                            ownUse: "an interface of your own runs only through execute_operation; give it a name apart from the parent type's",
                            diagnostics: &diagnostics)
            checkLifecycleOperations(declaration.interfaces, declared: inherited, owner: owner, diagnostics: &diagnostics)
        }
        let sides: [(key: String, interfaces: KeyPath<TypeDeclaration, NameTable<Interface>>)] =
            [("source_interfaces", \.sourceInterfaces), ("target_interfaces", \.targetInterfaces)]
        for side in sides where !declaration[keyPath: side.interfaces].isEmpty {
            let inherited = TypeFlattener.interfaces(of: ancestors, in: declarations) { $0[keyPath: side.interfaces] }
            let owner = Owner(name: "\(kind) '\(declaration.name)' (its \(side.key))", declarer: declarer)
            checkInterfaces(declaration[keyPath: side.interfaces], declared: inherited, owner: owner, ownUse: nil, diagnostics: &diagnostics)
            checkRelationshipOperations(declaration[keyPath: side.interfaces], declared: inherited, owner: owner, diagnostics: &diagnostics)
        }
    }

    /// Warns of each operation of the node lifecycle in `own` that `declared` lacks and no
    /// workflow runs by name.
    static func checkLifecycleOperations(_ own: NameTable<Interface>, declared: NameTable<Interface>, owner: Owner,
                                         diagnostics: inout [Diagnostic]) {
        checkOperations(of: lifecycle, own, declared: declared, runAnyway: lifecycleRunByUtilitiesWorkflows, code: .unknownLifecycleOperation,
                        operationsName: "the lifecycle's operations",
                        renameHint: "rename it to one of these; an operation run on demand (execute_operation) belongs in an interface of its own",
                        owner: owner, diagnostics: &diagnostics)
    }

    /// Warns of each operation of the relationship lifecycle in `own` that `declared` lacks and
    /// no workflow runs by name.
    static func checkRelationshipOperations(_ own: NameTable<Interface>, declared: NameTable<Interface>, owner: Owner,
                                            diagnostics: inout [Diagnostic]) {
        checkOperations(of: relationshipLifecycle, own, declared: declared, runAnyway: relationshipOperationsRun, code: .unknownRelationshipOperation,
                        operationsName: "the relationship lifecycle's operations", renameHint: "rename it to one of these, or remove it",
                        owner: owner, diagnostics: &diagnostics)
    }

    /// `renameHint` is the step given when no declared operation's name is near enough to suggest.
    private static func checkOperations(of interface: String, _ own: NameTable<Interface>, declared: NameTable<Interface>, runAnyway: Set<String>,
                                        code: DiagnosticCode, operationsName: String, renameHint: String, owner: Owner,
                                        diagnostics: inout [Diagnostic]) {
        guard let given = own[interface], let known = declared[interface]?.operations else { return }
        for (name, operation) in given.operations.entries where known[name] == nil && !runAnyway.contains(name) {
            var notes: [DiagnosticNote] = []
            let suggestion = DidYouMean.note(for: name, among: known.names)
            if let suggestion { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote("\(operationsName): \(known.names.listed())"))
            if suggestion == nil { notes.append(DiagnosticNote(renameHint)) }
            diagnostics.append(.warning(
                code, "\(owner.name) gives operation '\(name)' of \(interface), which \(owner.declarer) does not declare: install and uninstall never run it",
                at: operation.range, notes: notes))
        }
    }
}
