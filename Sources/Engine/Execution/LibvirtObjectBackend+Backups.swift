import Platform
import LibvirtBackend
import StateStore

/// The libvirt plugin's backup and statistics tasks, as its domain_tasks.py, network_tasks.py,
/// pool_tasks.py and volume_tasks.py do them. Domains: an incremental backup is a libvirt
/// snapshot; otherwise the domain's XML, and with `full_dump` its memory, go to files under the
/// backup directory. Networks, pools and volumes: their XML, kept in the runtime property
/// `backups` (incremental) or in a file. Where the plugin's restore of an XML backup only
/// reports the difference, bluevirt restores a network (and a domain's definition) from it.
extension LibvirtObjectBackend {
    func perform(_ task: BackupTask, on object: ManagedObject, request: @autoclosure () throws -> BackupRequest) async throws -> BackupOutcome {
        let connection = try await connections.connection(for: object.connection)
        switch (task, object.kind) {
        case (.statistics, .domain):
            return try await statistics(of: domain(object, on: connection), label: object.label, simulated: object.connection.hasPrefix("test:"))
        case (.statistics, _):
            throw BackendProblem("the libvirt plugin's statistics task samples domains, and \(object.label) is a \(object.kind.rawValue)")
        case (_, .domain):
            return try await domainBackup(task, domain(object, on: connection), on: connection, object: object, request: request())
        case (_, .network), (_, .pool), (_, .volume):
            return try await xmlBackup(task, object: object, on: connection, request: request())
        case (_, .iso9660):
            throw BackendProblem("the libvirt plugin has no backup task for ISO images (\(object.label))")
        }
    }

    // MARK: domains

    private func domainBackup(_ task: BackupTask, _ domain: LibvirtDomain, on connection: LibvirtConnection,
                              object: ManagedObject, request: BackupRequest) async throws -> BackupOutcome {
        let name = request.backupName
        let fileManager = FileManager.default
        switch (task, request.incremental, request.fullDump) {
        case (.snapshotCreate, true, _):
            guard try await !domain.snapshotNames().contains(name) else { throw BackendProblem("Snapshot \(name) already exists. \(request.existingHint(deployment: object.deployment))") }
            let domainXML = try await domain.xmlDescription()
            if let disk = Self.writableDiskLibvirtKeepsInSnapshots(domainXML) {
                throw BackendProblem("""
                    the domain's disk '\(disk.target)' (\(disk.format.isEmpty ? "no format" : disk.format)) cannot hold an \
                    internal snapshot, and libvirt leaves a writable disk out of one only when the domain's <disk> says \
                    snapshot="no": write snapshot="no" on that disk in the domain's template (the built-in templates do), make it \
                    qcow2, or back the domain up with -p snapshot_incremental=false (its XML)
                    """)
            }
            let xml = Self.snapshotDocument(name: name, description: request.snapshotType, domainXML: domainXML)
            let made = try await domain.createSnapshot(xml: xml)
            return BackupOutcome(notes: ["Snapshot name: \(made) (\(object.label))"])
        case (.snapshotCreate, false, true):
            let dump = request.dumpFile(of: object.name)
            guard !fileManager.fileExists(atPath: dump.path) else { throw BackendProblem("Backup \(request.snapshotName) already exists: \(dump.path). \(request.existingHint(deployment: object.deployment))") }
            try fileManager.createDirectory(at: request.directory, withIntermediateDirectories: true)
            // virDomainSave stops the domain; restoring the dump at once keeps it running.
            let definition = try await domain.xmlDescription(inactive: true)
            try await domain.save(to: dump.path)
            try await connection.restoreDomain(from: dump.path)
            try await keepDefinition(object, definition: definition, on: connection)
            return BackupOutcome(notes: ["Backup \(request.snapshotName) is created: memory of \(object.label) in \(dump.path)"])
        case (.snapshotCreate, false, false):
            let file = request.xmlFile(of: object.name)
            guard !fileManager.fileExists(atPath: file.path) else { throw BackendProblem("Backup \(request.snapshotName) already exists: \(file.path). \(request.existingHint(deployment: object.deployment))") }
            try fileManager.createDirectory(at: request.directory, withIntermediateDirectories: true)
            try Data(try await domain.xmlDescription().utf8).write(to: file)
            return BackupOutcome(notes: ["Backup \(request.snapshotName) is created: \(file.path)"])
        case (.snapshotApply, true, _):
            guard try await domain.snapshotNames().contains(name) else { throw BackendProblem("No snapshots found with name: \(name) (\(object.label)). \(request.missingHint(deployment: object.deployment))") }
            try await domain.revert(toSnapshot: name)
            return BackupOutcome(notes: ["Reverted to: \(name) (\(object.label))"])
        case (.snapshotApply, false, true):
            let dump = request.dumpFile(of: object.name)
            guard fileManager.fileExists(atPath: dump.path) else { throw BackendProblem("No backups found with name: \(request.snapshotName) (no \(dump.path)). \(request.missingHint(deployment: object.deployment))") }
            let definition = try await domain.xmlDescription(inactive: true)
            if try await domain.isActive() { try await domain.destroy() }
            try await connection.restoreDomain(from: dump.path)
            try await keepDefinition(object, definition: definition, on: connection)
            return BackupOutcome(notes: ["Restored to: \(request.snapshotName) (\(object.label) from \(dump.path))"])
        case (.snapshotApply, false, false):
            let file = request.xmlFile(of: object.name)
            guard let backup = try? String(contentsOf: file, encoding: .utf8), !backup.isEmpty else {
                throw BackendProblem("No backups found with name: \(request.snapshotName) (no \(file.path)). \(request.missingHint(deployment: object.deployment))")
            }
            let current = try await domain.xmlDescription()
            guard backup.trimmingWhitespaceAndNewlines() != current.trimmingWhitespaceAndNewlines() else {
                return BackupOutcome(notes: ["Already used such configuration: \(request.snapshotName)"])
            }
            _ = try await connection.defineDomain(xml: backup)
            return BackupOutcome(notes: ["Restored to: \(request.snapshotName): defined \(object.label) from \(file.path) (a running domain takes it at its next start)"])
        case (.snapshotDelete, true, _):
            guard try await domain.snapshotNames().contains(name) else { throw BackendProblem("No snapshots found with name: \(name) (\(object.label)). \(request.missingHint(deployment: object.deployment))") }
            let children = try await domain.snapshotChildren(of: name)
            guard children.isEmpty else {
                throw BackendProblem("Sub snapshots \(children) found for \(name). You should remove subsnaphots before remove current.")
            }
            try await domain.deleteSnapshot(named: name)
            return BackupOutcome(notes: ["Backup deleted: \(request.snapshotName) (\(object.label))"])
        case (.snapshotDelete, false, let full):
            let file = full ? request.dumpFile(of: object.name) : request.xmlFile(of: object.name)
            guard fileManager.fileExists(atPath: file.path) else { throw BackendProblem("No backups found with name: \(request.snapshotName) (no \(file.path)). \(request.missingHint(deployment: object.deployment))") }
            try fileManager.removeItem(at: file)
            return BackupOutcome(notes: ["Backup deleted: \(request.snapshotName) (\(file.path))"])
        case (.statistics, _, _):
            return BackupOutcome()
        }
    }

