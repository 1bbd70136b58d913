import LibvirtBackend
import StateStore

/// The incremental backups (the backup workflow's default, `snapshot_incremental: true`) that one
/// node instance has now, where the libvirt plugin's tasks keep them: a domain's libvirt
/// snapshots, a network's, pool's or volume's XML in its runtime property `backups`. Names are
/// the workflow's `snapshot_name`, the instance id and dash the plugin puts before it taken off.
/// Backups made with `snapshot_incremental: false` are files under the node's `backup_dir`.
public struct InstanceBackups: Sendable, Hashable {
    public var record: NodeInstanceRecord
    public var names: [String]
    /// Why libvirt could not be asked for a domain's snapshots.
    public var problem: String?

    /// The backups of every instance whose object the state says exists, each domain looked up
    /// on its recorded connection.
    public static func find(_ records: [NodeInstanceRecord], connections: LibvirtConnectionPool = LibvirtConnectionPool()) async -> [InstanceBackups] {
        var found: [InstanceBackups] = []
        for record in records where existing.contains(record.state) {
            let prefix = record.instanceID + "-"
            do {
                let stored = try await backupNames(of: record, connections: connections)
                let names = stored.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
                found.append(InstanceBackups(record: record, names: names.sorted()))
            } catch {
                found.append(InstanceBackups(record: record, names: [], problem: "\(InstanceStatus.cannotAsk) \(error)"))
            }
        }
        return found
    }

    private static let existing: Set<NodeInstanceState> = [.created, .configured, .started, .stopped]

    private static func backupNames(of record: NodeInstanceRecord, connections: LibvirtConnectionPool) async throws -> [String] {
        guard record.objectKind == LibvirtObjectKind.domain.rawValue else {
            guard case .object(let backups)? = record.runtimeProperties["backups"] else { return [] }
            return Array(backups.keys)
        }
        guard let uri = record.connectionURI, let name = record.objectName else { return [] }
        let connection = try await connections.connection(for: uri)
        guard let domain = try await LibvirtObjectBackend.missingIsNil({ try await connection.domain(named: name) }) else { return [] }
        return try await domain.snapshotNames()
    }
}
