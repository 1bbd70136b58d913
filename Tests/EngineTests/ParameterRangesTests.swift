import Blueprint
import Diagnostics
@testable import Engine
import Testing

/// The ranges of `params` values are found in the node template's expressions when asked
/// (``ParameterRanges``): each path points where its value was written, a later source's key
/// wins, and inside a value a function gave whole only the value's own range is known.
@Suite struct ParameterRangesTests {
    static let blueprint = pluginBlueprint("""
        node_templates:
          vm:
            type: cloudify.libvirt.domain
            properties:
              params:
                vcpu: 1
                networks:
                  - network: default
                  - { network: other, mac: "52:54:00:00:00:01" }
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  inputs:
                    params:
                      vcpu: 2
                      disks: { get_input: disks }
          whole:
            type: cloudify.libvirt.domain
            properties:
              params: { get_input: machine }
            interfaces:
              cloudify.interfaces.lifecycle:
                configure:
                  inputs:
                    params: { vcpu: 4 }
        inputs:
          disks:
            default: [{ volume: root, pool: default }]
          machine:
            default: { vcpu: 2, networks: [{ network: default }] }
        """)

    /// The ranges ``ParamsResolver`` gives the parameters of node template `node`.
    private func resolvedRanges(of node: String) throws -> ParameterRanges {
        let blueprint = try #require(BlueprintLoader.load(path: try temporaryBlueprint(Self.blueprint), inputs: []).blueprint)
        let templates = blueprint.nodeTemplates
        let evaluator = Evaluator(blueprint: blueprint)
        var diagnostics: [Diagnostic] = []
        let resolved = ParamsResolver(evaluator: evaluator, template: try #require(templates[node])) { _ in nil }.resolve(diagnostics: &diagnostics)
        #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
        return resolved.ranges
    }

    private func at(_ path: String, in ranges: ParameterRanges) -> String? {
        ranges[path].map { "\($0.start.line):\($0.start.column)" }
    }

    @Test func eachPathPointsWhereItsValueWasWritten() throws {
        var ranges = try resolvedRanges(of: "vm")
        let at = { (path: String) in self.at(path, in: ranges) }
        // pluginBlueprint's header is four lines, so the node templates start at line 5.
        #expect(at("networks") == "12:11")
        #expect(at("networks[0].network") == "12:22")
        #expect(at("networks[1].mac") == "13:36")
        #expect(at("networks[1]") == "13:13")
        #expect(at("networks[2]") == nil)
        #expect(at("networks[1].nothing") == nil)
        // create's input replaces the property's vcpu.
        #expect(at("vcpu") == "19:21")
        // A value a function gave: its call's range, and nothing finer inside it.
        #expect(at("disks") == "20:22")
        #expect(at("disks[0].volume") == nil)
        #expect(at("name") == nil)

        // A value bluevirt filled in is where it says.
        ranges.assign(try #require(ranges["vcpu"]), to: "resource_id")
        #expect(self.at("resource_id", in: ranges) == "19:21")
    }

    @Test func keysOfAMapAFunctionGaveWholePointAtTheCallUntilALaterLiteralGivesThem() throws {
        let ranges = try resolvedRanges(of: "whole")
        #expect(at("networks", in: ranges) == "24:15")
        #expect(at("networks[0].network", in: ranges) == nil)
        // configure's literal replaces the function's vcpu.
        #expect(at("vcpu", in: ranges) == "29:29")
    }
}
