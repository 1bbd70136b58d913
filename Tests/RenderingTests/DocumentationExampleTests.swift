import Foundation
import Rendering
import Testing

/// The Mustache examples in docs/templates.md render schema-valid documents, so the page
/// cannot drift from what the renderer accepts.
@Suite("docs/templates.md examples")
struct DocumentationExampleTests {
    static func mustacheExamples() throws -> [String] {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/templates.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        return text.components(separatedBy: "```mustache\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
    }

    @Test("every mustache example renders a valid domain")
    func examples() throws {
        let examples = try Self.mustacheExamples()
        #expect(examples.count >= 2)
        for example in examples {
            let xml = renderXML(.domain, driver: .qemu, [
                "memory_size": 1_048_576, "disks": [["file": "/var/lib/libvirt/images/a.qcow2"]], "networks": [["network": "lan"]],
            ], userTemplate: .inline(example, at: blueprintRange))
            try expectSchemaValid(xml, .domain)
        }
    }
}
