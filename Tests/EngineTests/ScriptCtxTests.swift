import Engine
import Foundation
import StateStore
import Testing

/// The `ctx` command's answers, called in-process against a context file and a changes file.
@Suite("ctx calls")
struct ScriptCtxTests {
    /// A context file and an empty changes file in a fresh folder.
    struct Files {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-ctx-\(UUID().uuidString)")
        var environment: [String: String] {
            ["BLUEVIRT_CONTEXT": directory.appendingPathComponent("context.json").path,
             "BLUEVIRT_CTX_CHANGES": directory.appendingPathComponent("changes.jsonl").path]
        }

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let document = JSONValue.object([
                "deployment": .object(["id": .string("shop")]),
                "node": .object(["id": .string("web"), "name": .string("web"), "type": .string("cloudify.nodes.WebServer"),
                                 "properties": .object(["port": .integer(80), "image": .object(["name": .string("debian")]), "a.b": .string("literal")])]),
                "instance": .object(["id": .string("web-1"), "runtime_properties": .object(["ip": .string("10.0.0.2")])]),
                "operation": .object(["name": .string("cloudify.interfaces.lifecycle.create")]),
                "inputs": .object([:]),
            ])
            try document.jsonText().write(to: directory.appendingPathComponent("context.json"), atomically: true, encoding: .utf8)
        }

        func ctx(_ words: String...) -> CtxCall.Outcome { CtxCall.run(words, environment: environment) }

        var changes: [ScriptChange] {
            ScriptChange.parse((try? String(contentsOf: directory.appendingPathComponent("changes.jsonl"), encoding: .utf8)) ?? "")
        }
    }

    @Test("ids, names and node properties, nested and as JSON")
    func reads() throws {
        let files = try Files()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        #expect(files.ctx("node", "id").output == "web\n")
        #expect(files.ctx("node", "name").output == "web\n")
        #expect(files.ctx("instance", "id").output == "web-1\n")
        #expect(files.ctx("deployment", "id").output == "shop\n")
        #expect(files.ctx("node", "properties", "port").output == "80\n")
        #expect(files.ctx("node", "properties", "image.name").output == "debian\n")
        #expect(files.ctx("node", "properties", "a.b").output == "literal\n")
        #expect(files.ctx("-j", "node", "properties", "image").output == "{\"name\":\"debian\"}\n")
        #expect(files.ctx("-j", "instance", "id").output == "\"web-1\"\n")
        let missing = files.ctx("node", "properties", "nothing")
        #expect(missing.status == 0 && missing.output.isEmpty)
    }

    @Test("runtime properties: values parse as JSON when they are JSON, sets read back, dotted keys set inside")
    func runtimeProperties() throws {
        let files = try Files()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        #expect(files.ctx("instance", "runtime-properties", "count", "3").status == 0)
        #expect(files.ctx("instance", "runtime_properties", "name", "web server").status == 0)
        #expect(files.ctx("instance", "runtime-properties", "tags", "[\"a\"]").status == 0)
        #expect(files.ctx("instance", "runtime-properties", "disk", "@{\"size\":10}").status == 0)
        #expect(files.ctx("instance", "runtime-properties", "disk.bus", "virtio").status == 0)
        #expect(files.changes == [
            .runtimeProperty(key: "count", value: .integer(3)),
            .runtimeProperty(key: "name", value: .string("web server")),
            .runtimeProperty(key: "tags", value: .array([.string("a")])),
            .runtimeProperty(key: "disk", value: .object(["size": .integer(10)])),
            .runtimeProperty(key: "disk", value: .object(["size": .integer(10), "bus": .string("virtio")])),
        ])
        #expect(files.ctx("instance", "runtime-properties", "ip").output == "10.0.0.2\n")
        #expect(files.ctx("instance", "runtime-properties", "disk.size").output == "10\n")
        #expect(files.ctx("instance", "runtime-properties", "count").output == "3\n")
    }

    /// `ctx instance runtime_properties get KEY` is the dictionary's get in Cloudify's proxy; it
    /// was read as a set of the property `get`, so the script read nothing and the state changed.
    @Test("runtime_properties get KEY [DEFAULT] reads, and sets nothing; ctx type")
    func dictionaryGetAndType() throws {
        let files = try Files()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        #expect(files.ctx("instance", "runtime-properties", "counter", "1").status == 0)
        #expect(files.ctx("instance", "runtime_properties", "get", "counter").output == "1\n")
        #expect(files.ctx("instance", "runtime_properties", "get", "ip").output == "10.0.0.2\n")
        #expect(files.ctx("instance", "runtime_properties", "get", "missing", "0").output == "0\n")
        #expect(files.ctx("instance", "runtime_properties", "get", "missing").output.isEmpty)
        #expect(files.ctx("node", "properties", "get", "port").output == "80\n")
        #expect(files.changes == [.runtimeProperty(key: "counter", value: .integer(1))], "a get sets nothing")
        #expect(files.ctx("type").output == "node-instance\n")
    }

    @Test("logger lines go to the changes file")
    func logger() throws {
        let files = try Files()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        #expect(files.ctx("logger", "info", "disk", "ready").status == 0)
        #expect(files.ctx("logger", "warn", "slow").status == 0)
        #expect(files.changes == [.log(level: "info", message: "disk ready"), .log(level: "warning", message: "slow")])
    }

    @Test("an unknown call fails and lists what is supported")
    func unknownCall() throws {
        let files = try Files()
        defer { try? FileManager.default.removeItem(at: files.directory) }
        let outcome = files.ctx("instance", "relationships")
        #expect(outcome.status == 1)
        #expect(outcome.error.hasPrefix("ctx: bluevirt does not support 'ctx instance relationships'"))
        #expect(outcome.error.contains("ctx logger debug|info|warning|error MESSAGE"))
        #expect(files.ctx("logger", "shout", "x").status == 1)
    }

    @Test("outside a script ctx says what is missing")
    func outsideAScript() {
        let outcome = CtxCall.run(["node", "id"], environment: [:])
        #expect(outcome.status == 1)
        #expect(outcome.error.contains("BLUEVIRT_CONTEXT"))
    }
}
