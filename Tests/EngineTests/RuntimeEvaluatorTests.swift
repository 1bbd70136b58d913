import Blueprint
@testable import Engine
import Foundation
import StateStore
import Testing

/// `get_attribute` and its list and dict forms answered during a run from recorded runtime
/// properties: which instance answers, the fallback to properties, and what is still unknown.
@Suite struct RuntimeEvaluatorTests {
    private let blueprintText = pluginBlueprint("""
        node_templates:
          lan:
            type: cloudify.libvirt.network
          vm:
            type: cloudify.nodes.Compute
            instances: { deploy: 2 }
            properties: { ip: 'not yet' }
            relationships:
              - type: cloudify.relationships.connected_to
                target: lan
                target_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    establish:
                      implementation: scripts/create.sh
                      inputs:
                        network: { get_attribute: [ TARGET, resource_id ] }
                        address: { get_attribute: [ SOURCE, ip ] }
                        mac: { get_attribute: [ TARGET, interfaces, 0, mac ] }
          app:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/create.sh
                  inputs:
                    all: { get_attributes_list: [ vm, ip ] }
                    by_id: { get_attributes_dict: [ vm, ip ] }
                    network: { get_attribute: [ lan, resource_id ] }
                    greeting: { concat: [ 'hi ', { get_attribute: [ SELF, name ] } ] }
                    deep: { get_attribute: [ lan, interfaces, 0, mac ] }
        """)

    private func evaluator() throws -> (RuntimeEvaluator, Blueprint) {
        let path = try temporaryBlueprint(blueprintText, files: ["scripts/create.sh": "#!/bin/sh\n"])
        let blueprint = try #require(BlueprintLoader.load(path: path).blueprint)
        let instances = [
            InstanceReference(id: "lan-1", node: "lan"),
            InstanceReference(id: "vm-1", node: "vm", related: ["lan": ["lan-1"]]),
            InstanceReference(id: "vm-2", node: "vm", related: ["lan": ["lan-1"]]),
            InstanceReference(id: "app-1", node: "app"),
        ]
        return (RuntimeEvaluator(deployment: "demo", blueprint: blueprint, instances: instances), blueprint)
    }

    private let runtime: RuntimeSnapshot = [
        "lan-1": ["resource_id": .string("demo-lan-1"), "interfaces": .array([.object(["mac": .string("52:54:00:aa:bb:cc")])])],
        "vm-1": ["ip": .string("10.0.0.11")],
        "app-1": ["name": .string("app one")],
    ]

    @Test func operationInputsReadEveryInstanceAndFallBackToProperties() throws {
        let (evaluator, blueprint) = try evaluator()
        let create = try #require(blueprint.nodeTemplates["app"]?.interfaces["cloudify.interfaces.lifecycle"]?.operations["create"])
        let inputs = try evaluator.inputs(of: create, instance: "app-1", runtime: runtime)
        // vm-2 has recorded no ip yet: its node's property answers, as in Cloudify.
        #expect(inputs["all"] == .array([.string("10.0.0.11"), .string("not yet")]))
        #expect(inputs["by_id"] == .object(["vm-1": .object(["ip": .string("10.0.0.11")]), "vm-2": .object(["ip": .string("not yet")])]))
        #expect(inputs["network"] == .string("demo-lan-1"))
        #expect(inputs["greeting"] == .string("hi app one"))
        #expect(inputs["deep"] == .string("52:54:00:aa:bb:cc"))
    }

    @Test func aValueNotRecordedYetNamesWhatItWaitsFor() throws {
        let (evaluator, blueprint) = try evaluator()
        let create = try #require(blueprint.nodeTemplates["app"]?.interfaces["cloudify.interfaces.lifecycle"]?.operations["create"])
        // The instance's own attribute: its earlier operations have run, so the name is to check.
        #expect {
            _ = try evaluator.inputs(of: create, instance: "app-1", runtime: [:])
        } throws: { error in
            let text = "\(error)"
            return text.contains("get_attribute: [SELF, name]") && text.contains("which has no value yet")
                && text.contains("the operations of 'app-1' that come before this one have run: check the attribute's name")
        }
        // An instance app-1 is not related to: nothing orders it first.
        #expect {
            _ = try evaluator.inputs(of: create, instance: "app-1", runtime: ["app-1": ["name": .string("app one")]])
        } throws: { error in
            let text = "\(error)"
            return text.contains("get_attribute: [lan, interfaces, 0, mac]") && text.contains("make the node depend on the one that sets it")
        }
    }

    @Test func sourceAndTargetInARelationshipsOperationAreItsEnds() throws {
        let (evaluator, blueprint) = try evaluator()
        let establish = try #require(blueprint.nodeTemplates["vm"]?.relationships.first?
            .targetInterfaces["cloudify.interfaces.relationship_lifecycle"]?.operations["establish"])
        // vm-1 has recorded its ip, vm-2 has not: SOURCE is the relationship's own source.
        let first = try evaluator.inputs(of: establish, instance: "vm-1", relationshipTarget: "lan-1", runtime: runtime)
        #expect(first == ["network": .string("demo-lan-1"), "address": .string("10.0.0.11"), "mac": .string("52:54:00:aa:bb:cc")])
        let second = try evaluator.inputs(of: establish, instance: "vm-2", relationshipTarget: "lan-1", runtime: runtime)
        #expect(second["address"] == .string("not yet"))
        // The target has not recorded it: it is related, so the hint is about the name.
        #expect {
            _ = try evaluator.inputs(of: establish, instance: "vm-1", relationshipTarget: "lan-1", runtime: ["vm-1": ["ip": .string("10.0.0.11")]])
        } throws: { error in
            let text = "\(error)"
            return text.contains("get_attribute: [TARGET, interfaces, 0, mac]")
                && text.contains("the operations of 'lan-1' that come before this one have run: check the attribute's name")
        }
    }

    @Test func anAmbiguousNodeIsAnsweredOnlyThroughARelationshipOrForOutputs() throws {
        let (evaluator, blueprint) = try evaluator()
        let call = try #require(createInputCall("all", of: "app", in: blueprint))
        var single = call
        single.function = IntrinsicFunction.getAttribute
        // app-1 is related to no vm instance and there are two: no answer…
        #expect(evaluator.attribute(single, from: "app-1", runtime: runtime) == nil)
        // …but outputs take the first, as Cloudify's do.
        #expect(evaluator.attribute(single, from: nil, runtime: runtime, firstOfMany: true) == .string("10.0.0.11"))
    }
}

/// The function call written as an operation input of a node's `create`.
private func createInputCall(_ input: String, of node: String, in blueprint: Blueprint) -> FunctionCall? {
    blueprint.nodeTemplates[node]?.interfaces["cloudify.interfaces.lifecycle"]?.operations["create"]?.inputs[input]?.call
}
