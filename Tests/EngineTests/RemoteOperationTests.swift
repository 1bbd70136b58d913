import Blueprint
import Engine
import Foundation
import StateStore
import Synchronization
import Testing
import TestSupport

/// The fabric plugin's run_commands and run_script and the terminal plugin's run, against a
/// real sshd on 127.0.0.1 (``LoopbackSSHServer``), through apply and destroy; and what
/// `--simulate` does with them (nothing reaches a machine).
@Suite(.serialized) struct RemoteOperationTests {
    static let header = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
          - plugin:cloudify-fabric-plugin
          - plugin:cloudify-utilities-plugin

        """

    /// A node whose create runs commands, configure a script, delete one more command.
    static func fabricBlueprint(port: Int, keyFile: String, key: String, marker: String) -> String {
        let indentedKey = key.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        return header + """
            inputs:
              key:
                default: |
            \(indentedKey)
            node_templates:
              remote:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: fabric.fabric_plugin.tasks.run_commands
                      inputs:
                        fabric_env: &by_file
                          host_string: 127.0.0.1
                          port: \(port)
                          user: root
                          key_filename: \(keyFile)
                          shell_env: { GREETING: "hello 'world'" }
                        commands:
                          - echo "$GREETING" > \(marker)
                          - echo created on $(uname -s)
                    configure:
                      implementation: fabric.fabric_plugin.tasks.run_script
                      inputs:
                        fabric_env:
                          host_string: 127.0.0.1
                          port: \(port)
                          user: root
                          key: { get_input: key }
                        script_path: scripts/remote.sh
                        SIZES: [1, 2]
                        process:
                          env: { FROM_PROCESS: "a b" }
                    delete:
                      implementation: fabric.fabric_plugin.tasks.run_commands
                      inputs:
                        fabric_env: *by_file
                        commands: [ rm \(marker) ]
            """
    }

    static let remoteScript = """
        echo "sizes=$SIZES process=$FROM_PROCESS node=$(ctx node name)"
        ctx logger info "hello from the remote ctx"
        ctx instance runtime-properties remote_port 2222
        ctx instance runtime-properties greeting "$(cat \(markerPlaceholder))"
        echo "read back $(ctx instance runtime-properties remote_port)"
        """
    static let markerPlaceholder = "MARKER"

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs OpenSSH sshd (openssh-server, installed by scripts/setup.sh) and root"))
    func fabricCommandsAndScriptRunOverSSHAndDestroyRunsTheDelete() async throws {
        let server = try LoopbackSSHServer()
        defer { server.removeFolder() }
        let marker = server.folder.appendingPathComponent("marker").path
        let path = try temporaryBlueprint(Self.fabricBlueprint(port: server.port, keyFile: server.clientKeyFile, key: server.clientKey, marker: marker),
                                          files: ["scripts/remote.sh": Self.remoteScript.replacingOccurrences(of: Self.markerPlaceholder, with: marker)])
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        let events = Lines()
        let report = try await apply(path, state: state, simulate: false, events: events)
        #expect(report.result == .applied, "\(report.failures.map(\.description)) \(events.all)")
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "hello 'world'\n", "shell_env is exported, quoted")
        #expect(events.all.contains { $0.contains("created on Linux") })
        #expect(events.all.contains("sizes=[1,2] process=a b node=remote"), "inputs and process.env in the environment: \(events.all)")
        #expect(events.all.contains("read back 2222"), "a later ctx call sees an earlier set")
        #expect(events.all.contains("[info] hello from the remote ctx"))
        let store = try StateStore(location: .init(directory: state, source: .option))
        let record = try #require(try store.nodeInstances(deployment: "remote").first)
        #expect(record.runtimeProperties["remote_port"] == .integer(2222))
        #expect(record.runtimeProperties["greeting"] == .string("hello 'world'"))
        let knownHosts = KnownHosts(stateDirectory: state, deployment: "remote")
        #expect(try String(contentsOfFile: knownHosts.file, encoding: .utf8).contains("[127.0.0.1]:\(server.port)"), "the first contact is recorded")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("ssh-keys").path).isEmpty, "no key file is left")

        let destroyed = try await DeploymentRunner(store: store, progress: { events.add($0.message) }).destroy(deployment: "remote")
        #expect(destroyed.result == .destroyed, "\(destroyed.failures.map(\.description))")
        #expect(!FileManager.default.fileExists(atPath: marker), "the delete operation ran over ssh")
        #expect(!FileManager.default.fileExists(atPath: knownHosts.file), "destroy forgets the deployment's host keys")
    }

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs OpenSSH sshd (openssh-server, installed by scripts/setup.sh) and root"))
    func aChangedHostKeyIsRefusedNamingTheHostAndTheFix() async throws {
        let first = try LoopbackSSHServer()
        defer { first.removeFolder() }
        let marker = first.folder.appendingPathComponent("marker").path
        let path = try temporaryBlueprint(Self.fabricBlueprint(port: first.port, keyFile: first.clientKeyFile, key: first.clientKey, marker: marker),
                                          files: ["scripts/remote.sh": "true\n"])
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        #expect(try await apply(path, state: state, simulate: false).result == .applied)
        first.stop()
        // The same address and port, another host key: what a man in the middle looks like.
        let second = try LoopbackSSHServer(folder: first.folder, port: first.port)
        defer { second.stop() }
        let store = try StateStore(location: .init(directory: state, source: .option))
        let report = try await DeploymentRunner(store: store).destroy(deployment: "remote")
        #expect(report.result == .failed, "the delete operation refuses the new key")
        let message = report.failures.map(\.description).joined()
        #expect(message.contains("the host key of 127.0.0.1 port \(first.port) is not the one recorded for deployment 'remote'"), "\(message)")
        #expect(message.contains("ssh-keygen -R '[127.0.0.1]:\(first.port)'"))
    }

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs OpenSSH sshd (openssh-server, installed by scripts/setup.sh) and root"))
    func aFailingCommandFailsTheOperationWithItsOutput() async throws {
        let server = try LoopbackSSHServer()
        defer { server.removeFolder() }
        let path = try temporaryBlueprint(Self.header + """
            node_templates:
              remote:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: fabric.fabric_plugin.tasks.run_commands
                      inputs:
                        fabric_env: { host_string: 127.0.0.1, port: \(server.port), user: root, key_filename: \(server.clientKeyFile) }
                        commands: [ "echo first", "echo broken-thing >&2; exit 3" ]
            """)
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        let report = try await apply(path, state: state, simulate: false)
        #expect(report.result == .failed)
        let message = report.failures.map(\.description).joined()
        #expect(message.contains("command 2 of 2 on root@127.0.0.1:\(server.port)"), "\(message)")
        #expect(message.contains("exited with status 3") && message.contains("broken-thing"))
    }

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs OpenSSH sshd (openssh-server, installed by scripts/setup.sh) and root"))
    func theTerminalAnswersQuestionsSavesOutputAndSeesErrors() async throws {
        // A device: every login gets an interactive shell with a '#' prompt.
        let server = try LoopbackSSHServer(forceCommand: "env PS1='device# ' ENV= /bin/sh -i")
        defer { server.removeFolder() }
        let indentedKey = server.clientKey.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        let blueprint = Self.header + """
            inputs:
              key:
                default: |
            \(indentedKey)
            node_templates:
              device:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: terminal.cloudify_terminal.tasks.run
                      inputs:
                        terminal_auth: &auth
                          user: root
                          ip: 127.0.0.1
                          port: \(server.port)
                          key_content: { get_input: key }
                          promt_check: [ '#' ]
                          errors: [ 'ERROR' ]
                        calls:
                          - action: printf 'Contin''ue? '; read reply; echo "answered-$reply"
                            responses:
                              - question: 'Continue?'
                                answer: 'yes'
                                newline: true
                            save_to: answered
                          - action: |
                              echo one
                              echo two
                            save_to: both
                    start:
                      implementation: terminal.cloudify_terminal.tasks.run
                      inputs:
                        terminal_auth: *auth
                        calls:
                          - action: "echo 'ERROR: the device refused'"
            """
        let path = try temporaryBlueprint(blueprint)
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        let events = Lines()
        let report = try await apply(path, state: state, simulate: false, events: events)
        #expect(report.result == .failed, "start sees the error")
        let message = report.failures.map(\.description).joined()
        #expect(message.contains("shows the error 'ERROR'"), "\(message) \(events.all)")
        let store = try StateStore(location: .init(directory: state, source: .option))
        let record = try #require(try store.nodeInstances(deployment: "remote").first)
        // As the plugin saves it: the output after the command's echo, the question and answer included.
        let answered = try #require(record.runtimeProperties["answered"].flatMap { if case .string(let text) = $0 { text } else { nil } },
                                    "\(record.runtimeProperties) \(events.all)")
        #expect(answered.hasSuffix("\nanswered-yes") && !answered.contains("device#"), "\(answered)")
        #expect(record.runtimeProperties["both"] == .string("one\ntwo"))
    }

    @Test(.enabled(if: LoopbackSSHServer.isAvailable, "needs OpenSSH sshd (openssh-server, installed by scripts/setup.sh) and root"))
    func aPasswordGoesThroughAskpassAndARefusedLoginSaysSo() async throws {
        let server = try LoopbackSSHServer(passwords: true)
        defer { server.removeFolder() }
        let path = try temporaryBlueprint(Self.header + """
            node_templates:
              remote:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: fabric.fabric_plugin.tasks.run_commands
                      inputs:
                        fabric_env: { host_string: 127.0.0.1, port: \(server.port), user: root, password: "not root's password" }
                        commands: [ "true" ]
            """)
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        let started = ContinuousClock().now
        let report = try await apply(path, state: state, simulate: false)
        #expect(report.result == .failed)
        let message = report.failures.map(\.description).joined()
        #expect(message.contains("root@127.0.0.1:\(server.port) refused the login"), "\(message)")
        #expect(ContinuousClock().now - started < .seconds(30), "ssh asked askpass once and gave up, without waiting for a terminal")
        #expect(try FileManager.default.contentsOfDirectory(atPath: state.appendingPathComponent("ssh-keys").path).isEmpty, "the password file is gone")
    }

    @Test func validateReportsAFabricScriptMissingOrOutsideTheBlueprintsFolder() throws {
        let blueprint = Self.header + """
            node_templates:
              remote:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: fabric.fabric_plugin.tasks.run_script
                      inputs:
                        fabric_env: { host_string: 192.0.2.1, user: root, key_filename: /root/key }
                        script_path: scripts/missing.sh
                    configure:
                      implementation: fabric.fabric_plugin.tasks.run_script
                      inputs:
                        fabric_env: { host_string: 192.0.2.1, user: root, key_filename: /root/key }
                        script_path: ../elsewhere.sh
                    start:
                      implementation: fabric.fabric_plugin.tasks.run_script
                      inputs:
                        fabric_env: { host_string: 192.0.2.1, user: root, key_filename: /root/key }
                        script_path: scripts/present.sh
            """
        // present.sh is not executable: it runs on the remote machine, so that is fine here.
        let path = try temporaryBlueprint(blueprint, files: ["scripts/present.sh": "echo hi\n"])
        let loaded = BlueprintLoader.load(path: path, inputs: [])
        let found = errors(loaded.diagnostics).map { "\($0.code.id) \($0.message)" }
        #expect(found.count == 2, "\(found)")
        #expect(found.contains { $0.hasPrefix("BV0126") && $0.contains("(script_path) uploads the script 'scripts/missing.sh'") })
        #expect(found.contains { $0.hasPrefix("BV0129") && $0.contains("'../elsewhere.sh'") })
    }

    @Test func onSimulateRemoteOperationsAreSkippedRecordedAndShown() async throws {
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-never-\(UUID().uuidString)").path
        let reader = """

