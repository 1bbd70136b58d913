import Engine
import Foundation
import StateStore
import Testing

/// Scripts that implement a relationship's operation: `ctx source …` / `ctx target …` (and
/// `ctx.source` / `ctx.target` in python) read and write both ends, as in Cloudify; `ctx instance`
/// is refused.
@Suite("Script relationship operations", .enabled(if: ScriptTestBench.hasBinary, "needs the built bluevirt binary, which acts as ctx: run with swift test (it builds it)"))
struct ScriptRelationshipTests {
    /// `web-2` (the bench's instance) depends on `db-1`.
    private static func relationshipContext(_ bench: ScriptTestBench) -> OperationContext {
        var context = bench.context(properties: ["port": .integer(80)], runtimeProperties: ["ip": .string("10.0.0.2")])
        context.operation = "cloudify.interfaces.relationship_lifecycle.preconfigure"
        context.relationship = RelationshipContext(
            type: "cloudify.relationships.depends_on",
            source: .init(nodeName: "web", nodeType: "cloudify.nodes.WebServer", instanceID: "web-2",
                          nodeProperties: ["port": .integer(80)], runtimeProperties: ["ip": .string("10.0.0.2")]),
            target: .init(nodeName: "db", nodeType: "cloudify.nodes.DBMS", instanceID: "db-1",
                          nodeProperties: ["engine": .object(["name": .string("postgres")])],
                          runtimeProperties: ["url": .string("postgres://10.0.0.9/shop")]))
        return context
    }

    @Test("a bash script reads both ends and sets a runtime property of the source")
    func bashReadsBothEnds() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/link.sh", """
            #!/bin/bash
            set -e
            echo "$(ctx source node name)/$(ctx source instance id):$(ctx source node properties port) -> $(ctx target node id)/$(ctx target instance id) $(ctx target node type)"
            echo "engine=$(ctx target node properties engine.name) ip=$(ctx source instance runtime_properties ip)"
            ctx source instance runtime-properties database_url "$(ctx target instance runtime-properties url)"
            echo "set=$(ctx source instance runtime-properties database_url)"
            """)
        let properties = try await bench.runner.run(script: script, context: Self.relationshipContext(bench))
        #expect(properties.properties == ["database_url": .string("postgres://10.0.0.9/shop")])
        #expect(bench.log == [
            "web/web-2:80 -> db/db-1 cloudify.nodes.DBMS",
            "engine=postgres ip=10.0.0.2",
            "set=postgres://10.0.0.9/shop",
        ])
    }

    @Test("a python script uses ctx.source and ctx.target, and writes both ends' runtime properties",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
    func pythonReadsBothEnds() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/link.py", """
            from cloudify import ctx
            from cloudify.exceptions import NonRecoverableError

