import Blueprint
import Diagnostics
import Engine
import Foundation
import Testing

/// `validate` reports `DryRun.diagnostics`, which checks the documents without rendering their
/// text: it must find exactly what a whole dry-run finds.
@Suite struct ValidateDiagnosticsTests {
    static let blueprints = Paths.examples + [Paths.fixture("plugin-style.yaml")]

    @Test(arguments: blueprints)
    func sameDiagnosticsAsADryRun(_ path: String) throws {
        let blueprint = try #require(BlueprintLoader.load(path: path).blueprint)
        #expect(DryRun.diagnostics(blueprint: blueprint, deployment: "demo") == DryRun(blueprint: blueprint, deployment: "demo").diagnostics)
    }

    /// Mistakes found while building the documents: a name libvirt cannot take (a parameter
    /// check), and wait_for_ip without a network, which is found in the rendered text (the
    /// checks-only run still renders where a check reads the text).
    @Test func documentMistakesAreFoundWithoutTheText() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lonely:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    wait_for_ip: true
                    networks: []
              slashed:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    name: bad/name
            """))
        let blueprint = try #require(BlueprintLoader.load(path: path).blueprint)
        let checked = DryRun.diagnostics(blueprint: blueprint, deployment: "demo")
        #expect(checked == DryRun(blueprint: blueprint, deployment: "demo").diagnostics)
        #expect(checked.contains { $0.code.id == "BV0810" }, "\(describe(checked))")
        #expect(checked.contains { $0.code.id == "BV0601" }, "\(describe(checked))")
    }
}
