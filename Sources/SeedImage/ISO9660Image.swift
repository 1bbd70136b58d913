/// An ISO 9660 image built in memory, readable by Linux, cloud-init and libvirt/QEMU cdroms:
/// a primary hierarchy with level-1 names and Rock Ridge entries (real names, modes 0444 and
/// 0555), and a Joliet hierarchy with the same names in UCS-2. Directories are made from the
/// files' paths. The same label, files and timestamp always give the same bytes.
public struct ISO9660Image: Sendable {
    /// One file of the image.
    public struct File: Sendable, Hashable {
        /// Relative path; `/` separates directories, e.g. `openstack/latest/user_data`.
        public var path: String
        public var contents: [UInt8]

        public init(path: String, contents: [UInt8]) {
            self.path = path
            self.contents = contents
        }
    }

    static let sectorSize = 2048
    /// The volume descriptors start after the 16-sector system area (ECMA-119 6.2).
    private static let firstDescriptorBlock = 16
    /// Zero sectors after the data, counted in the volume, as genisoimage's default `-pad`
    /// writes: Linux's cdrom read-ahead reads past the last file, and busybox's `findfs` (the
    /// volume_id probes look 64 KiB in) does not find the label of a smaller image.
    static let paddingSectors = 150
    /// A volume descriptor holds a label of at most 32 bytes.
    public static let maximumVolumeLabelLength = 32

    /// The volume identifier, as `blkid` shows it (`LABEL`).
    public let volumeLabel: String
    private let image: [UInt8]

    /// Builds the image.
    /// - Parameters:
    ///   - volumeLabel: 1 to 32 printable ASCII characters, written as given (cloud-init's NoCloud
    ///     looks for `cidata`, an OpenStack config drive for `config-2`). The Joliet descriptor,
    ///     which holds 16 characters, gets the first 16.
    ///   - files: the files; their order does not matter.
    ///   - recordedAt: the date written for every entry; a fixed date unless given.
    public init(volumeLabel: String, files: [File], recordedAt: Timestamp = .fixed) throws(ISO9660Error) {
        try Self.check(volumeLabel: volumeLabel)
        let timestamp = try recordedAt.validated()
        let tree = try DirectoryTree(files: files)
        self.volumeLabel = volumeLabel
        self.image = Self.assemble(volumeLabel: volumeLabel, tree: tree, recordedAt: timestamp)
    }

    /// The image's bytes, a whole number of 2048-byte sectors.
    public func bytes() -> [UInt8] {
        image
    }

    /// The image's size in bytes.
    public var size: Int {
        image.count
    }

    /// Refuses a file path the image cannot hold, as ``init(volumeLabel:files:recordedAt:)``
    /// would, for a check before the files' contents are known.
    public static func check(path: String) throws(ISO9660Error) {
        _ = try ImagePath.components(of: path)
    }

    /// Refuses a volume label the image cannot hold, as ``init(volumeLabel:files:recordedAt:)`` would.
    public static func check(volumeLabel label: String) throws(ISO9660Error) {
        if label.isEmpty {
            throw .emptyVolumeLabel
        }
        if label.utf8.count > maximumVolumeLabelLength {
            throw .volumeLabelTooLong(label: label, limit: maximumVolumeLabelLength)
        }
        if label.unicodeScalars.contains(where: { !(0x20...0x7E).contains($0.value) }) {
            throw .invalidVolumeLabel(label: label, reason: "holds a character other than printable ASCII")
        }
        if label.hasPrefix(" ") || label.hasSuffix(" ") {
            // The field is padded with spaces, so readers would drop or keep them unpredictably.
            throw .invalidVolumeLabel(label: label, reason: "starts or ends with a space")
        }
    }

