import Foundation
import Rendering
import Testing
import YAMLSource

/// Where the parameters of a test claim to come from.
let blueprintRange = SourceRange(file: "blueprint.yaml", start: SourceLocation(line: 10, column: 5), end: SourceLocation(line: 10, column: 11))

let sampleIdentity = InstanceIdentity(deployment: "demo", node: "web", instance: "web-1")

func parameters(
    _ values: [String: RenderValue], identity: InstanceIdentity? = sampleIdentity, valueRanges: [String: SourceRange] = [:]
) -> TemplateParameters {
    TemplateParameters(values, at: blueprintRange, valueRanges: valueRanges, identity: identity)
}

/// Renders and records an issue (with every diagnostic) when no XML comes back.
func renderXML(
    _ kind: DocumentKind, driver: Driver = .qemu, _ values: [String: RenderValue],
    identity: InstanceIdentity? = sampleIdentity, userTemplate: UserTemplate = .none,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String {
    let result = TemplateRenderer.render(kind: kind, driver: driver, parameters: parameters(values, identity: identity), userTemplate: userTemplate)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "unexpected diagnostics: \(describe(errors))", sourceLocation: sourceLocation)
    #expect(result.xml != nil, sourceLocation: sourceLocation)
    return result.xml ?? ""
}

func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.code.id) \($0.message) @\($0.range.start.line):\($0.range.start.column)" }.joined(separator: "; ")
}

/// Runs libvirt's own RelaxNG check (`virt-xml-validate FILE SCHEMA`, from Debian's
/// libvirt-clients) on a document. Returns nil when valid, else what the validator said.
func schemaProblems(of xml: String, schema: String) throws -> String? {
    let validator = ["/usr/bin/virt-xml-validate", "/usr/local/bin/virt-xml-validate"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let validator else {
        Issue.record("virt-xml-validate is not installed: run scripts/setup.sh (it installs Debian's libvirt-clients)")
        return "virt-xml-validate missing"
    }
    // virt-xml-validate is a shell script around xmllint, which Debian packages separately.
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
        Issue.record("xmllint, which virt-xml-validate runs, is not installed: run scripts/setup.sh (it installs Debian's libxml2-utils)")
        return "xmllint missing"
    }
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-render-\(UUID().uuidString).xml")
    try xml.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    // The validator's output goes to a file: reading a pipe from many concurrent tests can be
    // interrupted (EINTR), which Foundation's FileHandle turns into a crash.
    let log = file.appendingPathExtension("log")
    try Data().write(to: log)
    defer { try? FileManager.default.removeItem(at: log) }
    let output = try FileHandle(forWritingTo: log)
    defer { try? output.close() }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: validator)
    process.arguments = [file.path, schema]
    process.standardOutput = output
    process.standardError = output
    try process.run()
    process.waitUntilExit()
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    return process.terminationStatus == 0 ? nil : text
}

/// Asserts that a document passes libvirt's schema for its kind.
func expectSchemaValid(_ xml: String, _ kind: DocumentKind, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let problems = try schemaProblems(of: xml, schema: kind.schemaName)
    #expect(problems == nil, "virt-xml-validate rejected:\n\(problems ?? "")\n--- document ---\n\(xml)", sourceLocation: sourceLocation)
}
