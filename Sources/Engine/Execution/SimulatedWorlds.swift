import Platform
import LibvirtBackend
import StateStore

/// `--simulate`: every connection of a deployment goes to libvirt's test driver, one world per
/// original URI, kept as a `<node>` document in the state directory
/// (`simulated/<deployment>/<uri>.xml`) so that separate commands see the same world.
///
/// The rehearsal survives a kill as the real thing does: a run records every libvirt change in
/// the world's journal (``WorldJournal``, ``TestWorldJournal``) before the state records the step
/// as done, and writes the world whole (atomically: a temporary file renamed over the old one) at
/// its end, so a kill at any point leaves a world that holds at least every object the state
/// says exists. It is not synced step by step against a power cut (nor are its state commits):
/// after one, the next run reconciles the state with whatever world is left
/// (``WorldReconciliation``).
public struct SimulatedWorlds: Sendable {
    public let directory: URL

    public init(stateDirectory: URL, deployment: String) {
        directory = stateDirectory.appendingPathComponent("simulated").appendingPathComponent(Self.fileName(for: deployment))
    }

    /// The test driver URI that stands for `uri`, e.g. `test:///…/simulated/demo/qemu~3A~2F~2F~2Fsystem.xml`.
    public func testURI(for uri: String) -> String {
        "test://" + directory.appendingPathComponent(Self.fileName(for: uri) + ".xml").path
    }

    /// Writes a new host's world for each of `testURIs` that has no file yet (not test:///default's
    /// objects: a simulated host starts as a fresh libvirt install does), and makes each keep the
    /// leases of its simulated DHCP beside it (``SimulatedLeaseTable``), a world made before they
    /// were kept too.
    public func prepare(_ testURIs: some Sequence<String>) throws {
        try WorldFile.makeDirectory(directory.path)
        for uri in testURIs {
            guard let path = Self.worldPath(of: uri) else { continue }
            if !FileManager.default.fileExists(atPath: path) { try WorldFile.writeAtomically(Self.freshHostWorld, to: path) }
        }
        try Self.keepLeases(of: testURIs)
    }

    /// Makes each existing world of `uris` keep the leases of its simulated DHCP beside it
    /// (``SimulatedLeaseTable``): a world made before they were kept starts keeping them.
    static func keepLeases(of uris: some Sequence<String>) throws {
        for uri in uris {
            guard let path = worldPath(of: uri), FileManager.default.fileExists(atPath: path) else { continue }
            try SimulatedLeaseTable.keepLeases(ofWorld: path)
        }
    }

    /// A freshly installed libvirt host: only the `default` NAT network Debian's libvirt-daemon
    /// defines and starts, which many blueprints join by name (`network: default`).
    static let freshHostWorld = """
        <node>
        <network>
          <name>default</name>
          <forward mode='nat'/>
          <bridge name='virbr0' stp='on' delay='0'/>
          <ip address='192.168.122.1' netmask='255.255.255.0'>
            <dhcp>
              <range start='192.168.122.2' end='192.168.122.254'/>
            </dhcp>
          </ip>
        </network>
        </node>

        """

    /// Saves the world of every file-backed test connection among `uris` back to its file, whole;
    /// its journal (``TestWorldJournal``) is then no longer needed. `journal`: the run's, whose
    /// domain definitions are used again where they still hold.
    static func save(_ uris: some Sequence<String>, connections: LibvirtConnectionPool, journal: WorldJournal? = nil) async throws {
        for uri in Set(uris) {
            guard let path = worldPath(of: uri) else { continue }
            let definitions = await journal?.definitions(of: uri) ?? [:]
            let document = try await connections.connection(for: uri).testWorldDocument(reusing: definitions)
            try WorldFile.writeAtomically(document, to: path)
            TestWorldJournal.finish(worldPath: path)
        }
    }

