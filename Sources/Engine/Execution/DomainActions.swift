import LibvirtBackend
import StateStore

/// The plugin's domain tasks besides the lifecycle (`update`, `reboot`, `suspend`, `resume`),
/// as its domain_tasks.py does them, for a blueprint that maps one to an operation of its own.
extension LibvirtObjectBackend {
    /// Runs `action` on the domain of `object` (adopted ones too: the plugin's tasks act on any
    /// domain its resource_id names). `params` are the merged params of the operation.
    /// Returns what to say about it, one line per change.
    func perform(_ action: DomainAction, on object: ManagedObject, params: [String: JSONValue]) async throws -> [String] {
        guard object.kind == .domain else {
            throw BackendProblem("the libvirt plugin's domain task '\(action.rawValue)' runs on domains, and \(object.label) is a \(object.kind.rawValue)")
        }
        let connection = try await connections.connection(for: object.connection)
        guard let domain = try await Self.missingIsNil({ try await connection.domain(named: object.name) }) else {
            throw BackendProblem("\(object.label) does not exist, so domain_tasks.\(action.rawValue) has nothing to act on; \(object.healHint)")
        }
        let state = try await domain.state().state
        switch action {
        case .reboot:
            try await domain.reboot()
            return ["rebooted \(object.label)"]
        case .suspend:
            // As the plugin: only a running domain is paused.
            guard state == .running else { return ["\(object.label) is \(state), not running: nothing to suspend"] }
            try await domain.suspend()
            return ["suspended \(object.label)"]
        case .resume:
            guard state == .paused else { return ["\(object.label) is \(state), not paused: nothing to resume"] }
            try await domain.resume()
            return ["resumed \(object.label)"]
        case .update:
            return try await update(domain, label: object.label, running: state == .running, params: params)
        }
    }

    /// The plugin's `update`: the current memory always (a running guest's balloon takes it);
    /// the vCPU count and the maximum memory only while the domain is not running.
    private func update(_ domain: LibvirtDomain, label: String, running: Bool, params: [String: JSONValue]) async throws -> [String] {
        var said: [String] = []
        if let memory = Self.positive(params["memory_size"]) {
            try await domain.setMemory(kibibytes: UInt(memory))
            said.append("set the memory of \(label) to \(memory) KiB")
        }
        if running {
            said.append("\(label) is running: its vCPU count and maximum memory change only while it is shut off")
            return said
        }
        if let vcpu = Self.positive(params["vcpu"]) {
            try await domain.setVcpus(UInt32(clamping: vcpu))
            said.append("set the vCPU count of \(label) to \(vcpu)")
        }
        if let maximum = Self.positive(params["memory_maxsize"]) {
            try await domain.setMaxMemory(kibibytes: UInt(maximum))
            said.append("set the maximum memory of \(label) to \(maximum) KiB")
        }
        return said
    }

    /// A count the plugin would act on: a positive integer (or integer text, as YAML may give it).
    private static func positive(_ value: JSONValue?) -> Int64? {
        switch value {
        case .integer(let number)? where number > 0: number
        case .string(let text)?: Int64(text).flatMap { $0 > 0 ? $0 : nil }
        default: nil
        }
    }

    /// The path of a volume (the plugin records it as `params.path`); nil when it cannot be read.
    func volumePath(_ object: ManagedObject) async -> String? {
        guard let poolName = object.pool,
              let connection = try? await connections.connection(for: object.connection),
              let pool = try? await Self.missingIsNil({ try await connection.storagePool(named: poolName) }),
              let volume = try? await Self.missingIsNil({ try await pool.volume(named: object.name) }) else { return nil }
        return try? await volume.path()
    }
}
