import Foundation
import Testing
import TestSupport

/// A relationship's operation as a script through the built binary, on the simulated hypervisor:
/// the source's `preconfigure` (inherited from a type derived from depends_on) reads what the
/// target's own `create` script recorded through `ctx target …`, and sets runtime properties of
/// the source and (as Cloudify allows) of the target that outputs read.
@Suite struct ScriptRelationshipLifecycleTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
        node_types:
          shop.nodes.Database:
            derived_from: cloudify.nodes.Root
            properties:
              engine: { type: string, default: postgres }
        relationships:
          shop.relationships.uses_database:
            derived_from: cloudify.relationships.depends_on
            source_interfaces:
              cloudify.interfaces.relationship_lifecycle:
                preconfigure: scripts/link.sh
        node_templates:
          db:
            type: shop.nodes.Database
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/create-db.sh
          app:
            type: cloudify.nodes.Root
            relationships:
              - { type: shop.relationships.uses_database, target: db }
        outputs:
          database_url: { value: { get_attribute: [ app, database_url ] } }
          linked: { value: { get_attribute: [ app, linked ] } }
          relationship_in_context: { value: { get_attribute: [ app, relationship_in_context ] } }
          db_url: { value: { get_attribute: [ db, url ] } }
          db_touched: { value: { get_attribute: [ db, touched ] } }
        """

    private static let createScript = """
        #!/bin/sh
        set -eu
        ctx instance runtime-properties url "$(ctx node properties engine)://10.0.0.9/shop"
        """

    private static let linkScript = """
        #!/bin/bash
        set -eu
        ctx source instance runtime-properties database_url "$(ctx target instance runtime-properties url)"
        ctx source instance runtime_properties linked "$(ctx source instance id) -> $(ctx target instance id) ($(ctx target node properties engine))"
        if grep -q '"type":"shop.relationships.uses_database"' "$BLUEVIRT_CONTEXT"; then
          ctx source instance runtime-properties relationship_in_context true
        fi
        ctx target instance runtime-properties touched yes
        """

    @Test func aSourcePreconfigureScriptReadsTheTargetAndSetsTheSource() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-relscripts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("shop.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        for (name, text) in [("create-db.sh", Self.createScript), ("link.sh", Self.linkScript)] {
            let script = folder.appendingPathComponent("scripts/\(name)")
            try text.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        let state = folder.appendingPathComponent("state")

        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")

        let outputs = try BluevirtProcess.run(["outputs", "-d", "shop", "--state-dir", state.path, "--json"])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any])
        #expect(values["db_url"] as? String == "postgres://10.0.0.9/shop")
        #expect(values["database_url"] as? String == "postgres://10.0.0.9/shop", "the source's preconfigure read the target's runtime property")
        #expect(values["linked"] as? String == "app-1 -> db-1 (postgres)")
        #expect(values["relationship_in_context"] as? Bool == true)
        #expect(values["db_touched"] as? String == "yes", "the target's runtime property set by the source's operation is kept")
    }

    /// SOURCE and TARGET in a relationship operation's inputs: on either side, written on the
    /// template or a default of the relationship type, get_attribute reads the source's and the
    /// target's runtime properties and get_property their node properties.
    private static let endsBlueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
        node_types:
          shop.nodes.Database:
            derived_from: cloudify.nodes.Root
            properties:
              port: { type: integer, default: 5432 }
        relationships:
          shop.relationships.uses_database:
            derived_from: cloudify.relationships.connected_to
            source_interfaces:
              cloudify.interfaces.relationship_lifecycle:
                postconfigure:
                  implementation: scripts/record.sh
                  inputs:
                    side: { default: type }
                    from_target: { default: { get_attribute: [ TARGET, address ] } }
                    from_source: { default: { get_attribute: [ SOURCE, name ] } }
                    port: { default: { get_property: [ TARGET, port ] } }
        node_templates:
          db:
            type: shop.nodes.Database
            interfaces:
              cloudify.interfaces.lifecycle:
                create: { implementation: scripts/set.sh, inputs: { key: address, value: 10.0.0.9 } }
          app:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: { implementation: scripts/set.sh, inputs: { key: name, value: shop } }
            relationships:
              - type: shop.relationships.uses_database
                target: db
                source_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    establish:
                      implementation: scripts/record.sh
                      inputs:
                        side: source
                        from_target: { get_attribute: [ TARGET, address ] }
                        from_source: { get_attribute: [ SOURCE, name ] }
                        port: { get_property: [ TARGET, port ] }
                target_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    establish:
                      implementation: scripts/record.sh
                      inputs:
                        side: target
                        from_target: { get_attribute: [ TARGET, address ] }
                        from_source: { get_attribute: [ SOURCE, name ] }
                        port: { get_property: [ TARGET, port ] }
        outputs:
          source_side: { value: { get_attribute: [ app, seen_source ] } }
          target_side: { value: { get_attribute: [ app, seen_target ] } }
          type_default: { value: { get_attribute: [ app, seen_type ] } }
        """

    @Test func sourceAndTargetInARelationshipOperationsInputsAreItsEnds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-relends-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("ends.yaml")
        try Self.endsBlueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let scripts = [
            "set.sh": "#!/bin/sh\nset -eu\nctx instance runtime-properties \"$key\" \"$value\"\n",
            "record.sh": "#!/bin/sh\nset -eu\nctx source instance runtime-properties \"seen_$side\" \"$from_source -> $from_target:$port\"\n",
        ]
        for (name, text) in scripts {
            let script = folder.appendingPathComponent("scripts/\(name)")
            try text.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        }
        let state = folder.appendingPathComponent("state")

        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")

        let outputs = try BluevirtProcess.run(["outputs", "-d", "ends", "--state-dir", state.path, "--json"])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any])
        #expect(values["source_side"] as? String == "shop -> 10.0.0.9:5432")
        #expect(values["target_side"] as? String == "shop -> 10.0.0.9:5432")
        #expect(values["type_default"] as? String == "shop -> 10.0.0.9:5432")
    }
}