    /// Whether `uris` name simulated worlds only (and at least one): the run touches nothing real.
    public static func holdAll(_ uris: some Sequence<String>) -> Bool {
        var any = false
        for uri in uris {
            guard worldPath(of: uri) != nil else { return false }
            any = true
        }
        return any
    }

    /// Whether the deployment of `records` was applied with `--simulate`: its objects are on test
    /// driver worlds in the state directory. Any instance tells: those whose object was never
    /// begun, or that are no libvirt object, have no connection.
    static func holdDeployment(of records: [NodeInstanceRecord]) -> Bool {
        records.contains { $0.connectionURI.flatMap(worldPath(of:)) != nil }
    }

    /// Whether `uri` is a simulated world whose file was never written: no command has used it.
    static func isUnwritten(_ uri: String) -> Bool {
        guard let path = worldPath(of: uri) else { return false }
        return !FileManager.default.fileExists(atPath: path)
    }

    /// The file of a `test:///ABSOLUTE/PATH.xml` URI; nil for any other URI.
    public static func worldPath(of uri: String) -> String? {
        guard uri.hasPrefix("test:///"), uri.hasSuffix(".xml") else { return nil }
        return String(uri.dropFirst("test://".count))
    }

    /// How messages name the connection `uri`: a simulated world as the connection it stands
    /// for, `qemu:///system (simulated)`, which is what the blueprint and `--connect` say, not as
    /// `test:///…/simulated/demo/qemu~3A~2F~2F~2Fsystem.xml`. Any other URI as it is.
    public static func displayName(of uri: String) -> String {
        guard let path = worldPath(of: uri) else { return uri }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[parts.count - 3] == "simulated",
              let stoodFor = text(ofFileName: String(parts[parts.count - 1].dropLast(".xml".count))) else { return uri }
        return "\(stoodFor) (simulated)"
    }

    /// The text ``fileName(for:)`` made `name` from; nil for a name it does not make.
    static func text(ofFileName name: String) -> String? {
        guard name != "~" else { return "" }
        var bytes: [UInt8] = []
        var rest = Substring(name)
        while let first = rest.first {
            if first == "~" {
                guard let byte = UInt8(rest.dropFirst().prefix(2), radix: 16), rest.count >= 3 else { return nil }
                bytes.append(byte)
                rest = rest.dropFirst(3)
            } else {
                bytes.append(contentsOf: first.utf8)
                rest = rest.dropFirst()
            }
        }
        return String(bytes: bytes, encoding: .utf8)
    }

