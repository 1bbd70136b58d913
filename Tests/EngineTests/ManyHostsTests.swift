import Blueprint
@testable import Engine
import Foundation
import LibvirtBackend
import StateStore
import Synchronization
import Testing

/// One deployment over two libvirt connections (hosts): two in-process test-driver worlds,
/// `test:///default` and a `test:///PATH` world, named per node in `libvirt_auth`.
struct ManyHostsTests {
    @Test func hostNamesComeFromTheConnectionURI() {
        #expect(ConnectionHost.name(of: "qemu+ssh://root@kvm1:2222/system?keyfile=/k&no_verify=1") == "kvm1")
        #expect(ConnectionHost.name(of: "qemu+tcp://10.203.0.2/system") == "10.203.0.2")
        #expect(ConnectionHost.name(of: "qemu+tls://[fd00::2]/system") == "[fd00::2]")
        #expect(ConnectionHost.name(of: "qemu:///system") == "localhost")
        #expect(ConnectionHost.name(of: "test:///default") == "localhost")
    }

    @Test func credentialsComeFromSecretsNamedAfterTheHostAndNeverShow() {
        let lookup = HostCredentials.lookup(in: ["libvirt_auth.kvm1.username": "admin", "libvirt_auth.kvm1.password": "s3cret-pass"])
        let kvm1 = lookup("qemu+libssh2://kvm1/system")
        #expect(kvm1.username == "admin" && kvm1.passphrase == "s3cret-pass")
        #expect(!"\(kvm1)".contains("s3cret-pass") && !"\(kvm1)".contains("admin"))
        let other = lookup("qemu+tcp://kvm2/system")
        #expect(other.username == nil && other.passphrase == nil)
    }

    /// A test world answers the auth callback's absence as any local driver does: opening with
    /// credentials and keepalive works and gives one shared connection per URI.
    @Test func oneConnectionPerHostReusedWithKeepaliveOptions() async throws {
        let world = try Self.emptyWorld()
        defer { Self.remove(world) }
        let pool = LibvirtConnectionPool(options: ConnectionOptions(keepaliveInterval: 1, keepaliveCount: 1,
                                                                    credentials: HostCredentials.lookup(in: [:])))
        let first = try await pool.connection(for: "test:///default")
        let again = try await pool.connection(for: "test:///default")
        let other = try await pool.connection(for: world)
        #expect(first === again && first !== other)
        #expect(first.isAlive && other.isAlive)
        #expect(Set(await pool.uris.compactMap { $0 }) == ["test:///default", world])
    }

    /// A host lost during apply: its steps fail naming it, the other host's steps finish, the
    /// state records exactly what exists, and the next apply (host back) converges.
    @Test func aLostHostFailsItsStepsAndTheOtherHostFinishes() async throws {
        let world = try Self.emptyWorld()
        defer { Self.remove(world) }
        let path = try temporaryBlueprint(pluginBlueprint("""
            node_templates:
              lan_a:
                type: cloudify.libvirt.network
                properties:
                  libvirt_auth: test:///default
                  params: { dev: bvmh0, forwards: [], ips: [ { address: 10.251.41.1, netmask: 255.255.255.0 } ] }
              lan_b:
                type: cloudify.libvirt.network
                properties:
                  libvirt_auth: \(world)
                  params: { dev: bvmh1, forwards: [], ips: [ { address: 10.251.42.1, netmask: 255.255.255.0 } ] }
            """), name: "twohosts.yaml")
        let loaded = BlueprintLoader.load(path: path, inputs: [])
        let blueprint = try #require(loaded.blueprint, "\(describe(loaded.diagnostics))")
        let run = DryRun(blueprint: blueprint, deployment: "twohosts")
        try #require(!run.diagnostics.hasErrors, "\(describe(run.diagnostics))")
        let stateDirectory = try Self.stateDirectory()
        defer { try? FileManager.default.removeItem(at: stateDirectory) }
        let store = try StateStore(location: .init(directory: stateDirectory, source: .option))

        let pool = LibvirtConnectionPool()
        await pool.markUnreachable(world, because: LibvirtError(code: .systemError, domain: .rpc,
                                                                 message: "End of file while reading data", operation: "virNetworkDefineXMLFlags"))
        let events = ProgressEventLog()
        let failed = try await DeploymentRunner(store: store, backend: LibvirtObjectBackend(connections: pool), jobsPerHost: 1,
                                                progress: { events.add($0) })
            .apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "", connections: .init())
        #expect(failed.result == .failed)
        let failure = try #require(failed.failures.first)
        #expect(failed.failures.count == 1 && failure.instance?.hasPrefix("lan_b") == true)
        #expect(failure.message.contains("host localhost is unreachable (\(world))") && failure.message.contains("End of file"))
        let records = try store.nodeInstances(deployment: "twohosts")
        #expect(records.first { $0.nodeName == "lan_a" }?.state == .created)
        #expect(records.first { $0.nodeName == "lan_b" }?.state != .created)
        #expect(events.all.contains { $0.kind == .failed && $0.host == "localhost" })
        let defaultWorld = try await pool.connection(for: "test:///default")
        #expect(try await defaultWorld.allNetworks().map(\.name).contains("twohosts-lan_a-1"))

