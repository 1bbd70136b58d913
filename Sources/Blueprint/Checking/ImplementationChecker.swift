import Platform
import YAMLSource

/// Checks what operations and workflows run, as Cloudify resolves it: a mapping that starts
/// with a declared plugin's name and a dot is that plugin's task; anything else must be a
/// script file, relative to the main blueprint's directory, inside that directory, that bluevirt
/// can start (see `ScriptLaunch`). The script plugin's task (`script.script_runner.tasks.run`)
/// names its script in the `script_path` input, which is checked the same way.
struct ImplementationChecker {
    /// What is wrong with a script file.
    private enum ScriptProblem {
        /// Absolute, climbing out with `..`, or a symbolic link to `target` outside.
        case outside(target: String?)
        case missing
        case notRunnable
    }

    let pluginNames: [String]
    /// The main blueprint's directory: scripts are resources of the blueprint.
    let resourceBase: String
    /// Imports that could not be loaded: an undeclared plugin may be declared by one of them.
    var unresolvedImports: [UnresolvedImport] = []
    /// The inputs' values in this run (given, or their defaults) and their declarations: a
    /// `script_path` read from an input is checked with the value it will have.
    var inputValues: [String: Value] = [:]
    var inputs = NameTable<PropertySchema>()
    /// Mappings already found to name a plugin task: thousands of templates share a few.
    private var resolved: Set<String> = []
    private var reported: Set<SourceRange> = []
    /// The verdict on each script path (nil: fine): templates share a few scripts.
    private var scriptProblems: [String: ScriptProblem?] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(pluginNames: [String], mainFile: String) {
        self.pluginNames = pluginNames
        let directory = mainFile.deletingLastPathComponent
        self.resourceBase = directory.isEmpty ? "." : directory
    }

    mutating func check(_ interfaces: NameTable<Interface>, owner: String) {
        for interface in interfaces.elements {
            for operation in interface.operations.elements {
                guard let implementation = operation.implementation else { continue }
                let what = "operation '\(interface.name).\(operation.name)' of \(owner)"
                checkScriptPathBesideScript(of: operation, implementation: implementation, what: what)
                if Self.isScriptPluginTask(implementation), pluginNames.contains("script") {
                    checkScriptPath(of: operation, what: what)
                    continue
                }
                check(implementation, at: operation.implementationRange ?? operation.range, what: what)
                if implementation == Self.fabricScriptTask, pluginNames.contains("fabric") { checkUploadedScript(of: operation, what: what) }
            }
        }
    }

    /// The fabric plugin's task that uploads the `script_path` script to a machine and runs it there.
    static let fabricScriptTask = "fabric.fabric_plugin.tasks.run_script"

    /// The fabric plugin's `script_path`, when written as text: a file inside the blueprint's
    /// folder, uploaded as it is (it need not be executable here; it runs on the remote machine).
    private mutating func checkUploadedScript(of operation: Operation, what: String) {
        guard let input = operation.inputs["script_path"] ?? operation.inputSchemas["script_path"]?.default,
              let (path, fromInputs) = knownScriptPath(input), !reported.contains(input.range) else { return }
        let what = "\(what) (script_path)"
        let first = diagnostics.count
        switch scriptProblem(path) {
        case .outside(let target)?:
            reported.insert(input.range)
            reportOutside(path, target: target, at: input.range, what: what)
        case .missing?:
            reported.insert(input.range)
            let why = HTTPAddress(path) != nil ? "is an address, and bluevirt never downloads" : "is no file in the blueprint's folder '\(resourceBase)'"
            diagnostics.append(.error(.unresolvedImplementation, "\(what) uploads the script '\(path)', which \(why)", at: input.range,
                                      notes: [DiagnosticNote("save the script in the blueprint's folder (or a folder below it) and give its relative path")]))
        case .notRunnable?, nil:
            break
        }
        noteInputs(fromInputs, since: first)
    }

    mutating func check(_ workflow: Workflow) {
        check(workflow.mapping, at: workflow.mappingRange, what: "workflow '\(workflow.name)'")
    }