    /// A file name that stands for `text` and for nothing else: ASCII letters, digits, `-`, `_`
    /// and `.` stay, every other byte (and a leading `.`, so that no name is `.` or `..`) is
    /// written `~XX` in hexadecimal, `~` itself included. Distinct texts get distinct names, so
    /// deployments `x y` and `x_y` keep separate worlds. `~` rather than `%`: libvirt decodes
    /// `%XX` in a `test://` URI's path, and would then look for another file.
    public static func fileName(for text: String) -> String {
        var name = ""
        for (offset, byte) in text.utf8.enumerated() {
            let scalar = Unicode.Scalar(byte)
            let plain = byte < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "_") || (byte == UInt8(ascii: ".") && offset > 0))
            if plain {
                name.unicodeScalars.append(scalar)
            } else {
                name += "~" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return name.isEmpty ? "~" : name
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Records simulated worlds' changes while a run makes them: ``save(_:)`` returns once the
/// world's journal file shows the object as it is after the call began.
///
/// The world is read whole from libvirt once per run and begins a new journal; then each save
/// describes only the object its step changed (each object is changed by one step at a time)
/// and appends it, so a step costs a few libvirt calls and a small append however big the world.
/// Saves asked for while an append is under way share the next one.
actor WorldJournal {
    private let connections: LibvirtConnectionPool
    private var loading: [String: Task<Void, any Error>] = [:]
    /// Per world URI: changes not yet appended, how many saves were asked for, and up to which
    /// request one is on disk.
    private var pending: [String: [TestWorldJournal.Change]] = [:]
    private var requested: [String: Int] = [:]
    private var written: [String: Int] = [:]
    private var inFlight: [String: (task: Task<Void, any Error>, covers: Int)] = [:]
    /// Per world URI, each domain's definition as last described: a step that changes only a
    /// domain's state describes the state alone.
    private var definitions: [String: [String: DomainDefinition]] = [:]

    init(connections: LibvirtConnectionPool) {
        self.connections = connections
    }

    /// Makes the world of `object`'s connection durable with `object` as it is now (nothing
    /// for connections that are no world file). `stateOnly`: the step (a start, a stop) changed
    /// at most the object's state, not its definition.
    func save(_ object: ManagedObject, stateOnly: Bool = false) async throws {
        let uri = object.connection
        guard let path = SimulatedWorlds.worldPath(of: uri) else { return }
        try await load(uri, path: path)
        pending[uri, default: []].append(try await describe(object, stateOnly: stateOnly))
        requested[uri, default: 0] += 1
        let mine = requested[uri] ?? 0
        while written[uri, default: 0] < mine {
            if let running = inFlight[uri] {
                // An append under way may not hold this call's change: wait for it, then go
                // round (the next append covers this call).
                let outcome = await running.task.result
                finish(uri, running.task, covers: running.covers, succeeded: (try? outcome.get()) != nil)
                try outcome.get()
                continue
            }
            let covers = requested[uri] ?? 0
            let changes = pending[uri] ?? []
            pending[uri] = []
            let task = Task { try TestWorldJournal.append(changes, worldPath: path) }
            inFlight[uri] = (task, covers)
            let outcome = await task.result
            finish(uri, task, covers: covers, succeeded: (try? outcome.get()) != nil)
            try outcome.get()
        }
    }

    /// The definitions of the domains of world `uri` as last described, by domain name.
    func definitions(of uri: String) -> [String: DomainDefinition] {
        definitions[uri] ?? [:]
    }

    /// Reads the whole world of `uri` from libvirt and begins its journal with it, once.
    private func load(_ uri: String, path: String) async throws {
        let task: Task<Void, any Error>
        if let started = loading[uri] {
            task = started
        } else {
            let connections = self.connections
            task = Task {
                let parts = try await connections.connection(for: uri).testWorldParts()
                try TestWorldJournal.start(worldPath: path, with: parts)
            }
            loading[uri] = task
        }
        do {
            try await task.value
        } catch {
            // Not remembered: the next save tries again.
            if loading[uri] == task { loading[uri] = nil }
            throw error
        }
    }

    /// `object` as libvirt has it now (or gone).
    private func describe(_ object: ManagedObject, stateOnly: Bool) async throws -> TestWorldJournal.Change {
        let connection = try await connections.connection(for: object.connection)
        switch object.kind {
        case .domain:
            let earlier = stateOnly ? definitions[object.connection]?[object.name] : nil
            let domain = try await connection.testWorldDomain(named: object.name, reusing: earlier)
            definitions[object.connection, default: [:]][object.name] = domain?.definition
            return .domain(name: object.name, xml: domain?.xml)
        case .network:
            return .network(name: object.name, xml: try await connection.testWorldNetwork(named: object.name))
        case .pool:
            let described = try await connection.testWorldPool(named: object.name)
            return .pool(name: object.name, xml: described?.pool, volumes: described?.volumes ?? [:])
        case .volume, .iso9660:
            let pool = object.pool ?? "default"
            return .volume(pool: pool, name: object.name, xml: try await connection.testWorldVolume(named: object.name, inPool: pool))
        }
    }

    /// Both the writer and its waiters call this (whoever resumes first); it is idempotent.
    private func finish(_ uri: String, _ task: Task<Void, any Error>, covers: Int, succeeded: Bool) {
        if inFlight[uri]?.task == task { inFlight[uri] = nil }
        if succeeded { written[uri] = max(written[uri, default: 0], covers) }
    }
}
