import CLibvirt

/// A domain's state as libvirt reports it (`virDomainState`).
public enum DomainState: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case noState = 0
    case running = 1
    case blocked = 2
    case paused = 3
    /// Shutting down: the guest was asked to stop and has not yet.
    case shuttingDown = 4
    case shutOff = 5
    case crashed = 6
    case suspended = 7

    public var description: String {
        switch self {
        case .noState: "no state"
        case .running: "running"
        case .blocked: "blocked"
        case .paused: "paused"
        case .shuttingDown: "shutting down"
        case .shutOff: "shut off"
        case .crashed: "crashed"
        case .suspended: "suspended (power management)"
        }
    }
}

/// A domain's state together with the driver's reason code for it (a `virDomain…Reason`).
public struct DomainStateInfo: Sendable, Equatable {
    public var state: DomainState
    public var reason: Int32

    public init(state: DomainState, reason: Int32) {
        self.state = state
        self.reason = reason
    }
}

/// What `virDomainUndefineFlags` removes besides the definition.
public struct DomainUndefineOptions: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The managed-save image, if any.
    public static let managedSave = DomainUndefineOptions(rawValue: VIR_DOMAIN_UNDEFINE_MANAGED_SAVE.rawValue)
    /// Snapshot metadata (the snapshots' data stays in the disk images).
    public static let snapshotsMetadata = DomainUndefineOptions(rawValue: VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA.rawValue)
    /// The UEFI variable store (NVRAM file).
    public static let nvram = DomainUndefineOptions(rawValue: VIR_DOMAIN_UNDEFINE_NVRAM.rawValue)
    /// Checkpoint metadata.
    public static let checkpointsMetadata = DomainUndefineOptions(rawValue: VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA.rawValue)
}
