/// The volume descriptors at sector 16 onward (ECMA-119 8): the primary descriptor, the
/// Joliet supplementary descriptor (same layout, UCS-2 text, escape sequences) and the set
/// terminator.
struct VolumeDescriptor {
    var kind: Hierarchy.Kind
    var volumeLabel: String
    var volumeSpaceSize: UInt32
    var pathTableSize: UInt32
    var littleEndianPathTableBlock: UInt32
    var bigEndianPathTableBlock: UInt32
    var rootRecord: DirectoryRecord
    var recordedAt: ISO9660Image.Timestamp

    private static let standardIdentifier = Array("CD001".utf8)

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = [kind == .primary ? 1 : 2] + Self.standardIdentifier + [1, 0]
        bytes.append(contentsOf: text("", width: 32)) // system identifier
        bytes.append(contentsOf: text(volumeLabel, width: 32))
        bytes.appendField([], width: 8, filler: 0)
        bytes.appendBothEndian32(volumeSpaceSize)
        bytes.appendField(kind == .joliet ? Joliet.escapeSequence : [], width: 32, filler: 0)
        bytes.appendBothEndian16(1) // volume set size
        bytes.appendBothEndian16(1) // volume sequence number
        bytes.appendBothEndian16(UInt16(ISO9660Image.sectorSize))
        bytes.appendBothEndian32(pathTableSize)
        bytes.appendLittleEndian32(littleEndianPathTableBlock)
        bytes.appendLittleEndian32(0) // no optional type L path table
        bytes.appendBigEndian32(bigEndianPathTableBlock)
        bytes.appendBigEndian32(0) // no optional type M path table
        bytes.append(contentsOf: rootRecord.encoded(recordedAt: recordedAt))
        for width in [128, 128, 128, 128, 37, 37, 37] {
            // volume set, publisher, data preparer, application; copyright, abstract, bibliographic files
            bytes.append(contentsOf: text("", width: width))
        }
        bytes.append(contentsOf: recordedAt.volumeDescriptorBytes) // creation
        bytes.append(contentsOf: recordedAt.volumeDescriptorBytes) // modification
        bytes.append(contentsOf: ISO9660Image.Timestamp.unspecifiedVolumeDescriptorBytes) // expiration
        bytes.append(contentsOf: recordedAt.volumeDescriptorBytes) // effective
        bytes.append(contentsOf: [1, 0]) // file structure version
        bytes.padToMultiple(of: ISO9660Image.sectorSize)
        return bytes
    }

    /// The descriptor that ends the list (ECMA-119 8.3).
    static func terminator() -> [UInt8] {
        var bytes: [UInt8] = [255] + standardIdentifier + [1]
        bytes.padToMultiple(of: ISO9660Image.sectorSize)
        return bytes
    }

    private func text(_ value: String, width: Int) -> [UInt8] {
        switch kind {
        case .primary:
            var bytes: [UInt8] = []
            bytes.appendField(Array(value.utf8), width: width)
            return bytes
        case .joliet:
            return Joliet.field(value, width: width)
        }
    }
}
