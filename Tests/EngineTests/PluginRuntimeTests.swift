import Blueprint
import Engine
import Foundation
import LibvirtBackend
import StateStore
import Synchronization
import Testing
import TestSupport
import YAMLSource

/// The libvirt plugin's runtime behaviour, read from its code, on libvirt's test driver
/// (`apply --simulate`): the domain's params runtime property, configure defining the domain
/// from it after relationship scripts edited it, adoption through create inputs, a plugin task
/// mapped to another operation, an ISO image written into another node's volume, and the
/// plugin's defaults. The blueprints are in the shapes of the plugin's examples.
@Suite(.enabled(if: ScriptTestBench.hasBinary && FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"),
                "needs the built bluevirt binary (the scripts' ctx) and python3"))
struct PluginRuntimeTests {
    static let folder = Paths.fixtures.appendingPathComponent("plugin-runtime")
    static let centosShape = folder.appendingPathComponent("vm-centos-shape.yaml").path
    static let seedVolumeShape = folder.appendingPathComponent("vm-seed-volume-shape.yaml").path

    @Test func configureDefinesTheDomainFromParamsARelationshipScriptEdited() async throws {
        let state = try temporaryStateDirectory()
        let messages = Messages()
        let report = try await apply(Self.centosShape, deployment: "centos", stateDirectory: state, messages: messages)
        #expect(report.result == .applied, "\(report.failures)")

        let store = try StateStore(location: .init(directory: state, source: .option))
        let vm = try #require(try store.nodeInstance(deployment: "centos", instanceID: "qemu_vm-1"))
        guard case .object(let params)? = vm.runtimeProperties["params"], case .array(let disks)? = params["disks"],
              case .array(let networks)? = params["networks"], case .object(let nic)? = networks.first else {
            Issue.record("params of qemu_vm-1: \(vm.runtimeProperties)")
            return
        }
        // create stored the node's params with create's inputs; the script added the rest.
        #expect(params["memory_size"] == .integer(2_097_152))
        #expect(disks.count == 2)
        #expect(nic["network"] == .string("centos-common_network-1"))
        #expect(nic["mac"] == .string("52:54:00:41:00:01") && nic["type"] == .string("virtio"))

        let world = try worldText(state, deployment: "centos")
        let domain = try #require(Self.element("domain", named: "centos-qemu_vm-1", in: world))
        #expect(domain.contains("/var/lib/libvirt/images/disk_clone-1.qcow2") && domain.contains("disk_clone-1_seed.qcow2"))
        #expect(domain.contains("52:54:00:41:00:01") && domain.contains("bus='scsi'"))
        #expect(domain.contains("<readonly/>"))
        // reuse_vm adopted the domain (create inputs) and ran domain_tasks.update as its start,
        // with its start's params over the rest (the world keeps the persistent definition, so
        // the running domain's memory change shows in the run's lines).
        let reuse = try #require(try store.nodeInstance(deployment: "centos", instanceID: "reuse_vm-1"))
        #expect(reuse.adopted && reuse.objectName == "centos-qemu_vm-1")
        #expect(reuse.runtimeProperties["use_external_resource"] == .bool(true))
        guard case .object(let reuseParams)? = reuse.runtimeProperties["params"] else {
            Issue.record("params of reuse_vm-1: \(reuse.runtimeProperties)")
            return
        }
        #expect(reuseParams["memory_size"] == .integer(1_048_576))
        #expect(messages.all.contains("set the memory of domain 'centos-qemu_vm-1' on qemu:///system (simulated) to 1048576 KiB"),
                "\(messages.all)")

