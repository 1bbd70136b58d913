import Foundation
import YAMLSource

/// Checks what operations and workflows run, as Cloudify resolves it: a mapping that starts
/// with a declared plugin's name and a dot is that plugin's task; anything else must be a
/// script file, relative to the main blueprint's directory.
struct ImplementationChecker {
    let pluginNames: [String]
    /// The main blueprint's directory: scripts are resources of the blueprint.
    let resourceBase: String
    /// Imports that could not be loaded: an undeclared plugin may be declared by one of them.
    var unresolvedImports: [UnresolvedImport] = []
    /// Mappings already found to name a plugin task: thousands of templates share a few.
    private var resolved: Set<String> = []
    private var reported: Set<SourceRange> = []
    private var existing: [String: Bool] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(pluginNames: [String], mainFile: String) {
        self.pluginNames = pluginNames
        let directory = (mainFile as NSString).deletingLastPathComponent
        self.resourceBase = directory.isEmpty ? "." : directory
    }

    mutating func check(_ interfaces: NameTable<Interface>, owner: String) {
        for interface in interfaces.elements {
            for operation in interface.operations.elements {
                guard let implementation = operation.implementation else { continue }
                check(implementation, at: operation.implementationRange ?? operation.range,
                      what: "operation '\(interface.name).\(operation.name)' of \(owner)")
            }
        }
    }

    mutating func check(_ workflow: Workflow) {
        check(workflow.mapping, at: workflow.mappingRange, what: "workflow '\(workflow.name)'")
    }

    private mutating func check(_ mapping: String, at range: SourceRange, what: String) {
        if resolved.contains(mapping) { return }
        if pluginNames.contains(where: { mapping.hasPrefix($0 + ".") }) {
            resolved.insert(mapping)
            return
        }
        // A type's operation is shared by every template of the type: report it once.
        guard !reported.contains(range) else { return }
        let path = mapping.hasPrefix("/") ? mapping : resourceBase + "/" + mapping
        if let known = existing[path] {
            if known { return }
        } else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            existing[path] = exists
            if exists { return }
        }
        reported.insert(range)
        // Forms newer Cloudify versions run that bluevirt cannot: a script by URL, a script
        // written inline.
        if HTTPAddress(mapping) != nil {
            diagnostics.append(.error(.unresolvedImplementation, "\(what) runs a script from '\(mapping)', and bluevirt never downloads",
                                      at: range, notes: [DiagnosticNote("save the script next to the blueprint and give its relative path")]))
            return
        }
        if mapping.trimmingCharacters(in: .whitespacesAndNewlines).contains("\n") {
            diagnostics.append(.error(.unresolvedImplementation, "\(what) gives its script inline, which bluevirt does not run",
                                      at: range, notes: [DiagnosticNote("save the script in a file next to the blueprint and give its relative path")]))
            return
        }
        var notes: [DiagnosticNote] = []
        var pluginTypo = false
        if let dot = mapping.firstIndex(of: "."), !mapping.contains("/") {
            let prefix = String(mapping[..<dot])
            if let definer = unresolvedImports.definer(of: prefix) {
                diagnostics.append(.error(.unresolvedImplementation,
                                          "\(what) runs '\(mapping)', a task of the plugin '\(prefix)', which bluevirt does not include",
                                          at: range,
                                          notes: [DiagnosticNote("the plugin would come from '\(definer.text)', which bluevirt cannot import", at: definer.range),
                                                  DiagnosticNote("bluevirt runs the libvirt plugin's tasks and scripts; replace the task with a script")]))
                return
            }
            if let guess = unresolvedImports.note(for: prefix, what: "the plugin '\(prefix)'") { notes.append(guess) }
            if let suggestion = DidYouMean.suggestion(for: prefix, among: pluginNames) {
                notes.append(DiagnosticNote("did you mean the plugin '\(suggestion)'?"))
                pluginTypo = true
            } else {
                notes.append(DiagnosticNote("no plugin named '\(prefix)' is declared; declared plugins: \(pluginNames.sorted().joined(separator: ", "))"))
            }
        }
        if !pluginTypo {
            notes.append(DiagnosticNote("a script is looked up relative to the blueprint's directory, '\(resourceBase)'"))
        }
        diagnostics.append(.error(.unresolvedImplementation,
                                  "\(what) runs '\(mapping)', which is neither a task of a declared plugin nor a script file",
                                  at: range, notes: notes))
    }
}
