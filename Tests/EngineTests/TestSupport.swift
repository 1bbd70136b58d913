import Blueprint
import Engine
import Foundation
import TestSupport
import Testing
import YAMLSource

enum Paths {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }
    static var examples: [String] {
        let folder = repositoryRoot.appendingPathComponent("blueprints")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0).path }
    }
}

/// Loads a blueprint (recording an issue for every error) and dry-runs it (`connect` as
/// `--connect` gives it).
func dryRun(_ path: String, deployment: String = "demo", inputs: [String] = [], connect: String? = nil,
            sourceLocation: Testing.SourceLocation = #_sourceLocation) -> DryRun? {
    let provided = inputs.compactMap { ProvidedInput.parse(assignment: $0).0 }
    let loaded = BlueprintLoader.load(path: path, inputs: provided)
    guard let blueprint = loaded.blueprint else {
        Issue.record("\(path) does not load: \(describe(loaded.diagnostics))", sourceLocation: sourceLocation)
        return nil
    }
    return DryRun(blueprint: blueprint, deployment: deployment, connect: connect)
}

/// What validate finds in the blueprint `text` for `deployment`, checked to be what dry-run finds.
func validatedDiagnostics(of text: String, deployment: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Diagnostic] {
    let path = try temporaryBlueprint(text)
    let blueprint = try #require(BlueprintLoader.load(path: path).blueprint, sourceLocation: sourceLocation)
    let checked = DryRun.diagnostics(blueprint: blueprint, deployment: deployment)
    #expect(checked == DryRun(blueprint: blueprint, deployment: deployment).diagnostics, "validate finds what dry-run finds",
            sourceLocation: sourceLocation)
    return checked
}

/// Writes a blueprint into a fresh temporary folder (with any extra files) and returns its path.
func temporaryBlueprint(_ text: String, name: String = "test.yaml", files: [String: String] = [:]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-engine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (file, content) in files {
        let url = folder.appendingPathComponent(file)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try content.write(to: url, atomically: true, encoding: .utf8)
    }
    let path = folder.appendingPathComponent(name)
    try text.write(to: path, atomically: true, encoding: .utf8)
    return path.path
}

/// A blueprint importing Cloudify's types and the libvirt plugin, with `body` appended.
func pluginBlueprint(_ body: String) -> String {
    """
    tosca_definitions_version: cloudify_dsl_1_3
    imports:
      - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
      - plugin:cloudify-libvirt-plugin
    \(body)
    """
}

func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.code.id) \($0.message) @\($0.range.file):\($0.range.start.line):\($0.range.start.column)" }.joined(separator: "; ")
}

func errors(_ diagnostics: [Diagnostic]) -> [Diagnostic] { diagnostics.filter { $0.severity == .error } }

/// libvirt's own RelaxNG check of a document: nil when valid, else what the validator said.
func schemaProblems(of xml: String, kind: LibvirtObjectKind) throws -> String? {
    let schema = ["domain": "domain", "network": "network", "pool": "storagepool", "volume": "storagevol"][kind.rawValue] ?? kind.rawValue
    return try VirtXMLValidate.problems(of: xml, schema: schema)
}

/// The 1-based line and column where `needle` first occurs in the file at `path`.
func position(of needle: String, in path: String) throws -> (line: Int, column: Int) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        if let found = line.range(of: needle) {
            return (index + 1, line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: found.lowerBound) + 1)
        }
    }
    Issue.record("'\(needle)' is not in \(path)")
    return (0, 0)
}
