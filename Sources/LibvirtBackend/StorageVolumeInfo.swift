import CLibvirt

/// What libvirt reports about a storage volume (`virStorageVolInfo`).
public struct StorageVolumeInfo: Sendable, Equatable {
    public var kind: Kind
    /// The logical size in bytes: what a guest sees as the disk's size.
    public var capacity: UInt64
    /// The bytes the volume takes on the host now (less than `capacity` for a sparse file or a
    /// qcow2 clone that has not diverged from its backing store).
    public var allocation: UInt64

    public init(kind: Kind, capacity: UInt64, allocation: UInt64) {
        self.kind = kind
        self.capacity = capacity
        self.allocation = allocation
    }

    /// libvirt's volume type (`virStorageVolType`); any other number is kept as is.
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        init(_ type: virStorageVolType) { self.rawValue = Int32(bitPattern: type.rawValue) }

        /// A regular file, as in a dir pool.
        public static let file = Kind(VIR_STORAGE_VOL_FILE)
        public static let block = Kind(VIR_STORAGE_VOL_BLOCK)
        public static let directory = Kind(VIR_STORAGE_VOL_DIR)
        public static let network = Kind(VIR_STORAGE_VOL_NETWORK)
    }
}