            print("%s %s %s -> %s %s" % (ctx.type, ctx.source.node.name, ctx.source.instance.id, ctx.target.node.id, ctx.target.instance.id))
            ctx.source.instance.runtime_properties["database_url"] = ctx.target.instance.runtime_properties["url"]
            ctx.source.instance.runtime_properties["engines"] = [ctx.target.node.properties["engine"]["name"]]
            ctx.source.instance.runtime_properties["engines"].append("sqlite")
            ctx.target.instance.runtime_properties["seen"] = True
            ctx.target.instance.runtime_properties["url"] += "?ssl=1"
            try:
                ctx.instance.id
            except NonRecoverableError as error:
                print("no instance: %s" % error)
            """, executable: false)
        let output = try await bench.runner.run(script: script, context: Self.relationshipContext(bench))
        #expect(output.properties == ["database_url": .string("postgres://10.0.0.9/shop"),
                                      "engines": .array([.string("postgres"), .string("sqlite")])])
        #expect(output.others["db-1"]?.values == ["seen": .bool(true), "url": .string("postgres://10.0.0.9/shop?ssl=1")])
        #expect(bench.log.first == "relationship-instance web web-2 -> db db-1")
        #expect(bench.log.contains { $0.hasPrefix("no instance: ctx.instance is not available in a relationship's operation") })
    }

    @Test("ctx target instance runtime-properties KEY VALUE sets the target's, and reads it back")
    func targetWrite() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/link.sh", """
            #!/bin/sh
            set -e
            ctx target instance runtime-properties seen true
            echo "seen=$(ctx target instance runtime-properties seen) own=$(ctx source instance runtime-properties seen)"
            """)
        let output = try await bench.runner.run(script: script, context: Self.relationshipContext(bench))
        #expect(output.properties.isEmpty)
        #expect(output.others == ["db-1": RuntimeChanges(values: ["seen": .bool(true)])])
        #expect(bench.log == ["seen=true own="])
    }

    @Test("ctx instance and ctx node are refused in a relationship operation, ctx source in a node operation")
    func wrongContextRefused() async throws {
        let bench = try ScriptTestBench()
        let script = try bench.script("scripts/check.sh", """
            #!/bin/sh
            if ctx instance runtime-properties ip; then echo "instance answered"; fi
            if ctx node id; then echo "node answered"; fi
            ctx deployment id
            """)
        let output = try await bench.runner.run(script: script, context: Self.relationshipContext(bench))
        #expect(output.properties.isEmpty)
        #expect(bench.log.contains { $0.hasPrefix("ctx: 'ctx instance runtime-properties ip': node and instance are not available in a relationship's operation") })
        #expect(bench.log.contains { $0.hasPrefix("ctx: 'ctx node id': node and instance are not available") })
        #expect(!bench.log.contains("instance answered") && !bench.log.contains("node answered"))
        #expect(bench.log.last == "shop")

        let nodeBench = try ScriptTestBench()
        let nodeScript = try nodeBench.script("scripts/source.sh", """
            #!/bin/sh
            ctx source node id || echo "status $?"
            """)
        _ = try await nodeBench.runner.run(script: nodeScript, context: nodeBench.context())
        #expect(nodeBench.log.contains { $0.contains("ctx source and ctx target exist only in an operation of a relationship") })
        #expect(nodeBench.log.last == "status 1")
    }
}

/// The context file carries the relationship, and reads back the same.
@Suite("Script relationship context file")
struct ScriptRelationshipDocumentTests {
    @Test("a relationship context survives the context file; a node operation's has none")
    func roundTrip() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-relctx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try StateStore(location: .init(directory: directory.appendingPathComponent(".state"), source: .option))
        let relationship = RelationshipContext(
            type: "cloudify.relationships.connected_to",
            source: .init(nodeName: "web", nodeType: "cloudify.nodes.Root", instanceID: "web-1", nodeProperties: ["port": .integer(80)],
                          runtimeProperties: [:]),
            target: .init(nodeName: "db", nodeType: "cloudify.nodes.Root", instanceID: "db-3", nodeProperties: [:],
                          runtimeProperties: ["url": .string("x")]))
        let context = OperationContext(
            deployment: "shop", blueprintDirectory: directory, nodeName: "web", nodeType: "cloudify.nodes.Root", instanceID: "web-1",
            operation: "cloudify.interfaces.relationship_lifecycle.establish", nodeProperties: ["port": .integer(80)], inputs: [:],
            runtimeProperties: [:], timeout: nil, store: store, log: { _ in }, relationship: relationship)
        let file = directory.appendingPathComponent("context.json")
        try ScriptContextDocument(context).json.jsonText().write(to: file, atomically: true, encoding: .utf8)
        #expect(try ScriptContextDocument(contentsOf: file.path) == ScriptContextDocument(context))
        #expect(try ScriptContextDocument(contentsOf: file.path).relationship == relationship)

        var nodeOperation = context
        nodeOperation.relationship = nil
        try ScriptContextDocument(nodeOperation).json.jsonText().write(to: file, atomically: true, encoding: .utf8)
        #expect(try ScriptContextDocument(contentsOf: file.path).relationship == nil)
    }
}