              reader:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      implementation: scripts/read.sh
                      inputs:
                        PORT: { get_attribute: [ remote, remote_port ] }
                relationships:
                  - { type: cloudify.relationships.depends_on, target: remote }
            """
        let path = try temporaryBlueprint(Self.fabricBlueprint(port: 1, keyFile: "/nonexistent/key", key: "not a key", marker: marker) + reader,
                                          files: ["scripts/remote.sh": "exit 1\n", "scripts/read.sh": "ctx instance runtime-properties seen \"$PORT\"\n"])
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        let events = Lines()
        let report = try await apply(path, state: state, simulate: true, events: events)
        #expect(report.result == .applied, "\(report.failures.map(\.description))")
        let skips = events.all.filter { $0.hasPrefix("skipped on --simulate: fabric.fabric_plugin.tasks.") }
        #expect(skips.count == 2, "\(events.all)")
        #expect(skips.allSatisfy { $0.contains("127.0.0.1") })
        let store = try StateStore(location: .init(directory: state, source: .option))
        let record = try #require(try store.nodeInstances(deployment: "remote").first { $0.nodeName == "remote" })
        #expect(record.runtimeProperties[RemoteTasks.skippedProperty] == .array([
            .string("cloudify.interfaces.lifecycle.create"), .string("cloudify.interfaces.lifecycle.configure"),
        ]))
        let readerRecord = try #require(try store.nodeInstances(deployment: "remote").first { $0.nodeName == "reader" })
        #expect(readerRecord.runtimeProperties["seen"] == .string("<remote_port of remote-1: not set, its ssh operations were skipped on --simulate>"),
                "a later step that reads what a skipped operation would have set still runs: \(readerRecord.runtimeProperties)")
        let destroyed = try await DeploymentRunner(store: store, progress: { events.add($0.message) }).destroy(deployment: "remote")
        #expect(destroyed.result == .destroyed, "the recorded delete is skipped too: \(destroyed.failures.map(\.description))")
        #expect(events.all.filter { $0.hasPrefix("skipped on --simulate: fabric.fabric_plugin.tasks.run_commands") }.count == 2)
    }

    @Test func onSimulateATerminalOperationWithoutCallsIsNoSkip() async throws {
        let path = try temporaryBlueprint(Self.header + """
            node_templates:
              device:
                type: cloudify.nodes.terminal.Raw
                properties:
                  terminal_auth: { user: admin, password: "", ip: 192.0.2.8 }
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        calls: [ { action: show system interface } ]
            """)
        let state = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(".state")
        let events = Lines()
        #expect(try await apply(path, state: state, simulate: true, events: events).result == .applied)
        // The type maps every lifecycle operation to the task; only create has calls.
        #expect(events.all.filter { $0.hasPrefix("skipped on --simulate: terminal.cloudify_terminal.tasks.run would log in to 192.0.2.8") }.count == 1,
                "\(events.all)")
    }

    // MARK: helpers

    private func apply(_ path: String, state: URL, simulate: Bool, events: Lines = Lines()) async throws -> RunReport {
        let loaded = BlueprintLoader.load(path: path, inputs: [])
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        let run = DryRun(blueprint: blueprint, deployment: "remote")
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
        // Local scripts' `ctx` is the built bluevirt.
        let runner = DeploymentRunner(store: try StateStore(location: .init(directory: state, source: .option)),
                                      scripts: ScriptRunner(ctxExecutable: BluevirtProcess.binary), progress: { events.add($0.message) })
        return try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "", connections: .init(simulate: simulate))
    }
}

/// Progress messages as they came, from any task.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
