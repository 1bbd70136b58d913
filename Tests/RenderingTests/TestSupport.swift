import Foundation
import TestSupport
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

/// libvirt's own RelaxNG check of a document: nil when valid, else what the validator said.
func schemaProblems(of xml: String, schema: String) throws -> String? {
    try VirtXMLValidate.problems(of: xml, schema: schema)
}

/// Asserts that a document passes libvirt's schema for its kind.
func expectSchemaValid(_ xml: String, _ kind: DocumentKind, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let problems = try schemaProblems(of: xml, schema: kind.schemaName)
    #expect(problems == nil, "virt-xml-validate rejected:\n\(problems ?? "")\n--- document ---\n\(xml)", sourceLocation: sourceLocation)
}