    /// A restored memory dump runs as a transient domain; it gets its persistent definition back.
    private func keepDefinition(_ object: ManagedObject, definition: String, on connection: LibvirtConnection) async throws {
        let restored = try await connection.domain(named: object.name)
        if try await !restored.isPersistent() { _ = try await connection.defineDomain(xml: definition) }
    }

    /// The snapshot document: the plugin's snapshot.xml (name, description), each disk that
    /// cannot hold an internal snapshot (not qcow2, or a cdrom) left out of it. The plugin's
    /// external `<source file='FILE.NAME'/>` per qcow2 disk is not used: libvirt 9.0 cannot
    /// revert to external snapshots.
    /// A writable disk that cannot hold an internal snapshot and that the domain does not mark
    /// `snapshot="no"`: libvirt refuses to leave it out of a snapshot ("must use snapshot mode
    /// 'internal'").
    static func writableDiskLibvirtKeepsInSnapshots(_ domainXML: String) -> DomainDisks.Disk? {
        DomainDisks.of(domainXML).first { disk in
            disk.format != "qcow2" && disk.device != "cdrom" && !disk.readonly && disk.snapshot != "no"
        }
    }

    static func snapshotDocument(name: String, description: String, domainXML: String) -> String {
        var disks = ""
        for disk in DomainDisks.of(domainXML) where disk.format != "qcow2" || disk.device == "cdrom" {
            disks += "<disk name='\(XMLText.attribute(disk.target))' snapshot='no'/>"
        }
        return """
            <domainsnapshot><name>\(XMLText.escaped(name))</name><description>\(XMLText.escaped(description))</description>\
            \(disks.isEmpty ? "" : "<disks>\(disks)</disks>")</domainsnapshot>
            """
    }

    // MARK: networks, pools, volumes

