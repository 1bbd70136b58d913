import LibvirtBackend
import Rendering
import StateStore

/// What `status` shows of one node instance: its recorded state and object, its addresses,
/// and how libvirt's object differs from what the state says (drift).
public struct InstanceStatus: Sendable, Hashable {
    public var record: NodeInstanceRecord
    /// The recorded `ip` and interface addresses.
    public var addresses: [String]
    /// nil when libvirt agrees with the state; else what differs: `object missing`, `stopped`,
    /// `changed outside bluevirt` (an object of that name that another hand defined), or why
    /// libvirt could not be asked.
    public var drift: String?
    /// The fields where the live object's configuration differs from the document bluevirt
    /// defined (`memory: defined 524288 KiB, live 1048576 KiB`), libvirt's own additions aside.
    public var fields: [String] = []

    /// Whether the state says the instance's object exists now (it may have been created and
    /// not yet deleted); false for instances never made, deleted, or forgotten.
    public var exists: Bool {
        switch record.state {
        case .creating, .created, .configured, .started, .stopping, .stopped, .deleting: true
        // A failed step may have come after the object was made (create records resource_id).
        case .failed: record.runtimeProperties["resource_id"] != nil
        case .uninitialized, .deleted: false
        }
    }

    /// Looks up every recorded object on its recorded connection.
    /// Eight at a time: each asks libvirt a few questions and waits for the answers.
    /// `configuration: false` checks existence and state only (a run reconciling its world).
    public static func inspect(_ records: [NodeInstanceRecord], connections: LibvirtConnectionPool = LibvirtConnectionPool(),
                               configuration: Bool = true) async -> [InstanceStatus] {
        var result = [InstanceStatus?](repeating: nil, count: records.count)
        await withTaskGroup(of: (Int, InstanceStatus).self) { group in
            var next = 0
            func add() {
                guard next < records.count else { return }
                let index = next, record = records[index]
                next += 1
                group.addTask {
                    var status = InstanceStatus(record: record, addresses: addresses(of: record), drift: await drift(of: record, connections: connections))
                    if configuration, status.drift == nil {
                        status.fields = await configurationDrift(of: record, connections: connections)
                        if !status.fields.isEmpty { status.drift = "configuration differs: " + status.fields.joined(separator: "; ") }
                    }
                    return (index, status)
                }
            }
            for _ in 0..<8 { add() }
            while let (index, status) = await group.next() {
                result[index] = status
                add()
            }
        }
        return result.map { $0! }
    }

    private static func addresses(of record: NodeInstanceRecord) -> [String] {
        guard case .array(let interfaces)? = record.runtimeProperties["interfaces"] else {
            if case .string(let ip)? = record.runtimeProperties["ip"] { return [ip] }
            return []
        }
        return interfaces.flatMap { interface -> [String] in
            guard case .object(let fields) = interface, case .array(let addresses)? = fields["addrs"] else { return [] }
            return addresses.compactMap { if case .string(let text) = $0 { text } else { nil } }
        }
    }

    /// Only objects the state says exist are checked: an instance not created yet, or deleted,
    /// has no object to drift. A `stopped` instance's object was stopped on purpose (`run stop`):
    /// inactive is what the state expects of it, not drift.
    private static func drift(of record: NodeInstanceRecord, connections: LibvirtConnectionPool) async -> String? {
        let exists: Set<NodeInstanceState> = [.created, .configured, .started, .stopped]
        guard exists.contains(record.state), let uri = record.connectionURI, let name = record.objectName,
              let kind = record.objectKind.flatMap(LibvirtObjectKind.init(rawValue:)) else { return nil }
        do {
            let connection = try await connections.connection(for: uri)
            switch kind {
            case .domain:
                guard let domain = try await LibvirtObjectBackend.missingIsNil({ try await connection.domain(named: name) }) else {
                    // As in the plugin, create only stores a domain's params; configure defines it.
                    return record.state == .created && !record.adopted ? nil : objectMissing
                }
                if !record.adopted, !isOwned(record, metadata: try await domain.metadata(namespaceURI: InstanceIdentity.metadataNamespace)) {
                    return changedOutside
                }
                if record.state == .started, try await !domain.isActive() { return "stopped" }
            case .network:
                guard let network = try await LibvirtObjectBackend.missingIsNil({ try await connection.network(named: name) }) else { return objectMissing }
                if !record.adopted, !isOwned(record, metadata: try await network.xmlDescription()) { return changedOutside }
                if record.state != .stopped, try await !network.isActive() { return "stopped" }
            case .pool:
                guard let pool = try await LibvirtObjectBackend.missingIsNil({ try await connection.storagePool(named: name) }) else { return objectMissing }
                if record.state == .started, try await !pool.isActive() { return "stopped" }
            case .volume, .iso9660:
                guard case .string(let poolName)? = record.runtimeProperties["pool"],
                      let pool = try await LibvirtObjectBackend.missingIsNil({ try await connection.storagePool(named: poolName) }),
                      try await LibvirtObjectBackend.missingIsNil({ try await pool.volume(named: name) }) != nil else { return objectMissing }
            }
            return nil
        } catch {
            return "\(cannotAsk) \(error)"
        }
    }

    /// The fields of a domain's or network's live document (a domain's persistent definition)
    /// that differ from the document bluevirt defined; empty when nothing was recorded.
    private static func configurationDrift(of record: NodeInstanceRecord, connections: LibvirtConnectionPool) async -> [String] {
        guard [.created, .configured, .started, .stopped].contains(record.state), !record.adopted, let defined = record.definedDocument,
              let uri = record.connectionURI, let name = record.objectName else { return [] }
        do {
            let connection = try await connections.connection(for: uri)
            let live: String
            switch record.objectKind {
            case LibvirtObjectKind.domain.rawValue?:
                guard let domain = try await LibvirtObjectBackend.missingIsNil({ try await connection.domain(named: name) }) else { return [] }
                live = try await domain.xmlDescription(inactive: true)
            case LibvirtObjectKind.network.rawValue?:
                guard let network = try await LibvirtObjectBackend.missingIsNil({ try await connection.network(named: name) }) else { return [] }
                live = try await network.xmlDescription()
            default:
                return []
            }
            return DocumentDrift.differences(defined: defined, live: live)
        } catch {
            return []
        }
    }

    /// The drift of an object the state says exists and libvirt does not have.
    public static let objectMissing = "object missing"
    /// The start of the drift when libvirt could not be asked.
    public static let cannotAsk = "cannot ask libvirt:"

    public static let changedOutside = "changed outside bluevirt: the object of that name does not carry this instance's metadata (undefined and defined again by another hand?)"

    private static func isOwned(_ record: NodeInstanceRecord, metadata: String?) -> Bool {
        Ownership.isOwned(metadata: metadata, deployment: record.deployment, instance: record.instanceID)
    }
}
