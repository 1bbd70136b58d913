import Blueprint
import Diagnostics

/// Checks every task of the libvirt plugin a blueprint names (`libvirt.cloudify_libvirt.MODULE.TASK`)
/// before anything runs: the task must exist in the plugin; an operation that install or
/// uninstall runs must name one bluevirt runs, on a node of the module's kind. Operations of
/// the other interfaces (snapshot, freeze, statistics) are accepted as the plugin declares them:
/// the workflows of `bluevirt run` (backup, suspend, statistics, …) run them.
enum LibvirtTaskCheck {
    /// The lifecycle operations install and uninstall run.
    static let runOperations: Set<String> = ["create", "configure", "start", "stop", "delete"]
    static let relationshipOperations: Set<String> = ["preconfigure", "postconfigure", "establish", "unlink"]

    static func check(_ blueprint: Blueprint) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<SourceRange>()
        // A type's operation is checked once per way it is used, not once per template.
        var checked = Set<CheckedUse>()
        // Interface tables already walked for a kind of node: the templates of a type that do not
        // override its operations share one table, and walking it again for each of a thousand
        // templates found nothing new at 15 M instructions.
        var walked = Set<WalkedTable>()
        // By index, templates and relationships alike: a copy of each was a tenth of this check.
        let templates = blueprint.nodeTemplates.elements
        for templateIndex in templates.indices {
            let kind = LibvirtObjectKind(typeHierarchy: templates[templateIndex].typeHierarchy)
            let table = WalkedTable(storage: templates[templateIndex].interfaces.storageIdentity, nodeKind: kind, relationship: false)
            for interface in walked.insert(table).inserted ? templates[templateIndex].interfaces.elements : [] {
                let isLifecycle = interface.name == "cloudify.interfaces.lifecycle"
                // By index: most of a template's operations name no task, and are not copied.
                let operations = interface.operations.elements
                for index in operations.indices where namesLibvirtTask(operations[index].implementation) {
                    let runs = isLifecycle && runOperations.contains(operations[index].name)
                    guard checked.insert(CheckedUse(operations[index], nodeKind: kind, runs: runs, relationship: false)).inserted else { continue }
                    check(operations[index], of: templates[templateIndex], nodeKind: kind, runs: runs, relationship: false, into: &diagnostics, reported: &reported)
                }
            }
            let relationships = templates[templateIndex].relationships
            for relationship in relationships.indices {
                let sourceInterfaces = relationships[relationship].sourceInterfaces, targetInterfaces = relationships[relationship].targetInterfaces
                let source = WalkedTable(storage: sourceInterfaces.storageIdentity, nodeKind: kind, relationship: true)
                let target = WalkedTable(storage: targetInterfaces.storageIdentity, nodeKind: kind, relationship: true)
                let interfaces = (walked.insert(source).inserted ? sourceInterfaces.elements : [])
                    + (walked.insert(target).inserted ? targetInterfaces.elements : [])
                for interface in interfaces {
                    let isLifecycle = interface.name == "cloudify.interfaces.relationship_lifecycle"
                    let operations = interface.operations.elements
                    for index in operations.indices where namesLibvirtTask(operations[index].implementation) {
                        let runs = isLifecycle && relationshipOperations.contains(operations[index].name)
                        guard checked.insert(CheckedUse(operations[index], nodeKind: kind, runs: runs, relationship: true)).inserted else { continue }
                        check(operations[index], of: templates[templateIndex], nodeKind: kind, runs: runs, relationship: true, into: &diagnostics, reported: &reported)
                    }
                }
            }
        }
        return diagnostics
    }

    /// An interface table walked for one kind of node, as source or target of a relationship or not.
    private struct WalkedTable: Hashable {
        var storage: UnsafeRawPointer?
        var nodeKind: LibvirtObjectKind?
        var relationship: Bool
    }

    /// What decides an operation's verdict besides the template's name (which only words a
    /// diagnostic, and one per operation is reported anyway).
    private struct CheckedUse: Hashable {
        /// Only when the implementation's own place is unknown: where it is written names it, and
        /// hashing the text for each of a thousand templates' thirty operations was a tenth of validate.
        var implementation: String?
        var range: SourceRange
        var nodeKind: LibvirtObjectKind?
        var runs: Bool
        var relationship: Bool

        /// Borrows the operation (`borrowing`): copying one for each of a thousand templates' thirty
        /// operations retained and released every field of it.
        init(_ operation: borrowing Operation, nodeKind: LibvirtObjectKind?, runs: Bool, relationship: Bool) {
            implementation = operation.implementationRange == nil ? operation.implementation : nil
            range = operation.implementationRange ?? operation.range
            self.nodeKind = nodeKind
            self.runs = runs
            self.relationship = relationship
        }

        /// Where the implementation is written tells uses apart almost always; equality still
        /// compares every field. Hashing all of them cost a thousand instructions a use.
        func hash(into hasher: inout Hasher) {
            hasher.combine(range.start.line << 32 | range.start.column)
            hasher.combine(range.end.line << 32 | range.end.column)
        }
    }

    /// Whether an operation with this implementation runs a libvirt plugin task: the only
    /// operations checked here, found before the costlier check of whether this use of it was
    /// checked already. Given the field, not the operation: reading one field of an array's
    /// element does not copy the whole operation.
    private static func namesLibvirtTask(_ implementation: String?) -> Bool {
        implementation?.hasPrefix(LibvirtTask.prefix) ?? false
    }

    private static func check(_ operation: Operation, of template: NodeTemplate, nodeKind: LibvirtObjectKind?, runs: Bool,
                              relationship: Bool, into diagnostics: inout [Diagnostic], reported: inout Set<SourceRange>) {
        guard let implementation = operation.implementation else { return }
        let range = operation.implementationRange ?? operation.range
        // A type's operation is shared by all its templates: one diagnostic.
        guard !reported.contains(range) else { return }
        let what = "operation '\(operation.name)' of node template '\(template.name)'"
        guard let task = LibvirtTask(implementation: implementation), task.isKnown else {
            reported.insert(range)
            diagnostics.append(.error(.unknownLibvirtTask, "\(what) runs '\(implementation)', which is no task of the libvirt plugin",
                                      at: range, notes: unknownTaskNotes(implementation)))
            return
        }
        guard runs else { return }
        if relationship {
            if task.workOperation != .relationship(task.name) {
                reported.insert(range)
                diagnostics.append(.error(.libvirtTaskNotRun, "\(what) runs the libvirt plugin's '\(task.module).\(task.name)' in a relationship, which bluevirt does not do",
                                          at: range, notes: [DiagnosticNote("in relationships bluevirt runs network_tasks.link and unlink (nothing left to do: start has waited for the addresses) and scripts")]))
            }
            return
        }
        guard task.workOperation != nil else {
            reported.insert(range)
            diagnostics.append(.error(.libvirtTaskNotRun, "\(what) runs the libvirt plugin's '\(task.module).\(task.name)', which bluevirt does not run: \(task.whyNotRun)",
                                      at: range, notes: [DiagnosticNote("map the operation to a task bluevirt runs (create, configure, start, stop, delete, and for domains update, reboot, suspend, resume) or to a script")]))
            return
        }
        guard let taskKind = task.objectKind, taskKind == nodeKind else {
            reported.insert(range)
            let node = nodeKind.map { "a \($0.nodeType) node" } ?? "a node of type '\(template.type)', which is no libvirt object"
            diagnostics.append(.error(.libvirtTaskOnWrongNode, "\(what) runs '\(task.module).\(task.name)' on \(node)",
                                      at: range, notes: [DiagnosticNote("\(task.module) tasks act on \(task.objectKind?.nodeType ?? "other") nodes; use the task of this node's own module, or a script")]))
            return
        }
    }

    /// A did-you-mean for a misspelt module or task.
    private static func unknownTaskNotes(_ implementation: String) -> [DiagnosticNote] {
        let all = LibvirtTask.modules.flatMap { module, tasks in tasks.map { "\(LibvirtTask.prefix)\(module).\($0)" } }
        var notes: [DiagnosticNote] = []
        if let suggestion = DidYouMean.suggestion(for: implementation, among: all) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
        notes.append(DiagnosticNote("the plugin's modules are \(LibvirtTask.modules.keys.sorted().joined(separator: ", ")); their tasks are listed in docs/compatibility.md"))
        return notes
    }
}
