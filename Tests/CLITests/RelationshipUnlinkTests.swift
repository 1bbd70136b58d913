import Foundation
import StateStore
import Testing
import TestSupport

/// A relationship's `unlink` as a script, through the built binary on the simulated hypervisor:
/// destroy runs it from what apply recorded (with `ctx target`), before its target is deleted; an
/// update runs it for a removed instance and for a relationship that went away (a scale down),
/// and a relationship added back later is established again. Each script appends
/// `INSTANCE OPERATION TARGET` to the blueprint's `trace` file.
@Suite struct RelationshipUnlinkTests {
    private static func blueprint(appCount: Int = 2, withLoadBalancer: Bool = true) -> String {
        var text = """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml]
            node_templates:
              app:
                type: cloudify.nodes.Root
                instances: {deploy: \(appCount)}
                interfaces: {cloudify.interfaces.lifecycle: {create: scripts/log.sh, delete: scripts/log.sh}}
              monitor:
                type: cloudify.nodes.Root
                interfaces: {cloudify.interfaces.lifecycle: {create: scripts/log.sh}}
                relationships:
                  - type: cloudify.relationships.depends_on
                    target: app
                    target_interfaces:
                      cloudify.interfaces.relationship_lifecycle: {unlink: scripts/log.sh}

            """
        if withLoadBalancer {
            text += """
                  lb:
                    type: cloudify.nodes.Root
                    interfaces: {cloudify.interfaces.lifecycle: {create: scripts/log.sh}}
                    relationships:
                      - type: cloudify.relationships.connected_to
                        target: app
                        source_interfaces:
                          cloudify.interfaces.relationship_lifecycle: {establish: scripts/log.sh, unlink: scripts/log.sh}

                """
        }
        return text
    }

    private static let logScript = """
        #!/bin/bash
        echo "ran $BLUEVIRT_OPERATION"
        echo "$BLUEVIRT_INSTANCE_ID ${BLUEVIRT_OPERATION##*.} $(ctx target instance id 2>/dev/null)" >> "$BLUEVIRT_BLUEPRINT_DIRECTORY/trace"
        """

    /// A project folder with the blueprint `k.yaml` and its script; removed by the caller.
    private struct Project {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-unlink-\(UUID().uuidString)")
        var blueprint: URL { folder.appendingPathComponent("k.yaml") }
        var state: URL { folder.appendingPathComponent("state") }
        var traceFile: URL { folder.appendingPathComponent("trace") }

        init(_ text: String) throws {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
            let script = folder.appendingPathComponent("scripts/log.sh")
            try RelationshipUnlinkTests.logScript.write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            try write(text)
        }

        func write(_ text: String) throws { try text.write(to: blueprint, atomically: true, encoding: .utf8) }

        func run(_ arguments: [String]) throws -> BluevirtProcess.Result {
            let result = try BluevirtProcess.run(arguments + ["--state-dir", state.path])
            #expect(result.status == 0, "bluevirt \(arguments.joined(separator: " ")): \(result.standardOutput)\(result.standardError)")
            return result
        }

        /// The lines the scripts wrote since the last call, which empties the file.
        func takeTrace() throws -> [String] {
            let text = (try? String(contentsOf: traceFile, encoding: .utf8)) ?? ""
            try "".write(to: traceFile, atomically: true, encoding: .utf8)
            return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// Whether `first` is in `lines` before `second` (both there).
    private static func ordered(_ lines: [String], _ first: String, before second: String) -> Bool {
        guard let one = lines.firstIndex(of: first), let two = lines.firstIndex(of: second) else { return false }
        return one < two
    }

    @Test func destroyRunsTheUnlinkScriptsBeforeTheTargetsAreDeleted() throws {
        let project = try Project(Self.blueprint())
        defer { try? FileManager.default.removeItem(at: project.folder) }
        _ = try project.run(["apply", project.blueprint.path, "--simulate"])
        _ = try project.takeTrace()

        let destroy = try project.run(["destroy", "-d", "k"])
        let trace = try project.takeTrace()
        #expect(Set(trace) == [
            "lb-1 unlink app-1", "lb-1 unlink app-2", "monitor-1 unlink app-1", "monitor-1 unlink app-2",
            "app-1 delete", "app-2 delete",
        ], "\(destroy.standardOutput)")
        for app in ["app-1", "app-2"] {
            #expect(Self.ordered(trace, "lb-1 unlink \(app)", before: "\(app) delete"), "\(trace)")
            #expect(Self.ordered(trace, "monitor-1 unlink \(app)", before: "\(app) delete"), "\(trace)")
        }
        #expect(destroy.standardError.contains("ran cloudify.interfaces.relationship_lifecycle.unlink"), "\(destroy.standardError)")
        #expect(destroy.standardOutput.contains("destroyed: 6 operations run"), "\(destroy.standardOutput)")
    }