        // The host is back (a fresh run): the deployment converges on both.
        let converged = try await DeploymentRunner(store: store, backend: LibvirtObjectBackend(connections: LibvirtConnectionPool()))
            .apply(blueprint: blueprint, blueprintPath: path, run: run, inputsText: "", connections: .init())
        #expect(converged.result == .applied)
        #expect(try store.nodeInstances(deployment: "twohosts").allSatisfy { $0.state == .started })
    }

    @Test func bootFilesAreReadFromTheDomainDocument() {
        let files = DomainHostFiles.bootFiles(in: """
            <domain type='qemu'><os><type>hvm</type><kernel>/srv/tiny/vmlinuz</kernel>
            <initrd> /srv/tiny/initrd.gz </initrd><cmdline>console=ttyS0</cmdline></os></domain>
            """)
        #expect(files.map(\.element) == ["kernel", "initrd"] && files.map(\.path) == ["/srv/tiny/vmlinuz", "/srv/tiny/initrd.gz"])
        #expect(DomainHostFiles.bootFiles(in: "<domain><os><type>hvm</type><boot dev='hd'/></os></domain>").isEmpty)
    }

    @Test func connectionLossIsToldApartFromRefusals() {
        #expect(LibvirtError(code: .systemError, domain: .rpc, message: "Connection refused", operation: "virConnectOpenAuth").isConnectionLost)
        #expect(LibvirtError(code: .internalError, domain: .rpc, message: "connection closed due to keepalive timeout", operation: "x").isConnectionLost)
        #expect(!LibvirtError(code: .noDomain, domain: .qemu, message: "no domain", operation: "x").isConnectionLost)
        #expect(!LibvirtError(code: .operationFailed, domain: .qemu, message: "refused", operation: "x").isConnectionLost)
    }

    @Test func perHostParallelismBoundsEachHostAlone() async {
        let graph = WorkGraph(steps: (0..<6).map { WorkStep(key: "s\($0)", instance: "s\($0)", operation: .create, description: "s\($0)", dependencies: []) })
        let gauge = Gauge()
        let host: @Sendable (WorkStep) -> String? = { ($0.key.last?.wholeNumberValue ?? 0) % 2 == 0 ? "a" : "b" }
        let outcome = await Executor(parallelism: 4, perHost: 1, host: host).run(
            graph, alreadyFinished: [], runtimeProperties: [:],
            perform: { step, _ in
                gauge.enter(host(step)!)
                try await Task.sleep(for: .milliseconds(30))
                gauge.leave(host(step)!)
                return [:]
            },
            record: { _ in })
        #expect(outcome.succeeded && outcome.ran == 6)
        #expect(gauge.most == ["a": 1, "b": 1])
        #expect(gauge.mostOverall == 2)
    }

    /// An ordinary failure stops the run; a lost host lets steps that do not wait for it go on.
    @Test func anUnreachableHostDoesNotStopIndependentSteps() async {
        let graph = WorkGraph(steps: [
            WorkStep(key: "a0", instance: "a0", operation: .create, description: "a0", dependencies: []),
            WorkStep(key: "b0", instance: "b0", operation: .create, description: "b0", dependencies: []),
            WorkStep(key: "a1", instance: "a1", operation: .create, description: "a1", dependencies: [0]),
            WorkStep(key: "b1", instance: "b1", operation: .create, description: "b1", dependencies: [1]),
        ])
        for lost in [true, false] {
            let started = Mutex<[String]>([])
            let outcome = await Executor(parallelism: 1).run(
                graph, alreadyFinished: [], runtimeProperties: [:],
                perform: { step, _ in
                    started.withLock { $0.append(step.key) }
                    guard step.key == "a0" else { return [:] }
                    let cause: any Error = lost ? HostUnreachable(host: "kvm1", uri: "qemu+tcp://kvm1/system", reason: "End of file")
                        : BackendFailureForTest()
                    throw OperationFailure(instance: "a0", step: "a0", object: nil, cause: cause)
                },
                record: { _ in })
            #expect(outcome.failures.map(\.step) == ["a0"])
            #expect(started.withLock { $0 } == (lost ? ["a0", "b0", "b1"] : ["a0"]))
        }
    }

    // MARK: helpers

    /// A `test:///PATH` world with nothing in it: a second "host".
    private static func emptyWorld() throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-hosts-\(UUID().uuidString).world")
        try "<node></node>\n".write(to: file, atomically: true, encoding: .utf8)
        return "test://" + file.path
    }

    private static func remove(_ worldURI: String) {
        try? FileManager.default.removeItem(atPath: String(worldURI.dropFirst("test://".count)))
    }

    private static func stateDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-hosts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }
}

private struct BackendFailureForTest: Error {}

/// The most steps running at once, per host and overall.
private final class Gauge: Sendable {
    private let state = Mutex<(now: [String: Int], most: [String: Int], overall: Int, mostOverall: Int)>(([:], [:], 0, 0))
    func enter(_ host: String) {
        state.withLock { state in
            state.now[host, default: 0] += 1
            state.overall += 1
            state.most[host] = max(state.most[host] ?? 0, state.now[host]!)
            state.mostOverall = max(state.mostOverall, state.overall)
        }
    }
    func leave(_ host: String) {
        state.withLock { state in
            state.now[host, default: 1] -= 1
            state.overall -= 1
        }
    }
    var most: [String: Int] { state.withLock { $0.most } }
    var mostOverall: Int { state.withLock { $0.mostOverall } }
}
