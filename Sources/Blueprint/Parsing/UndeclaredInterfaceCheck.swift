import YAMLSource

/// Interfaces and relationship operations that Cloudify accepts under any name, but that no
/// workflow runs unless the type declares them: a slip such as `cloudify.interface.lifecycle`
/// or `establsh` would silently never run. (A lifecycle operation of a node template is
/// BV0141's.)
enum UndeclaredInterfaceCheck {
    static let relationshipLifecycle = "cloudify.interfaces.relationship_lifecycle"
    /// The relationship operations Cloudify's workflows run by name, declared by the type or not
    /// (a blueprint with types of its own may leave `update` or `check_drift` undeclared).
    static let relationshipOperationsRun: Set<String> = ["preconfigure", "postconfigure", "establish", "unlink", "update", "check_drift"]
    /// Workflows run only the interfaces of this family; the user's own (`test_interface1` next
    /// to `test_interface2`) may be named alike on purpose.
    static let workflowInterfacePrefix = "cloudify.interfaces."

    /// Warns of each interface in `own` that `declared` lacks and whose name is a near miss of
    /// one it has; an interface named apart from the type's is the user's own and is left alone.
    /// `ownUse` says what runs an interface of the user's own, where something does.
    static func checkInterfaces(_ own: NameTable<Interface>, declared: NameTable<Interface>, owner: String, ownUse: String?,
                                diagnostics: inout [Diagnostic]) {
        for (name, interface) in own.entries where declared[name] == nil {
            guard let meant = DidYouMean.nearMiss(of: name, among: declared.names.filter { $0.hasPrefix(workflowInterfacePrefix) }) else { continue }
            diagnostics.append(.warning(
                .misspelledInterface, "\(owner) gives interface '\(name)', which its type does not declare: no workflow runs its operations",
                at: interface.range,
                notes: [DiagnosticNote("did you mean '\(meant)'?")] + (ownUse.map { [DiagnosticNote($0)] } ?? [])))
        }
    }

    /// Warns of each operation of the relationship lifecycle in `own` that `declared` lacks and
    /// no workflow runs by name.
    static func checkRelationshipOperations(_ own: NameTable<Interface>, declared: NameTable<Interface>, owner: String,
                                            diagnostics: inout [Diagnostic]) {
        guard let given = own[relationshipLifecycle], let known = declared[relationshipLifecycle]?.operations else { return }
        for (name, operation) in given.operations.entries where known[name] == nil && !relationshipOperationsRun.contains(name) {
            var notes: [DiagnosticNote] = []
            let suggestion = DidYouMean.note(for: name, among: known.names)
            if let suggestion { notes.append(DiagnosticNote(suggestion)) }
            notes.append(DiagnosticNote("the relationship lifecycle's operations: \(known.names.listed())"))
            if suggestion == nil { notes.append(DiagnosticNote("rename it to one of these, or remove it")) }
            diagnostics.append(.warning(
                .unknownRelationshipOperation,
                "\(owner) gives operation '\(name)' of \(relationshipLifecycle), which its type does not declare: install and uninstall never run it",
                at: operation.range, notes: notes))
        }
    }
}
