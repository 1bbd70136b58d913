import Testing
import Rendering

/// bluevirt's `<bluevirt:instance>` element goes into the root's `<metadata>` as libvirt reads
/// it, however the template writes the document around it (docs/templates.md, "Metadata").
@Suite struct OwnershipMetadataTests {
    static let element = #"<bluevirt:instance xmlns:bluevirt="https://bluevirt.dev/xmlns/instance/1" deployment="demo" node="web" instance="web-1"/>"#
    static let body = "<name>{{name}}</name><memory>1024</memory><os><type>hvm</type></os>"

    /// `template` rendered as a domain, with the element counted.
    static func rendered(_ template: String) throws -> String {
        let xml = renderXML(.domain, driver: .test, [:], userTemplate: .inline(template, at: blueprintRange))
        #expect(xml.components(separatedBy: element).count == 2, "the element once: \(xml)")
        try expectSchemaValid(xml, .domain)
        return xml
    }

    @Test func aCommentBeforeTheRootIsNotTheRoot() throws {
        let xml = try Self.rendered("<?xml version=\"1.0\"?>\n<!-- <domain> comment -->\n<domain type=\"test\">\(Self.body)</domain>\n")
        #expect(xml.hasPrefix("<?xml version=\"1.0\"?>\n<!-- <domain> comment -->\n<domain type=\"test\">\n  <metadata>\n    \(Self.element)\n  </metadata><name>"))
    }

    @Test func metadataInACDATASectionIsText() throws {
        let xml = try Self.rendered("<domain type=\"test\"><description><![CDATA[<metadata>]]></description>\(Self.body)</domain>")
        #expect(xml.contains("<domain type=\"test\">\n  <metadata>\n    \(Self.element)\n  </metadata><description><![CDATA[<metadata>]]></description>"))
    }

    @Test("the root's own <metadata>, however written, gets the element", arguments: [
        ("<metadata/>", "<metadata>\n    \(element)\n  </metadata>"),
        ("<metadata />", "<metadata >\n    \(element)\n  </metadata>"),
        ("<metadata\n  ></metadata>", "<metadata\n  >\n    \(element)</metadata>"),
        ("<metadata><app:x xmlns:app=\"urn:app\"/></metadata>", "<metadata>\n    \(element)<app:x xmlns:app=\"urn:app\"/></metadata>"),
    ])
    func existingMetadata(_ written: String, _ expected: String) throws {
        let xml = try Self.rendered("<domain type=\"test\">\(Self.body)<!-- <metadata> -->\(written)</domain>")
        #expect(xml.contains("<!-- <metadata> -->\(expected)</domain>"), "\(xml)")
        #expect(xml.components(separatedBy: "<metadata").count == 3, "the comment's and one element: \(xml)")
    }

    @Test func aTemplateThatWritesTheElementItselfIsLeftAlone() throws {
        _ = try Self.rendered("<domain type=\"test\">\(Self.body){{>metadata}}</domain>")
        // Named in a comment only, the namespace is no element: the element is added.
        let commented = try Self.rendered("<domain type=\"test\"><!-- https://bluevirt.dev/xmlns/instance/1 -->\(Self.body)</domain>")
        #expect(commented.contains("</metadata><!-- https://bluevirt.dev/xmlns/instance/1 --><name>"))
    }
}