    /// Lays the image out and writes it: system area, descriptors, path tables, the Rock Ridge
    /// continuation block, directory extents of both hierarchies, then file data.
    private static func assemble(volumeLabel: String, tree: DirectoryTree, recordedAt timestamp: Timestamp) -> [UInt8] {
        let primary = Hierarchy(kind: .primary, tree: tree)
        let joliet = Hierarchy(kind: .joliet, tree: tree)
        let unplaced = Hierarchy.Locations.unplaced(tree)
        let primaryPathTableSize = primary.pathTable(bigEndian: false, at: unplaced).count
        let jolietPathTableSize = joliet.pathTable(bigEndian: false, at: unplaced).count

        var nextBlock = firstDescriptorBlock + 3 // primary, Joliet, terminator
        func reserve(bytes: Int) -> UInt32 {
            defer { nextBlock += (bytes + sectorSize - 1) / sectorSize }
            return UInt32(nextBlock)
        }
        let pathTableBlocks = [primaryPathTableSize, primaryPathTableSize, jolietPathTableSize, jolietPathTableSize]
            .map { reserve(bytes: $0) }
        var primaryLocations = unplaced
        primaryLocations.continuationBlock = reserve(bytes: RockRidge.extensionReference.count)
        for directory in primary.pathTableOrder {
            let size = primary.directoryExtent(directory, at: unplaced, recordedAt: timestamp).count
            primaryLocations.directorySizes[directory] = UInt32(size)
            primaryLocations.directoryBlocks[directory] = reserve(bytes: size)
        }
        var jolietLocations = unplaced
        for directory in joliet.pathTableOrder {
            let size = joliet.directoryExtent(directory, at: unplaced, recordedAt: timestamp).count
            jolietLocations.directorySizes[directory] = UInt32(size)
            jolietLocations.directoryBlocks[directory] = reserve(bytes: size)
        }
        for (index, file) in tree.files.enumerated() where !file.contents.isEmpty {
            // Empty files have no extent; their records point at block 0 with length 0.
            primaryLocations.fileBlocks[index] = reserve(bytes: file.contents.count)
        }
        jolietLocations.fileBlocks = primaryLocations.fileBlocks
        let volumeSpaceSize = UInt32(nextBlock + paddingSectors)

        var image = [UInt8](repeating: 0, count: firstDescriptorBlock * sectorSize)
        image.reserveCapacity(Int(volumeSpaceSize) * sectorSize)
        for (hierarchy, locations, tables) in [(primary, primaryLocations, pathTableBlocks[0...1]),
                                               (joliet, jolietLocations, pathTableBlocks[2...3])] {
            let descriptor = VolumeDescriptor(
                kind: hierarchy.kind, volumeLabel: volumeLabel, volumeSpaceSize: volumeSpaceSize,
                pathTableSize: UInt32(hierarchy.kind == .primary ? primaryPathTableSize : jolietPathTableSize),
                littleEndianPathTableBlock: tables.first!, bigEndianPathTableBlock: tables.last!,
                rootRecord: hierarchy.rootRecord(at: locations), recordedAt: timestamp)
            image.append(contentsOf: descriptor.encoded())
        }
        image.append(contentsOf: VolumeDescriptor.terminator())
        for (hierarchy, locations) in [(primary, primaryLocations), (joliet, jolietLocations)] {
            for bigEndian in [false, true] {
                image.append(contentsOf: hierarchy.pathTable(bigEndian: bigEndian, at: locations))
                image.padToMultiple(of: sectorSize)
            }
        }
        image.append(contentsOf: RockRidge.extensionReference)
        image.padToMultiple(of: sectorSize)
        for (hierarchy, locations) in [(primary, primaryLocations), (joliet, jolietLocations)] {
            for directory in hierarchy.pathTableOrder {
                image.append(contentsOf: hierarchy.directoryExtent(directory, at: locations, recordedAt: timestamp))
            }
        }
        for file in tree.files where !file.contents.isEmpty {
            image.append(contentsOf: file.contents)
            image.padToMultiple(of: sectorSize)
        }
        image.append(contentsOf: [UInt8](repeating: 0, count: paddingSectors * sectorSize))
        precondition(image.count == Int(volumeSpaceSize) * sectorSize, "the layout and the written image agree")
        return image
    }
}