    private func xmlBackup(_ task: BackupTask, object: ManagedObject, on connection: LibvirtConnection, request: BackupRequest) async throws -> BackupOutcome {
        let name = request.backupName
        let file = request.xmlFile(of: object.name)
        let fileManager = FileManager.default
        switch task {
        case .snapshotCreate:
            let current = try await xmlDescription(object, on: connection)
            if request.incremental {
                guard request.storedBackups[name] == nil else { throw BackendProblem("Snapshot \(name) already exists. \(request.existingHint(deployment: object.deployment))") }
                var backups = request.storedBackups
                backups[name] = .string(current)
                return BackupOutcome(notes: ["Snapshot \(name) is created."], properties: ["backups": .object(backups)])
            }
            guard !fileManager.fileExists(atPath: file.path) else { throw BackendProblem("Backup \(request.snapshotName) already exists: \(file.path). \(request.existingHint(deployment: object.deployment))") }
            try fileManager.createDirectory(at: request.directory, withIntermediateDirectories: true)
            try Data(current.utf8).write(to: file)
            return BackupOutcome(notes: ["Backup \(request.snapshotName) is created: \(file.path)"])
        case .snapshotApply:
            let backup: String
            if request.incremental {
                guard case .string(let stored)? = request.storedBackups[name] else { throw BackendProblem("No snapshots found with name: \(name). \(request.missingHint(deployment: object.deployment))") }
                backup = stored
            } else {
                guard let stored = try? String(contentsOf: file, encoding: .utf8), !stored.isEmpty else {
                    throw BackendProblem("No backups found with name: \(request.snapshotName) (no \(file.path)). \(request.missingHint(deployment: object.deployment))")
                }
                backup = stored
            }
            return try await restore(object, from: backup, on: connection, snapshot: request.snapshotName)
        case .snapshotDelete:
            if request.incremental {
                guard request.storedBackups[name] != nil else { throw BackendProblem("No snapshots found with name: \(name). \(request.missingHint(deployment: object.deployment))") }
                var backups = request.storedBackups
                backups[name] = nil
                return BackupOutcome(notes: ["Backup deleted: \(request.snapshotName)"], properties: ["backups": .object(backups)])
            }
            guard fileManager.fileExists(atPath: file.path) else { throw BackendProblem("No backups found with name: \(request.snapshotName) (no \(file.path)). \(request.missingHint(deployment: object.deployment))") }
            try fileManager.removeItem(at: file)
            return BackupOutcome(notes: ["Backup deleted: \(request.snapshotName) (\(file.path))"])
        case .statistics:
            return BackupOutcome()
        }
    }

    /// A network is made again from its backup when it differs or is gone (stopped, defined,
    /// started); a pool or volume, whose contents a redefinition would risk, only has the
    /// difference reported, as the plugin does for all three.
    private func restore(_ object: ManagedObject, from backup: String, on connection: LibvirtConnection, snapshot: String) async throws -> BackupOutcome {
        let current = try? await xmlDescription(object, on: connection)
        if let current, current.trimmingWhitespaceAndNewlines() == backup.trimmingWhitespaceAndNewlines() {
            return BackupOutcome(notes: ["Already used such configuration: \(snapshot)"])
        }
        guard object.kind == .network else {
            return BackupOutcome(notes: ["\(object.label) differs from backup \(snapshot); bluevirt restores networks and domains, and leaves pools and volumes as they are"])
        }
        if let network = try await Self.missingIsNil({ try await connection.network(named: object.name) }) {
            if try await network.isActive() { try await network.destroy() }
            try await network.undefine()
        }
        let network = try await connection.defineNetwork(xml: backup)
        try await network.start()
        return BackupOutcome(notes: ["Restored to: \(snapshot): \(current == nil ? "defined" : "redefined") and started \(object.label) from its backup"])
    }

    private func xmlDescription(_ object: ManagedObject, on connection: LibvirtConnection) async throws -> String {
        switch object.kind {
        case .network:
            return try await connection.network(named: object.name).xmlDescription()
        case .pool:
            return try await connection.storagePool(named: object.name).xmlDescription()
        case .volume, .iso9660:
            guard let pool = object.pool else { throw BackendProblem("\(object.label) has no pool recorded") }
            return try await connection.storagePool(named: pool).volume(named: object.name).xmlDescription()
        case .domain:
            return try await connection.domain(named: object.name).xmlDescription()
        }
    }

    // MARK: statistics

    /// The plugin's `perfomance`: the CPU use in percent over a sample (5 seconds; 0.2 on the
    /// test driver, whose times are invented) and the memory in MiB, kept in the runtime
    /// property `stat`.
    private func statistics(of domain: LibvirtDomain, label: String, simulated: Bool) async throws -> BackupOutcome {
        let interval: Duration = simulated ? .milliseconds(200) : .seconds(5)
        let before = try await domain.usage()
        try await Task.sleep(for: interval)
        let after = try await domain.usage()
        let seconds = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        let used = Double(after.cpuTime &- before.cpuTime) / 1e9
        let cpu = (100 * used / seconds).rounded(.down)
        let memoryKiB = await domain.balloonKiB() ?? after.memoryKiB
        let stat: [String: JSONValue] = ["cpu": .number(cpu), "memory": .number(Double(memoryKiB) / 1024)]
        return BackupOutcome(notes: ["Statistics of \(label): cpu \(Int(cpu))%, memory \(Double(memoryKiB) / 1024) MiB"],
                             properties: ["stat": .object(stat)])
    }

    private func domain(_ object: ManagedObject, on connection: LibvirtConnection) async throws -> LibvirtDomain {
        guard let domain = try await Self.missingIsNil({ try await connection.domain(named: object.name) }) else {
            throw BackendProblem("Failed to find the domain: \(object.label) does not exist (\(object.healHint))")
        }
        return domain
    }
}
