import Platform
import LibvirtBackend
import StateStore

/// What a run learned when it compared the state with its simulated worlds before starting.
struct WorldReconciliation: Sendable {
    /// For people: a world file that was missing or unreadable, objects that are gone.
    var notes: [String] = []
    /// Instances the state says have an object (created, configured, started, stopped) whose object is
    /// not in its world: apply makes them again, destroy has nothing to delete for them.
    var missing: [String] = []

    /// Makes every world file among `uris` loadable, then looks up, in its world, each object of
    /// `records` that the state says exists.
    ///
    /// A missing world file is written again from the journal beside it when a run that did not
    /// finish left one (opening the world opens that journal's world anyway), else becomes a
    /// fresh host's world; an unreadable one (truncated, edited by
    /// hand) is kept beside as `NAME.xml.unreadable-TIME` and replaced by a fresh host's world.
    /// The objects the state recorded that the world used lacks are then reported as `missing`,
    /// never taken as there: a lost world must not make apply say "unchanged" or destroy fail for good.
    static func reconcile(uris: some Sequence<String>, records: [NodeInstanceRecord],
                          connections: LibvirtConnectionPool) async throws -> WorldReconciliation {
        var result = WorldReconciliation()
        let existing: Set<NodeInstanceState> = [.created, .configured, .started, .stopped]
        for uri in Set(uris).sorted() {
            guard let path = SimulatedWorlds.worldPath(of: uri) else { continue }
            let recorded = records.filter { $0.connectionURI == uri && existing.contains($0.state) }
            let file = URL(fileURLWithPath: path)
            if !FileManager.default.fileExists(atPath: path) {
                try WorldFile.makeDirectory(file.deletingLastPathComponent().path)
                if let journaled = try TestWorldJournal.world(besides: path) {
                    // The journal of a run that did not finish describes the whole world: it is
                    // the world (opening the file opens it), written whole again here.
                    try WorldFile.writeAtomically(journaled.document, to: path)
                    result.notes.append("""
                        the simulated world \(path) is missing, but the journal beside it (left by a run that did not finish) \
                        holds the whole world: it is written again from that journal
                        """)
                    continue
                }
                try WorldFile.writeAtomically(SimulatedWorlds.freshHostWorld, to: path)
                if !recorded.isEmpty {
                    result.notes.append("the simulated world \(path) is missing: the \(recorded.count) objects the state records on it are gone; it starts as a fresh host")
                }
                continue
            }
            do {
                _ = try await connections.connection(for: uri)
            } catch {
                // The test driver refused the file; keep it for a look, start from nothing.
                let kept = path + ".unreadable-\(Int(Date().timeIntervalSince1970))"
                guard rename(path, kept) == 0 else { throw WorldFileError(path: path, operation: "move aside", code: errno) }
                try WorldFile.writeAtomically(SimulatedWorlds.freshHostWorld, to: path)
                result.notes.append("""
                    the simulated world \(path) could not be read (\(error)); it was kept as \(kept) and starts as a fresh host: \
                    the \(recorded.count) objects the state records on it are gone
                    """)
                _ = try await connections.connection(for: uri)
            }
        }
        let worldRecords = records.filter { record in
            record.connectionURI.flatMap(SimulatedWorlds.worldPath(of:)) != nil && existing.contains(record.state)
        }
        for status in await InstanceStatus.inspect(worldRecords, connections: connections, configuration: false) {
            guard let drift = status.drift else { continue }
            if drift == InstanceStatus.objectMissing {
                result.missing.append(status.record.instanceID)
            } else if drift.hasPrefix(InstanceStatus.cannotAsk) {
                let world = status.record.connectionURI.flatMap(SimulatedWorlds.worldPath(of:)) ?? "?"
                throw WorldProblem(description: """
                    cannot read the simulated world \(world) for instance '\(status.record.instanceID)': \(drift); run the command \
                    again, and if it fails the same way move that file aside (the next run starts a fresh host there and makes the \
                    objects the state records on it again)
                    """)
            }
        }
        return result
    }
}

/// A simulated world that cannot be used even after reconciling.
struct WorldProblem: Error, Sendable, CustomStringConvertible {
    var description: String
}
