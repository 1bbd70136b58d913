import CLibvirt
import Dispatch
import Platform
import Synchronization

/// Why libvirt refused a document.
public struct XMLSchemaRejection: Sendable, Equatable {
    /// libvirt's error, code ``LibvirtError/Code/xmlInvalidSchema`` for a schema violation.
    public var error: LibvirtError

    /// The lines of libvirt's message that say what is wrong, without the preamble naming the
    /// schema file: e.g. ["Element domain has extra content: bogus"]. Without such a preamble,
    /// every line of the message.
    public var reasons: [String] {
        let lines = error.message.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        guard let preamble = lines.firstIndex(where: { $0.contains("Unable to validate doc against") }),
              preamble + 1 < lines.count else { return lines }
        return Array(lines[(preamble + 1)...])
    }
}

/// Checks libvirt XML documents with libvirt's own RelaxNG validation (the VALIDATE flag of the
/// define calls), as `bluevirt dry-run --validate` needs, without a daemon or a hypervisor.
///
/// Each document is defined into a private in-process test-driver world and removed again at
/// once. The worlds are private (`test:///…` URIs on `<node>` documents of their own) rather
/// than `test:///default`, because libvirt shares the default test world among all connections
/// of a process and it holds objects (`test`, `default`, `default-pool`) whose names a checked
/// document could clash with.
///
/// libvirt loads the RelaxNG schema for every document (about 6 ms of CPU for a domain), so checks
/// run in several lanes at once, one per core: each lane is a world of its own with a serial
/// queue, so two documents with the same name never meet in one world.
public final class XMLSchemaCheck: Sendable {
    /// The dir pool of each private world that volume documents are created in.
    public static let volumePoolName = "bluevirt-schema-check"

    /// One private world and the serial queue its checks run on.
    private struct Lane: Sendable {
        let connection: LibvirtConnection
        let volumePool: LibvirtStoragePool
        let queue: DispatchQueue
    }

    private let lanes: [Lane]
    /// The lane used last; checks take lanes in turn.
    private let laneCounter = Mutex(0)

    private init(lanes: [Lane]) {
        self.lanes = lanes
    }

    /// Opens the private test worlds, `lanes` of them (by default one per core). Throws if
    /// libvirt cannot open them.
    public static func open(lanes: Int = ProcessInfo.processInfo.activeProcessorCount) async throws -> XMLSchemaCheck {
        let world = """
            <node>
              <pool type='dir'>
                <name>\(volumePoolName)</name>
                <target><path>/nonexistent/\(volumePoolName)</path></target>
              </pool>
            </node>
            """
        // The test driver reads the file while opening; it is not needed afterwards.
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("bluevirt-schema-check-\(UUID().uuidString).xml")
        try world.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var opened: [Lane] = []
        for index in 0..<max(1, lanes) {
            // Every connection to a file URI is a world of its own.
            let connection = try await LibvirtConnection.open("test://" + file.path)
            let pool = try await connection.storagePool(named: volumePoolName)
            opened.append(Lane(
                connection: connection, volumePool: pool,
                queue: DispatchQueue(label: "bluevirt.libvirt.schema-check.\(index)")))
        }
        return XMLSchemaCheck(lanes: opened)
    }

    private func takeLane() -> Lane {
        let index = laneCounter.withLock { counter in
            counter = (counter + 1) % lanes.count
            return counter
        }
        return lanes[index]
    }

    /// Checks `xml` as a document of `kind`: nil if libvirt accepts it, else libvirt's reason.
    /// Throws only if the check itself fails (the accepted document cannot be removed again).
    public func check(_ xml: String, kind: LibvirtDocumentKind) async throws(LibvirtError) -> XMLSchemaRejection? {
        let lane = takeLane()
        return try await LibvirtWorker.run(on: lane.queue) { () throws(LibvirtError) in
            switch kind {
            case .domain:
                guard let handle = virDomainDefineXMLFlags(lane.connection.pointer, xml, VIR_DOMAIN_DEFINE_VALIDATE.rawValue)
                else { return XMLSchemaRejection(error: .last(after: "virDomainDefineXMLFlags")) }
                defer { virDomainFree(handle) }
                try LibvirtCall.check(virDomainUndefine(handle), "virDomainUndefine")
            case .network:
                guard let handle = virNetworkDefineXMLFlags(lane.connection.pointer, xml, VIR_NETWORK_DEFINE_VALIDATE.rawValue)
                else { return XMLSchemaRejection(error: .last(after: "virNetworkDefineXMLFlags")) }
                defer { virNetworkFree(handle) }
                try LibvirtCall.check(virNetworkUndefine(handle), "virNetworkUndefine")
            case .pool:
                guard let handle = virStoragePoolDefineXML(lane.connection.pointer, xml, VIR_STORAGE_POOL_DEFINE_VALIDATE.rawValue)
                else { return XMLSchemaRejection(error: .last(after: "virStoragePoolDefineXML")) }
                defer { virStoragePoolFree(handle) }
                try LibvirtCall.check(virStoragePoolUndefine(handle), "virStoragePoolUndefine")
            case .volume:
                let handle: OpaquePointer
                do throws(LibvirtError) {
                    handle = try LibvirtStoragePool.createVolumeHandle(in: lane.volumePool.pointer, xml: xml, validate: true)
                } catch {
                    return XMLSchemaRejection(error: error)
                }
                defer { virStorageVolFree(handle) }
                try LibvirtCall.check(virStorageVolDelete(handle, 0), "virStorageVolDelete")
            }
            return nil
        }
    }
}