    private mutating func check(_ mapping: String, at range: SourceRange, what: String) {
        if resolved.contains(mapping) { return }
        let plugins = pluginNames.filter { mapping.hasPrefix($0 + ".") }
        if plugins.count > 1 {
            // Plugins named `one` and `one.two`: Cloudify cannot tell whose task `one.two.x` is.
            guard !reported.contains(range) else { return }
            reported.insert(range)
            diagnostics.append(.error(.unresolvedImplementation, "\(what) runs '\(mapping)', which could be a task of any of the plugins \(plugins.sorted().map { "'\($0)'" }.joined(separator: ", "))",
                                      at: range, notes: [DiagnosticNote("rename one of the plugins so that no plugin's name starts with another's and a dot")]))
            return
        }
        if !plugins.isEmpty {
            resolved.insert(mapping)
            return
        }
        // A type's operation is shared by every template of the type: report it once.
        guard !reported.contains(range) else { return }
        guard let problem = scriptProblem(mapping) else { return }
        reported.insert(range)
        switch problem {
        case .outside(let target): reportOutside(mapping, target: target, at: range, what: what); return
        case .notRunnable: reportNotRunnable(mapping, at: range, what: what); return
        case .missing: break
        }
        // Forms newer Cloudify versions run that bluevirt cannot: a script by URL, a script
        // written inline.
        if HTTPAddress(mapping) != nil {
            diagnostics.append(.error(.unresolvedImplementation, "\(what) runs a script from '\(mapping)', and bluevirt never downloads",
                                      at: range, notes: [DiagnosticNote("save the script next to the blueprint and give its relative path")]))
            return
        }
        if mapping.trimmingWhitespaceAndNewlines().contains("\n") {
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

    /// True for the script plugin's task, which runs the script named by its `script_path` input.
    static func isScriptPluginTask(_ mapping: String) -> Bool {
        mapping == "script.script_runner.tasks.run"
    }

    /// The script plugin's `script_path`, when known before the run, checked as a script
    /// implementation: the step would fail the same way when it runs.
    private mutating func checkScriptPath(of operation: Operation, what: String) {
        guard let input = operation.inputs["script_path"] ?? operation.inputSchemas["script_path"]?.default,
              let (path, fromInputs) = knownScriptPath(input) else { return }
        let first = diagnostics.count
        check(path, at: input.range, what: "\(what) (script_path)")
        noteInputs(fromInputs, since: first)
    }

    /// A `script_path` as it is known before the run: written as text, or made by functions of
    /// inputs this run has values for (`{ get_input: script }`, given or by its default), with
    /// the names of those inputs. nil while it waits for the run (an attribute, a property).
    private func knownScriptPath(_ input: Expression) -> (path: String, inputs: [String])? {
        if case .scalar(let scalar) = input.kind, case .string(let path) = scalar.value { return (path, []) }
        guard input.containsFunctions, input.isKnownBeforeRun,
              case .known(let value) = Evaluator(inputs: inputValues).evaluate(input, in: .typeDefault),
              let path = value.string else { return nil }
        var names: [String] = []
        input.forEachCall { call in
            if call.function == .getInput, let name = call.arguments.first?.stringLiteral, !names.contains(name) { names.append(name) }
        }
        return (path, names)
    }

    /// Says on the diagnostics found since `first` which inputs gave the path, and where they
    /// are declared: the value, not the function, is what to change.
    private mutating func noteInputs(_ names: [String], since first: Int) {
        guard !names.isEmpty, first < diagnostics.count else { return }
        let notes = names.map { name in
            DiagnosticNote("the path is the value input '\(name)' has in this run (given, or its default)", at: inputs[name]?.nameRange)
        }
        for index in first..<diagnostics.count { diagnostics[index].notes.insert(contentsOf: notes, at: 0) }
    }

    /// A script implementation is run through the script plugin, whose script_path it sets
    /// itself; Cloudify refuses an operation that sets it too. (A mapping that is no script at
    /// all is reported as such.)
    private mutating func checkScriptPathBesideScript(of operation: Operation, implementation: String, what: String) {
        guard !pluginNames.contains(where: { implementation.hasPrefix($0 + ".") }), scriptProblem(implementation) == nil,
              let scriptPath = operation.inputSchemas["script_path"]?.nameRange ?? operation.inputs["script_path"]?.range,
              reported.insert(scriptPath).inserted else { return }
        diagnostics.append(.error(.invalidOperation, "\(what) runs the script '\(implementation)' and also gives the input 'script_path', which the script implementation sets",
                                  at: scriptPath, notes: [DiagnosticNote("remove the input 'script_path', or run 'script.script_runner.tasks.run' and name the script there")]))
    }

    private mutating func scriptProblem(_ mapping: String) -> ScriptProblem? {
        let path = resourceBase + "/" + mapping
        if let known = scriptProblems[path] { return known }
        let problem = Self.findProblem(mapping, path: path, base: resourceBase)
        scriptProblems[path] = problem
        return problem
    }

    private static func findProblem(_ mapping: String, path: String, base: String) -> ScriptProblem? {
        let isAddressOrInline = HTTPAddress(mapping) != nil || mapping.contains("\n")
        var checkedPath = path
        if !isAddressOrInline {
            switch ResourcePath.resolve(mapping, inside: base) {
            case .success(let resolved): checkedPath = resolved
            case .failure(.linksOutside(let target)): return .outside(target: target)
            case .failure: return .outside(target: nil)
            }
        }
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: checkedPath, isDirectory: &isDirectory), !isDirectory else { return .missing }
        return ScriptLaunch(path: checkedPath) == nil ? .notRunnable : nil
    }

    private mutating func reportOutside(_ mapping: String, target: String?, at range: SourceRange, what: String) {
        var notes: [DiagnosticNote] = []
        if let target { notes.append(DiagnosticNote("'\(mapping)' is a symbolic link to '\(target)'")) }
        notes.append(DiagnosticNote("a blueprint's scripts are part of it: move the script into '\(resourceBase)' or a folder below it and give its relative path"))
        diagnostics.append(.error(.scriptOutsideBlueprint, "\(what) runs the script '\(mapping)', which is outside the blueprint's folder",
                                  at: range, notes: notes))
    }

    private mutating func reportNotRunnable(_ mapping: String, at range: SourceRange, what: String) {
        diagnostics.append(.error(.scriptNotRunnable,
                                  "\(what) runs '\(mapping)', which bluevirt cannot start: it is not executable, has no #! line and no .sh, .bash or .py extension",
                                  at: range,
                                  notes: [DiagnosticNote("make it executable (chmod +x '\(mapping)') and start it with a line such as '#!/bin/sh'; or name it .sh (run with bash) or .py (run with python3)")]))
    }
}
