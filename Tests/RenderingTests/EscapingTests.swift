import YAMLSource
typealias YAMLSourceRange = YAMLSource.SourceRange
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Rendering
import Testing

/// A hostile parameter value (quotes, `<`, `&`, a closing tag) is data in the document, never
/// markup: the document still parses, still passes the schema, and reads the value back exactly.
@Suite("Hostile values never become markup")
struct EscapingTests {
    static let hostile = #"x" evil='1' & <injected/> </name></domain><domain type="kvm">"#

    @Test("a hostile value in text and in attributes reads back exactly", arguments: Driver.allCases)
    func domainText(driver: Driver) throws {
        // ESX writes its port group as a bridge name, which libvirt's schema restricts to plain
        // characters (a diagnostic, tested elsewhere); its free text is the metadata.
        let network: RenderValue = driver == .esx ? "VM Network" : .string(Self.hostile)
        var values: [String: RenderValue] = ["networks": [["network": network]]]
        if driver == .qemu { values["cmdline"] = .string(Self.hostile); values["kernel"] = "/boot/vmlinuz" }
        if driver == .lxc { values["init_args"] = [.string(Self.hostile)] }
        // The node name is hostile too; the deployment is not, since it becomes part of the object name.
        let xml = renderXML(.domain, driver: driver, values, identity: InstanceIdentity(deployment: "demo", node: Self.hostile, instance: "web-1"))
        try expectSchemaValid(xml, .domain)
        let document = try XMLDocument(xmlString: xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "domain")
        #expect(try document.nodes(forXPath: "//injected").isEmpty)
        #expect(try document.nodes(forXPath: "/domain").count == 1)
        #expect(try document.nodes(forXPath: "//*[@evil]").isEmpty)
        let sourceAttribute = driver == .esx ? "bridge" : "network"
        let sources = try document.nodes(forXPath: "//interface/source").compactMap { ($0 as? XMLElement)?.attribute(forName: sourceAttribute)?.stringValue }
        #expect(sources == [driver == .esx ? "VM Network" : Self.hostile])
        let metadata = try document.nodes(forXPath: "//metadata/*").compactMap { ($0 as? XMLElement)?.attribute(forName: "node")?.stringValue }
        #expect(metadata == [Self.hostile])
        if driver == .qemu {
            #expect(try document.nodes(forXPath: "//os/cmdline").map(\.stringValue) == [Self.hostile])
        }
        if driver == .lxc {
            #expect(try document.nodes(forXPath: "//os/initarg").map(\.stringValue) == [Self.hostile])
        }
    }

    @Test("all five XML-special characters are written as references")
    func fiveCharacters() {
        let xml = renderXML(.domain, driver: .qemu, ["kernel": "/k", "cmdline": #"a&b<c>d"e'f"#])
        #expect(xml.contains("<cmdline>a&amp;b&lt;c&gt;d&quot;e&#39;f</cmdline>"))
    }

    @Test("a hostile deployment name stays data in a network's metadata")
    func network() throws {
        let xml = renderXML(
            .network, ["name": "lan", "ips": [["address": "10.1.0.1", "dhcp": ["start": "10.1.0.2", "end": "10.1.0.9"]]]],
            identity: InstanceIdentity(deployment: Self.hostile, node: "lan", instance: "lan-1"))
        try expectSchemaValid(xml, .network)
        let document = try XMLDocument(xmlString: xml)
        #expect(try document.nodes(forXPath: "//injected").isEmpty)
        let deployment = try document.nodes(forXPath: "//metadata/*").compactMap { ($0 as? XMLElement)?.attribute(forName: "deployment")?.stringValue }
        #expect(deployment == [Self.hostile])
    }

    @Test("a user template gets the same escaping, and cannot turn it off", arguments: [
        "<domain type='test'><name>{{{name}}}</name></domain>",
        "<domain type='test'><name>{{&name}}</name></domain>",
        "{{%CONTENT_TYPE: TEXT}}<domain type='test'><name>{{name}}</name></domain>",
        "{{=<% %>=}}<domain type='test'><name><%{name}%></name></domain>",
    ])
    func userTemplateUnescaped(template: String) {
        let result = TemplateRenderer.render(
            kind: .domain, driver: .test, parameters: parameters(["name": .string(Self.hostile)]),
            userTemplate: .inline(template, at: blueprintRange))
        #expect(result.xml == nil)
        #expect(result.diagnostics.map(\.code) .contains(.userTemplateUnescaped))
    }

    @Test("a user template's {{name}} escapes")
    func userTemplateEscapes() throws {
        let xml = renderXML(.domain, driver: .test, ["cmdline": .string(Self.hostile)],
                            userTemplate: .inline("<domain type='test'><name>n</name><description>{{cmdline}}</description></domain>", at: blueprintRange))
        let document = try XMLDocument(xmlString: xml)
        #expect(try document.nodes(forXPath: "//description").map(\.stringValue) == [Self.hostile])
    }

    @Test("a control character, which XML cannot carry even escaped, is a diagnostic at the value")
    func controlCharacter() {
        let valueRange = blueprintRange.shifted(line: 14)
        let result = TemplateRenderer.render(
            kind: .domain, driver: .qemu,
            parameters: parameters(["kernel": "/k", "cmdline": "console=ttyS0\u{1B}[2J"], valueRanges: ["cmdline": valueRange]))
        #expect(result.xml == nil)
        let diagnostic = result.diagnostics.first { $0.code == .characterNotAllowedInXML }
        #expect(diagnostic?.range == valueRange)
        #expect(diagnostic?.message.contains("U+001B") == true)
    }

    @Test("U+FFFE and U+FFFF are refused too, and tabs, line breaks and other characters led by 0xEF are not")
    func noncharacters() {
        for (text, refused) in [("a\u{FFFE}b", "U+FFFE"), ("\u{FFFF}", "U+FFFF"), ("x\ty\nz\r", nil), ("\u{F000}\u{FFFD}\u{E000}", nil)] {
            let result = TemplateRenderer.render(kind: .domain, driver: .qemu, parameters: parameters(["kernel": "/k", "cmdline": .string(text)]))
            let diagnostic = result.diagnostics.first { $0.code == .characterNotAllowedInXML }
            #expect(diagnostic?.message.contains(refused ?? "-") ?? (refused == nil), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test("control characters deep in lists and maps, and in a key, are found at their paths")
    func nestedControlCharacters() {
        let result = TemplateRenderer.render(kind: .domain, driver: .qemu, parameters: parameters([
            "networks": .list([.map(["network": "default"]), .map(["network": "lan\u{7}"])]),
            "devices": .list([.map(["type\u{1}": "serial"])]),
        ]))
        let messages = result.diagnostics.filter { $0.code == .characterNotAllowedInXML }.map(\.message)
        #expect(messages.contains { $0.contains("'networks[1].network'") && $0.contains("U+0007") }, "\(messages)")
        #expect(messages.contains { $0.contains("under 'devices[0]'") && $0.contains("U+0001") }, "\(messages)")
        #expect(messages.count == 2)
    }
}

extension YAMLSourceRange {
    /// The same range moved to another line, for telling ranges apart in tests.
    func shifted(line: Int) -> YAMLSourceRange {
        YAMLSourceRange(file: file, start: .init(line: line, column: start.column), end: .init(line: line, column: end.column))
    }
}