    @Test func anUnlinksInputsReadTheRelationshipsEndsAtDestroy() throws {
        let project = try Project("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml]
            node_templates:
              db:
                type: cloudify.nodes.Root
                interfaces: {cloudify.interfaces.lifecycle: {create: scripts/log.sh}}
              app:
                type: cloudify.nodes.Root
                relationships:
                  - type: cloudify.relationships.connected_to
                    target: db
                    source_interfaces:
                      cloudify.interfaces.relationship_lifecycle:
                        unlink:
                          implementation: scripts/unlink.sh
                          inputs: { literal: static, target: { get_attribute: [ TARGET, node_instance_id ] } }
            """)
        defer { try? FileManager.default.removeItem(at: project.folder) }
        try "#!/bin/sh\necho \"unlink $literal $target\" >> \"$BLUEVIRT_BLUEPRINT_DIRECTORY/trace\"\n"
            .write(to: project.folder.appendingPathComponent("scripts/unlink.sh"), atomically: true, encoding: .utf8)
        _ = try project.run(["apply", project.blueprint.path, "--simulate"])
        _ = try project.takeTrace()
        _ = try project.run(["destroy", "-d", "k"])
        #expect(try project.takeTrace().contains("unlink static db-1"))
    }

    @Test func anUpdateThatRemovesTheSourceRunsItsUnlinkScripts() throws {
        let project = try Project(Self.blueprint())
        defer { try? FileManager.default.removeItem(at: project.folder) }
        _ = try project.run(["apply", project.blueprint.path, "--simulate"])
        _ = try project.takeTrace()

        try project.write(Self.blueprint(withLoadBalancer: false))
        let apply = try project.run(["apply", project.blueprint.path, "--simulate"])
        #expect(Set(try project.takeTrace()) == ["lb-1 unlink app-1", "lb-1 unlink app-2"], "\(apply.standardOutput)")
    }

    @Test func scalingDownUnlinksAndScalingBackUpEstablishesAgain() throws {
        let project = try Project(Self.blueprint())
        defer { try? FileManager.default.removeItem(at: project.folder) }
        _ = try project.run(["apply", project.blueprint.path, "--simulate"])
        #expect(try project.takeTrace().contains("lb-1 establish app-2"))

        let down = try project.run(["run", "scale", "-d", "k", "-p", "scalable_entity_name=app", "-p", "delta=-1"])
        let unlinked = try project.takeTrace()
        #expect(Set(unlinked) == ["lb-1 unlink app-2", "monitor-1 unlink app-2", "app-2 delete"], "\(down.standardOutput)")
        #expect(Self.ordered(unlinked, "lb-1 unlink app-2", before: "app-2 delete"), "\(unlinked)")

        let up = try project.run(["run", "scale", "-d", "k", "-p", "scalable_entity_name=app", "-p", "delta=1"])
        let established = try project.takeTrace()
        #expect(established == ["app-2 create", "lb-1 establish app-2"], "\(up.standardOutput)")

        // The same through the blueprint's count: down to one, and back to two.
        _ = try project.run(["run", "scale", "-d", "k", "-p", "scalable_entity_name=app", "-p", "delta=-1"])
        try project.write(Self.blueprint(appCount: 1))
        _ = try project.run(["apply", project.blueprint.path, "--simulate"])
        _ = try project.takeTrace()
        try project.write(Self.blueprint(appCount: 2))
        let readded = try project.run(["apply", project.blueprint.path, "--simulate"])
        #expect(try project.takeTrace() == ["app-2 create", "lb-1 establish app-2"], "\(readded.standardOutput)")
    }

    /// An earlier bluevirt recorded only stop and delete operations: such a deployment still
    /// destroys, runs its delete scripts, and says which unlinks it passes over.
    @Test func aDeploymentAppliedWithoutRecordedUnlinksStillDestroys() throws {
        let project = try Project(Self.blueprint())
        defer { try? FileManager.default.removeItem(at: project.folder) }
        _ = try project.run(["apply", project.blueprint.path, "--simulate"])
        _ = try project.takeTrace()
        try Self.forgetRecordedUnlinks(deployment: "k", state: project.state)

        let destroy = try project.run(["destroy", "-d", "k"])
        #expect(Set(try project.takeTrace()) == ["app-1 delete", "app-2 delete"])
        let note = try #require(destroy.standardError.split(separator: "\n").first { $0.contains("not recorded at apply") }, "\(destroy.standardError)")
        for unlink in ["lb-1 → app-1 (source)", "lb-1 → app-2 (source)", "monitor-1 → app-1 (target)", "monitor-1 → app-2 (target)"] {
            #expect(note.contains("unlink \(unlink)"), "\(note)")
        }
        #expect(note.contains("their operations were not recorded at apply (an earlier bluevirt recorded only stop and delete operations), so they are passed over"))
        // Passed over, not shown or counted as run: the two deletes are what ran.
        #expect(destroy.standardOutput.contains("deployment 'k' destroyed: 2 operations run"), "\(destroy.standardOutput)")
        #expect(!destroy.standardError.contains("started  unlink"), "\(destroy.standardError)")
    }

    /// Rewrites the state as a bluevirt that did not record unlinks left it: each instance's
    /// `uninstall_operations` holds its stop and delete operations only, without step keys.
    private static func forgetRecordedUnlinks(deployment: String, state: URL) throws {
        let store = try StateStore(location: .init(directory: state, source: .option))
        let execution = try store.startExecution(deployment: deployment, workflow: .install)
        var rewritten: [FinishedStep] = []
        for record in try store.nodeInstances(deployment: deployment) {
            guard case .array(let operations)? = record.runtimeProperties["uninstall_operations"] else { continue }
            let older: [JSONValue] = operations.compactMap { operation in
                guard case .object(var fields) = operation, fields["step"] != .string("unlink") else { return nil }
                fields["key"] = nil
                return .object(fields)
            }
            var properties = record.runtimeProperties
            properties["uninstall_operations"] = older.isEmpty ? nil : .array(older)
            rewritten.append(FinishedStep(instance: record.instanceID, step: "\(record.instanceID)/older-state", runtimeProperties: properties))
        }
        #expect(rewritten.contains { $0.instance == "lb-1" }, "apply recorded lb-1's unlinks")
        try store.recordStepsFinished(execution: execution.id, rewritten)
        _ = try store.finishExecution(execution.id, status: .succeeded)
    }
}