        let destroy = try await DeploymentRunner(store: store, scripts: ScriptRunner(ctxExecutable: BluevirtProcess.binary))
            .destroy(deployment: "centos")
        #expect(destroy.result == .destroyed, "\(destroy.failures)")
        let after = try worldText(state, deployment: "centos")
        #expect(!after.contains("centos-qemu_vm-1") && !after.contains("centos-common_network-1"))
    }

    @Test func anImageIsWrittenIntoTheVolumeAnotherNodeMadeAndDisksReadParamsPath() async throws {
        let state = try temporaryStateDirectory()
        let messages = Messages()
        let report = try await apply(Self.seedVolumeShape, deployment: "seed", stateDirectory: state, messages: messages)
        #expect(report.result == .applied, "\(report.failures)")
        let world = try worldText(state, deployment: "seed")
        // The pool without a path gets the plugin's default directory.
        #expect(world.contains("<path>/var/lib/libvirt/images/seed-common_pool-1</path>"), "\(world)")
        // One volume for the seed: the image went into cloudinit_volume's, which is raw.
        let volumes = world.components(separatedBy: "<volume").count - 1
        #expect(volumes == 3, "\(world)")
        let store = try StateStore(location: .init(directory: state, source: .option))
        let volume = try #require(try store.nodeInstance(deployment: "seed", instanceID: "cloudinit_volume-1"))
        guard case .object(let params)? = volume.runtimeProperties["params"], case .string(let path)? = params["path"] else {
            Issue.record("no params.path on cloudinit_volume-1: \(volume.runtimeProperties) \(messages.all)")
            return
        }
        #expect(path.hasSuffix("/seed-cloudinit_volume-1.raw"))
        let fortigate = try #require(Self.element("domain", named: "seed-fortigate_vm-1", in: world))
        #expect(fortigate.contains("<source file='\(path)'/>") && fortigate.contains("bus='ide'") && fortigate.contains("machine='pc"))
        let kvm = try #require(Self.element("domain", named: "seed-kvm_vm-1", in: world))
        #expect(kvm.contains("<nvram>") && kvm.contains("seed-flash_volume-1.qcow2</nvram>"), "\(kvm)")

        let destroy = try await DeploymentRunner(store: store).destroy(deployment: "seed")
        #expect(destroy.result == .destroyed, "\(destroy.failures)")
        let after = try worldText(state, deployment: "seed")
        #expect(!after.contains("seed-cloudinit_volume-1") && !after.contains("seed-common_pool-1"), "\(after)")
    }

    @Test func dryRunShowsThatConfigureRendersTheDomainAgainAndWhichScriptMayChangeIt() throws {
        let run = try #require(dryRun(Self.centosShape, deployment: "centos"))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        let vm = try #require(run.documents.objects.first { $0.instance == "qemu_vm-1" })
        #expect(vm.runtimeNote?.contains("scripts/attach_disks.py (preconfigure of the relationship to disk_clone)") ?? false,
                "\(vm.runtimeNote ?? "no note")")
        let reuse = try #require(run.documents.objects.first { $0.instance == "reuse_vm-1" })
        #expect(reuse.isExternal && reuse.name == "centos-qemu_vm-1")
        #expect(DryRunText.objects(run).contains("note: configure renders this document again"))
        #expect(DryRunJSON(run, diagnostics: run.diagnostics).objects.first { $0.instance == "qemu_vm-1" }?.note == vm.runtimeNote)
        // A backup script is accepted and named as not run by install (the backup workflow runs it).
        #expect(run.operationsNotRun == ["disk_clone: cloudify.interfaces.snapshot.create (scripts/prepare_disk.py)"])
        #expect(DryRunText.plan(run).contains("Not run by install or uninstall (accepted; other workflows run them: bluevirt run execute_operation -p operation=INTERFACE.OPERATION, backup, configuration_update, …):\n"
                                              + "  disk_clone: cloudify.interfaces.snapshot.create (scripts/prepare_disk.py)\n"))
    }

    @Test func aDomainNoteNamesThePlaceholdersOnlyWhenTheDocumentHasOne() throws {
        let body = { (cmdline: String) in pluginBlueprint("""
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { vcpu: 1, kernel: /boot/vmlinuz, cmdline: \(cmdline) }
            """) }
        let pending = try #require(dryRun(try temporaryBlueprint(body("{ get_attribute: [SELF, boot_args] }"))))
        let vm = try #require(pending.documents.objects.first { $0.kind == .domain })
        #expect(vm.xml?.contains("<cmdline>${get_attribute: [SELF, boot_args]}</cmdline>") ?? false, "\(vm.xml ?? "no XML")")
        #expect(vm.runtimeNote?.hasSuffix("; each ${…} is a value known only then") ?? false, "\(vm.runtimeNote ?? "no note")")

        let known = try #require(dryRun(try temporaryBlueprint(body("console=ttyS0"))))
        let plain = try #require(known.documents.objects.first { $0.kind == .domain })
        #expect(plain.runtimeNote?.contains("${") == false, "\(plain.runtimeNote ?? "no note")")
    }

    @Test func thePluginsDiskShapesRenderSchemaValidDocuments() throws {
        let run = try #require(dryRun(Self.seedVolumeShape, deployment: "seed"))
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        for object in run.documents.objects where object.xml != nil {
            // Values known only at run time are placeholders; a path stands in for them here.
            let xml = object.xml!.replacingOccurrences(of: #"\$\{[^}]*\}"#, with: "/var/lib/libvirt/images/x.img", options: .regularExpression)
            #expect(try schemaProblems(of: xml, kind: object.kind) == nil, "\(object.name): \(xml)")
        }
        let pool = try #require(run.documents.objects.first { $0.kind == .pool })
        #expect(pool.xml?.contains("<path>/var/lib/libvirt/images/seed-common_pool-1</path>") ?? false)
        let image = try #require(run.documents.objects.first { $0.kind == .iso9660 })
        #expect(image.imagePreview?.label == "config-2")
        #expect(image.imagePreview?.files.contains { $0.path == "openstack/content/0000" && $0.text == "(the bytes of files/license.lic)" } ?? false)
        let seedVolume = try #require(run.documents.objects.first { $0.instance == "cloudinit_volume-1" })
        #expect(seedVolume.name == "seed-cloudinit_volume-1.raw" && seedVolume.xml?.contains(#"<format type="raw"/>"#) ?? false)
    }

    @Test func tasksOfThePluginAreCheckedWhereTheBlueprintMapsThem() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              net:
                type: cloudify.libvirt.network
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: libvirt.cloudify_libvirt.network_tasks.craete
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    start: libvirt.cloudify_libvirt.domain_tasks.snapshot_create
                    stop: libvirt.cloudify_libvirt.network_tasks.delete
                  cloudify.interfaces.snapshot:
                    create: libvirt.cloudify_libvirt.domain_tasks.snapshot_create
                relationships:
                  - target: net
                    type: cloudify.libvirt.relationships.connected_to
            """))
        let run = try #require(dryRun(path))
        let found = errors(run.diagnostics).map { "\($0.code.id) \($0.message)" }
        #expect(found.contains { $0.hasPrefix("BV0845 operation 'create' of node template 'net' runs 'libvirt.cloudify_libvirt.network_tasks.craete'") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("BV0846 operation 'start' of node template 'vm'") && $0.contains("backup task") }, "\(found)")
        #expect(found.contains { $0.hasPrefix("BV0847 operation 'stop' of node template 'vm' runs 'network_tasks.delete'") }, "\(found)")
        #expect(found.count == 3, "\(found)")
        let unknown = try #require(run.diagnostics.first { $0.code.id == "BV0845" })
        #expect(unknown.notes.contains { $0.message == "did you mean 'libvirt.cloudify_libvirt.network_tasks.create'?" })
    }

    /// A plugin the blueprint declares itself passes the blueprint's checks; a task of it that
    /// install or uninstall would run is a warning before anything runs, not news at that step.
    @Test func tasksOfAPluginBluevirtDoesNotRunAreReportedWhereInstallWouldRunThem() throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            plugins:
              myplug: { executor: central_deployment_agent, source: myplug }
            node_templates:
              app:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: myplug.tasks.create
                    start: scripts/start.sh
                    delete: myplug.tasks.delete
                  my.custom:
                    poke: myplug.tasks.poke
              other:
                type: cloudify.nodes.Root
                relationships:
                  - target: app
                    type: cloudify.relationships.connected_to
                    target_interfaces:
                      cloudify.interfaces.relationship_lifecycle:
                        establish: myplug.tasks.link
            """), files: ["scripts/start.sh": "#!/bin/sh\n"])
        let run = try #require(dryRun(path))
        #expect(errors(run.diagnostics).isEmpty, "Cloudify accepts the blueprint: a warning")
        let found = run.diagnostics.filter { $0.code.id == "BV0848" }.map(\.message)
        #expect(found == [
            "operation 'create' of node template 'app' runs 'myplug.tasks.create', a task of plugin 'myplug' that bluevirt does not run: apply stops there",
            // It said "apply stops there" too, but destroy finishes without it.
            "operation 'delete' of node template 'app' runs 'myplug.tasks.delete', a task of plugin 'myplug' that bluevirt does not run: destroy goes on without it",
            "target operation 'establish' of the relationship from 'other' to 'app' runs 'myplug.tasks.link', a task of plugin 'myplug' that bluevirt does not run: apply stops there",
        ], "the custom interface's task is not run by install, so it is not reported")

        // An imported plugin's task bluevirt does not run (fabric runs run_commands and run_script only).
        let fabric = try temporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/6.4.0/types.yaml
              - plugin:cloudify-fabric-plugin
            node_templates:
              remote:
                type: cloudify.nodes.Root
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create: fabric.fabric_plugin.tasks.run_commands
                    configure: fabric.fabric_plugin.tasks.run_task
            """)
        let fabricRun = try #require(dryRun(fabric))
        #expect(fabricRun.diagnostics.filter { $0.code.id == "BV0848" }.map(\.message) == [
            "operation 'configure' of node template 'remote' runs 'fabric.fabric_plugin.tasks.run_task', a task of plugin 'fabric' that bluevirt does not run: apply stops there",
        ])
        // What to run instead: fabric's own tasks that bluevirt runs.
        #expect(fabricRun.diagnostics.first { $0.code.id == "BV0848" }?.notes.last?.message
                == "the fabric plugin's run_task runs a Python fabric task on the machine; run its commands with fabric.fabric_plugin.tasks.run_commands (input commands) or a script with fabric.fabric_plugin.tasks.run_script (input script_path), over ssh as fabric does")
    }

    /// A workflow of the blueprint that `bluevirt run` would refuse is a warning at validate and
    /// dry-run; the built-in files' workflows (Cloudify's check_status, …) are not reported.
    @Test func aWorkflowOfAnotherPluginIsAWarningWhereItIsMapped() throws {
        let path = try temporaryBlueprint("""
            tosca_definitions_version: cloudify_dsl_1_3
            imports:
              - http://www.getcloudify.org/spec/cloudify/6.4.0/types.yaml
              - plugin:cloudify-utilities-plugin
            node_templates:
              app: { type: cloudify.nodes.Root }
            workflows:
              hooks: cloudify_hooks_workflow.cloudify_hooks_workflow.tasks.run_workflow
              flat:
                mapping: cloudify_custom_workflow.cloudify_custom_workflow.tasks.customwf
                parameters:
                  nodes_to_runon: { default: [app] }
                  operations_to_execute: { default: [] }
              local: scripts/wf.sh
            """, files: ["scripts/wf.sh": "#!/bin/sh\n"])
        let run = try #require(dryRun(path))
        #expect(errors(run.diagnostics).isEmpty, "Cloudify accepts the blueprint: a warning")
        let found = run.diagnostics.filter { $0.code.id == "BV0874" }
        #expect(found.map(\.message) == [
            "workflow 'hooks' maps to 'cloudify_hooks_workflow.cloudify_hooks_workflow.tasks.run_workflow', which bluevirt does not run: `bluevirt run hooks` refuses it",
        ])
        #expect(found.first?.severity == .warning)
        #expect(found.first?.range.start.line == 8)
    }

    @Test func aResumedApplyAfterAnInputChangedRendersTheDomainFromTheNewValue() async throws {
        let path = try temporaryBlueprint(pluginBlueprint("""
            inputs:
              memory: { type: integer }
              fail: { type: boolean, default: false }
            node_templates:
              checker:
                type: cloudify.nodes.Root
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: { memory_size: { get_input: memory }, wait_for_ip: false }
                relationships:
                  - target: checker
                    type: cloudify.relationships.depends_on
                    source_interfaces:
                      cloudify.interfaces.relationship_lifecycle:
                        preconfigure:
                          implementation: scripts/check.sh
                          inputs: { fail: { get_input: fail } }
            """), files: ["scripts/check.sh": "#!/bin/sh\nif [ \"$fail\" = true ]; then echo 'not now' >&2; exit 3; fi\n"])
        try FileManager.default.setAttributes([.posixPermissions: 0o755],
                                              ofItemAtPath: URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("scripts/check.sh").path)
        let state = try temporaryStateDirectory()
        let failed = try await apply(path, deployment: "fix", stateDirectory: state, inputs: ["memory=1048576", "fail=true"])
        #expect(failed.result == .failed)
        let store = try StateStore(location: .init(directory: state, source: .option))
        guard case .object(let stored)? = try store.nodeInstance(deployment: "fix", instanceID: "vm-1")?.runtimeProperties["params"] else {
            Issue.record("create stored no params")
            return
        }
        #expect(stored["memory_size"] == .integer(1_048_576))

        let fixed = try await apply(path, deployment: "fix", stateDirectory: state, inputs: ["memory=2097152", "fail=false"])
        #expect(fixed.result == .applied, "\(fixed.failures)")
        let domain = try #require(Self.element("domain", named: "fix-vm-1", in: try worldText(state, deployment: "fix")))
        #expect(domain.contains("<currentMemory unit='KiB'>2097152</currentMemory>"), "\(domain)")
    }

    /// bluevirt names every object before it exists, so a domain's params may use its own name
    /// at configure, before the define records it (the e2e blueprint's serial log path).
    @Test func aDomainsParamsReadItsOwnPlannedNameAtConfigure() async throws {
        let state = try temporaryStateDirectory()
        let blueprint = state.appendingPathComponent("own-name.yaml")
        try """
            tosca_definitions_version: cloudify_dsl_1_3
            imports: [ http://cloudify.co/spec/cloudify/6.4.0/types.yaml, plugin:cloudify-libvirt-plugin ]
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params:
                    wait_for_ip: false
                    serial_file: { concat: [ '/tmp/serial-', { get_attribute: [ SELF, resource_id ] }, '.log' ] }
            """.write(to: blueprint, atomically: true, encoding: .utf8)
        let report = try await apply(blueprint.path, deployment: "own", stateDirectory: state)
        #expect(report.result == .applied, "\(report.failures)")
        let domain = try #require(Self.element("domain", named: "own-vm-1", in: try worldText(state, deployment: "own")))
        #expect(domain.contains("/tmp/serial-own-vm-1.log"), "\(domain)")
    }

    // MARK: helpers

    private func apply(_ path: String, deployment: String, stateDirectory: URL, messages: Messages = Messages(),
                       inputs: [String] = []) async throws -> RunReport {
        let loaded = BlueprintLoader.load(path: path, inputs: inputs.compactMap { ProvidedInput.parse(assignment: $0).0 })
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        let run = DryRun(blueprint: blueprint, deployment: deployment)
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
        let runner = DeploymentRunner(store: try StateStore(location: .init(directory: stateDirectory, source: .option)),
                                      scripts: ScriptRunner(ctxExecutable: BluevirtProcess.binary),
                                      progress: { event in messages.add(event.message) })
        return try await runner.apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: inputs.joined(separator: "\n"),
                                      connections: .init(simulate: true))
    }

    private static func worldURI(_ stateDirectory: URL, _ deployment: String) -> String {
        SimulatedWorlds(stateDirectory: stateDirectory, deployment: deployment).testURI(for: "qemu:///system")
    }

    private func worldText(_ stateDirectory: URL, deployment: String) throws -> String {
        let uri = Self.worldURI(stateDirectory, deployment)
        return try String(contentsOfFile: try #require(SimulatedWorlds.worldPath(of: uri)), encoding: .utf8)
    }

    private func temporaryStateDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-plugin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The `<kind …>…</kind>` element of the world document that holds `<name>NAME</name>`.
    static func element(_ kind: String, named name: String, in world: String) -> String? {
        for part in world.components(separatedBy: "<\(kind) ").dropFirst() {
            guard let end = part.range(of: "</\(kind)>") else { continue }
            let element = String(part[..<end.lowerBound])
            if element.contains("<name>\(name)</name>") { return element }
        }
        return nil
    }
}

/// The lines a run reported, in order.
private final class Messages: Sendable {
    private let lines = Mutex<[String]>([])

    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
