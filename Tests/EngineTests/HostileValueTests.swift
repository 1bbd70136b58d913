import Engine
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// A hostile input value (quotes, `<`, `&`, a closing tag) never becomes markup: the document
/// still parses, has no element the value spelled, and carries the value as text.
@Suite struct HostileValueTests {
    static let hostile = #"x' "y" <evil attr='1'/>&amp; </cmdline></os><devices><hostile/>"#

    @Test func hostileInputStaysText() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            inputs:
              boot_args:
                type: string
              label:
                type: string
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    name: { get_input: label }
                    kernel: /boot/vmlinuz
                    cmdline: { get_input: boot_args }
            """))
        let label = #"web" <b>&'"#
        let run = try #require(dryRun(path, inputs: ["boot_args=\(Self.hostile)".quotedAsYAML(), "label=\(label)".quotedAsYAML()]))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        let domain = try #require(run.documents.objects.first { $0.kind == .domain }?.xml)
        let document = try XMLDocument(xmlString: domain)
        #expect(try document.nodes(forXPath: "//evil").isEmpty)
        #expect(try document.nodes(forXPath: "//hostile").isEmpty)
        #expect(try document.nodes(forXPath: "/domain/os/cmdline").first?.stringValue == Self.hostile)
        #expect(try document.nodes(forXPath: "/domain/name").first?.stringValue == label)
        #expect(try schemaProblems(of: domain, kind: .domain) == nil)
    }
}

private extension String {
    /// `KEY=VALUE` with VALUE as a single-quoted YAML scalar, as `--input` reads it.
    func quotedAsYAML() -> String {
        guard let equals = firstIndex(of: "=") else { return self }
        let value = self[index(after: equals)...]
        return self[...equals] + "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
