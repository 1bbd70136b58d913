import Blueprint
import Diagnostics
import Engine
import Testing

/// An output's `get_attribute` of a node with several instances names no instance: Cloudify shows
/// the output as an error, bluevirt the first instance's value, and validate warns (BV0812).
@Suite struct OutputInstanceTests {
    static let text = pluginBlueprint("""
        inputs:
          count: {default: 2}
        node_templates:
          host:
            type: cloudify.nodes.Compute
            properties: {agent_config: {install_method: none}}
            capabilities:
              scalable:
                properties: {default_instances: {get_input: count}}
          app:
            type: cloudify.nodes.Root
            relationships:
              - {type: cloudify.relationships.contained_in, target: host}
          db:
            type: cloudify.nodes.Root
        outputs:
          host_ip: {value: {get_attribute: [host, ip]}}
          app_port: {value: {concat: [':', {get_attribute: [app, ports, 0]}]}}
          db_ip: {value: {get_attribute: [db, ip]}}
          every_ip: {value: {get_attributes_list: [host, ip]}}
        """)

    private func warnings(_ inputs: [String]) throws -> [Diagnostic] {
        let path = try temporaryBlueprint(Self.text)
        let provided = inputs.compactMap { ProvidedInput.parse(assignment: $0).0 }
        let loaded = BlueprintLoader.load(path: path, inputs: provided)
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        return DryRun.diagnostics(blueprint: blueprint, deployment: "demo").filter { $0.code == .ambiguousOutputInstance }
    }

    @Test func aScaledNodeAndWhatItHostsAreReportedWhereTheOutputReadsThem() throws {
        let found = try warnings([])
        #expect(found.map(\.severity) == [.warning, .warning])
        #expect(found.map(\.message) == [
            "output 'host_ip' reads get_attribute of node 'host', which has 2 instances: it does not say which",
            "output 'app_port' reads get_attribute of node 'app', which has 2 instances: it does not say which",
        ])
        // At the call, inside the concat too; the replacement keeps the path, index included.
        #expect(found.map(\.range.start.column) == [20, 36])
        #expect(found[0].notes.map(\.message).last == "for every instance's value write get_attributes_list: [host, ip]")
        #expect(found[1].notes.map(\.message).last == "for every instance's value write get_attributes_list: [app, ports, 0]")
        #expect(found[0].notes.first?.message.contains("bluevirt shows the value of host-1, the first") == true)
    }

    @Test func oneInstanceSaysWhichAndIsNotReported() throws {
        #expect(try warnings(["count=1"]).isEmpty)
    }
}
