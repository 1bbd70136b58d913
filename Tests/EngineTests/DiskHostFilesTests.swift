@testable import Engine
import Foundation
import LibvirtBackend
import Testing

/// Issue 13 §2: a domain's disk files and a dir pool's directory are looked for on their host,
/// and their absence is an error naming the path and the host.
@Suite struct DiskHostFilesTests {
    static let uri = ProcessInfo.processInfo.environment["BLUEVIRT_TEST_LIBVIRT_URI"]

    @Test func aDomainDocumentsDiskFilesAreReadUnescapedAndOthersLeftOut() {
        let xml = """
            <domain type='kvm'><devices>
              <disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/srv/images/base&amp;co.qcow2'/><target dev='vda'/></disk>
              <disk type="file" device="cdrom"><source file="/var/lib/libvirt/images/seed.iso"/><target dev='hdc'/></disk>
              <disk type='volume' device='disk'><source pool='default' volume='data.qcow2'/><target dev='vdb'/></disk>
              <disk type='file' device='cdrom'><target dev='hdd'/></disk>
            </devices></domain>
            """
        #expect(DomainHostFiles.diskFiles(in: xml) == ["/srv/images/base&co.qcow2", "/var/lib/libvirt/images/seed.iso"])
    }

    @Test func aDirPoolsTargetIsReadAndOtherPoolTypesHaveNone() {
        #expect(PoolHostDirectory.path(in: "<pool type='dir'><name>p</name><target><path>/srv/pool</path></target></pool>") == "/srv/pool")
        #expect(PoolHostDirectory.path(in: "<pool type=\"dir\">\n<name>p</name>\n<target>\n<path> /srv/pool </path>\n</target></pool>") == "/srv/pool")
        #expect(PoolHostDirectory.path(in: "<pool type='logical'><name>vg</name><target><path>/dev/vg</path></target></pool>") == nil)
    }

    @Test(.enabled(if: uri != nil, "needs BLUEVIRT_TEST_LIBVIRT_URI: a libvirtd with the storage driver; scripts/test.sh starts one as root"))
    func aMissingDiskFileIsNamedWithItsHostAndAPresentOneIsNot() async throws {
        let uri = try #require(Self.uri)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bvtest-disks-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let present = folder.appendingPathComponent("present.qcow2").path
        try Data("disk".utf8).write(to: URL(fileURLWithPath: present))
        let missing = folder.appendingPathComponent("missing.qcow2").path
        func domain(disk: String) -> ManagedObject {
            ManagedObject(kind: .domain, name: "disks", connection: uri, xml: """
                <domain type='qemu'><name>disks</name><devices>
                <disk type='file' device='disk'><source file='\(disk)'/><target dev='vda'/></disk></devices></domain>
                """, adopted: false, deployment: "disks", instance: "vm-1")
        }
        let connection = try await LibvirtConnection.open(uri)
        try await DomainHostFiles.check(domain(disk: present), xml: domain(disk: present).xml!, on: connection)
        do {
            try await DomainHostFiles.check(domain(disk: missing), xml: domain(disk: missing).xml!, on: connection)
            Issue.record("a missing disk file was not reported")
        } catch {
            #expect("\(error)".contains("the disk '\(missing)'"), "\(error)")
            #expect("\(error)".contains("is not on host localhost"), "\(error)")
        }
    }

    @Test(.enabled(if: uri != nil, "needs BLUEVIRT_TEST_LIBVIRT_URI: a libvirtd with the storage driver; scripts/test.sh starts one as root"))
    func aDirPoolWhoseDirectoryIsMissingOnItsHostIsNamedWithTheHost() async throws {
        let uri = try #require(Self.uri)
        let name = "bvtest-nodir-\(UUID().uuidString.prefix(8).lowercased())"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(name).appendingPathComponent("pool").path
        let xml = "<pool type='dir'><name>\(name)</name><target><path>\(directory)</path></target></pool>"
        let connection = try await LibvirtConnection.open(uri)
        let pool = try await connection.defineStoragePool(xml: xml)
        let object = ManagedObject(kind: .pool, name: name, connection: uri, xml: xml, adopted: false, deployment: "nodir", instance: "pool-1")
        do {
            try await PoolHostDirectory.start(pool, of: object)
            Issue.record("a pool over a missing directory started")
            try? await pool.destroy()
        } catch {
            #expect("\(error)".contains("the directory '\(directory)' of"), "\(error)")
            #expect("\(error)".contains("on host localhost"), "\(error)")
        }
        try await pool.undefine()
    }
}
