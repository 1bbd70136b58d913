import Foundation
import YAMLSource
@testable import Blueprint

/// Writes blueprints into a fresh temporary directory for tests that need files of their own.
struct TemporaryBlueprints {
    let directory: String

    init() {
        directory = NSTemporaryDirectory() + "bluevirt-blueprint-tests-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` (which may contain folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let path = directory + "/" + name
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func load(_ name: String, _ text: String, inputs: [ProvidedInput] = []) -> LoadedBlueprint {
        BlueprintLoader.load(path: write(name, text), inputs: inputs)
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}

/// The usual head of a libvirt blueprint.
let libvirtHeader = """
    tosca_definitions_version: cloudify_dsl_1_3
    imports:
      - http://www.getcloudify.org/spec/cloudify/4.5/types.yaml
      - plugin:cloudify-libvirt-plugin

    """

extension Array where Element == Diagnostic {
    var errors: [Diagnostic] { filter { $0.severity == .error } }
    var codes: [String] { map(\.code.id) }
}
