import Platform
import StateStore

/// The private folder of one script run: `bin/ctx` (a link to the bluevirt executable, which acts
/// as `ctx` under that name), the python shim under `python/cloudify`, the context file and the
/// changes file. Removed when the run ends.
struct ScriptWorkspace {
    let directory: URL
    var binDirectory: URL { directory.appendingPathComponent("bin") }
    var pythonDirectory: URL { directory.appendingPathComponent("python") }
    var contextFile: URL { directory.appendingPathComponent("context.json") }
    var changesFile: URL { directory.appendingPathComponent("changes.jsonl") }

    init(ctxExecutable: URL, context: ScriptContextDocument) throws {
        let files = FileManager.default
        directory = files.temporaryDirectory.appendingPathComponent("bluevirt-script-\(UUID().uuidString)")
        try files.createDirectory(at: directory, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        do {
            try files.createDirectory(at: binDirectory, withIntermediateDirectories: false)
            try files.createSymbolicLink(at: binDirectory.appendingPathComponent("ctx"), withDestinationURL: ctxExecutable)
            let package = pythonDirectory.appendingPathComponent("cloudify")
            try files.createDirectory(at: package, withIntermediateDirectories: true)
            for file in PythonShim.files {
                try file.content.write(to: package.appendingPathComponent(file.name), atomically: false, encoding: .utf8)
            }
            try context.json.jsonText().write(to: contextFile, atomically: false, encoding: .utf8)
            guard files.createFile(atPath: changesFile.path, contents: nil) else {
                throw ScriptContextProblem("cannot create '\(changesFile.path)'")
            }
        } catch {
            remove()
            throw error
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
