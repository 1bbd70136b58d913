import CLibvirt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the Cloudify libvirt plugin's backup and statistics tasks need of a domain: libvirt
/// snapshots (create, revert, delete), a full memory dump (save and restore), and samples of
/// its CPU time and memory.
extension LibvirtDomain {
    /// Takes a snapshot described by `xml` (`virDomainSnapshotCreateXML`); returns its name.
    @discardableResult
    public func createSnapshot(xml: String) async throws(LibvirtError) -> String {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            defer { self.noteDefinitionChange() }
            let snapshot = try LibvirtCall.check(virDomainSnapshotCreateXML(self.pointer, xml, 0), "virDomainSnapshotCreateXML")
            defer { virDomainSnapshotFree(snapshot) }
            return try LibvirtCall.borrowString(virDomainSnapshotGetName(snapshot), "virDomainSnapshotGetName")
        }
    }

    /// The names of the domain's snapshots (`virDomainListAllSnapshots`).
    public func snapshotNames() async throws(LibvirtError) -> [String] {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            var array: UnsafeMutablePointer<OpaquePointer?>?
            let count = try LibvirtCall.value(virDomainListAllSnapshots(self.pointer, &array, 0), "virDomainListAllSnapshots")
            return LibvirtCall.takeHandles(array, count: count) { snapshot in
                defer { virDomainSnapshotFree(snapshot) }
                return virDomainSnapshotGetName(snapshot).map { String(cString: $0) } ?? ""
            }
        }
    }

    /// The XML of each of the domain's snapshots, parents before children
    /// (`virDomainSnapshotGetXMLDesc`, `VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL`), and whether it
    /// is the current one (`virDomainSnapshotIsCurrent`).
    public func snapshotDescriptions() async throws(LibvirtError) -> [(xml: String, isCurrent: Bool)] {
        try await LibvirtWorker.run { () throws(LibvirtError) in try Self.snapshotDescriptions(of: self.pointer) }
    }

    /// ``snapshotDescriptions()`` of the domain `handle`, on the calling libvirt thread.
    static func snapshotDescriptions(of handle: OpaquePointer) throws(LibvirtError) -> [(xml: String, isCurrent: Bool)] {
        var array: UnsafeMutablePointer<OpaquePointer?>?
        let flags = VIR_DOMAIN_SNAPSHOT_LIST_TOPOLOGICAL.rawValue
        let count = try LibvirtCall.value(virDomainListAllSnapshots(handle, &array, flags), "virDomainListAllSnapshots")
        let snapshots = LibvirtCall.takeHandles(array, count: count) { $0 }
        defer { snapshots.forEach { virDomainSnapshotFree($0) } }
        return try snapshots.map { snapshot throws(LibvirtError) in
            (try LibvirtCall.takeString(virDomainSnapshotGetXMLDesc(snapshot, 0), "virDomainSnapshotGetXMLDesc"),
             try LibvirtCall.value(virDomainSnapshotIsCurrent(snapshot, 0), "virDomainSnapshotIsCurrent") == 1)
        }
    }

    /// The names of the snapshots taken on top of snapshot `name` (its direct children);
    /// throws ``LibvirtError/Code/noDomainSnapshot`` when there is no such snapshot.
    public func snapshotChildren(of name: String) async throws(LibvirtError) -> [String] {
        try await withSnapshot(name) { snapshot throws(LibvirtError) in
            var array: UnsafeMutablePointer<OpaquePointer?>?
            let count = try LibvirtCall.value(virDomainSnapshotListAllChildren(snapshot, &array, 0), "virDomainSnapshotListAllChildren")
            return LibvirtCall.takeHandles(array, count: count) { child in
                defer { virDomainSnapshotFree(child) }
                return virDomainSnapshotGetName(child).map { String(cString: $0) } ?? ""
            }
        }
    }

    /// Reverts the domain to snapshot `name` (`virDomainRevertToSnapshot`): its disks, and its
    /// memory and running state when the snapshot holds them.
    public func revert(toSnapshot name: String) async throws(LibvirtError) {
        try await withSnapshot(name) { snapshot throws(LibvirtError) in
            // The snapshot's definition may replace the domain's.
            defer { self.noteDefinitionChange() }
            try LibvirtCall.check(virDomainRevertToSnapshot(snapshot, 0), "virDomainRevertToSnapshot")
        }
    }

    /// Deletes snapshot `name` (`virDomainSnapshotDelete`).
    public func deleteSnapshot(named name: String) async throws(LibvirtError) {
        try await withSnapshot(name) { snapshot throws(LibvirtError) in
            defer { self.noteDefinitionChange() }
            try LibvirtCall.check(virDomainSnapshotDelete(snapshot, 0), "virDomainSnapshotDelete")
        }
    }

    /// Deletes every snapshot of the domain, children before their parents, as the plugin's
    /// `delete` does before it undefines a domain (drivers that cannot undefine a domain with
    /// snapshots, the test driver among them, would refuse otherwise).
    /// A driver without snapshots (LXC) has none to delete.
    public func deleteAllSnapshots() async throws(LibvirtError) {
        let snapshots: [(xml: String, isCurrent: Bool)]
        do throws(LibvirtError) {
            snapshots = try await snapshotDescriptions()
        } catch where error.code == .noSupport {
            return
        }
        for snapshot in snapshots.reversed() {
            guard let name = LibvirtConnection.name(in: snapshot.xml) else { continue }
            try await deleteSnapshot(named: name)
        }
    }

    /// Saves the running domain's memory and state to `path` and stops it (`virDomainSave`).
    public func save(to path: String) async throws(LibvirtError) {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            defer { self.noteDefinitionChange() }
            try LibvirtCall.check(virDomainSave(self.pointer, path), "virDomainSave")
        }
    }

    /// The CPU time the domain has used, in nanoseconds, and its current memory in KiB
    /// (`virDomainGetInfo`).
    public func usage() async throws(LibvirtError) -> (cpuTime: UInt64, memoryKiB: UInt64) {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            var info = virDomainInfo()
            try LibvirtCall.check(virDomainGetInfo(self.pointer, &info), "virDomainGetInfo")
            return (info.cpuTime, UInt64(info.memory))
        }
    }

    /// The balloon's current size in KiB (`virDomainMemoryStats`, tag `actual`); nil when the
    /// driver reports none.
    public func balloonKiB() async -> UInt64? {
        try? await LibvirtWorker.run { () throws(LibvirtError) -> UInt64? in
            var stats = [virDomainMemoryStatStruct](repeating: virDomainMemoryStatStruct(), count: 16)
            let count = virDomainMemoryStats(self.pointer, &stats, UInt32(stats.count), 0)
            guard count > 0 else { return nil }
            return stats.prefix(Int(count)).first { $0.tag == Int32(VIR_DOMAIN_MEMORY_STAT_ACTUAL_BALLOON.rawValue) }?.val
        }
    }

    /// Runs `body` with snapshot `name`'s handle, freed afterwards.
    private func withSnapshot<T>(_ name: String, _ body: @escaping @Sendable (OpaquePointer) throws(LibvirtError) -> T) async throws(LibvirtError) -> T where T: Sendable {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            let snapshot = try LibvirtCall.check(virDomainSnapshotLookupByName(self.pointer, name, 0), "virDomainSnapshotLookupByName")
            defer { virDomainSnapshotFree(snapshot) }
            return try body(snapshot)
        }
    }
}

extension LibvirtConnection {
    /// Starts a domain again from a memory dump ``LibvirtDomain/save(to:)`` wrote (`virDomainRestore`).
    public func restoreDomain(from path: String) async throws(LibvirtError) {
        try await LibvirtWorker.run { () throws(LibvirtError) in
            // The dump names its domain; which one is not known here.
            defer { DomainDefinitionCount.changedAll(uri: self.uri) }
            try LibvirtCall.check(virDomainRestore(self.pointer, path), "virDomainRestore")
        }
    }
}
