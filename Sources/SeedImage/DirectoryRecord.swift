/// One directory record (ECMA-119 9.1): where an entry's data is, how long it is, its
/// identifier and, in the primary hierarchy, its Rock Ridge system-use entries.
struct DirectoryRecord {
    var identifier: [UInt8]
    var location: UInt32
    var dataLength: UInt32
    var isDirectory: Bool
    var systemUse: [UInt8] = []

    /// The identifiers of a directory's own (`.`) and parent (`..`) records.
    static let selfIdentifier: [UInt8] = [0]
    static let parentIdentifier: [UInt8] = [1]

    /// A record holds at most 255 bytes (its length is one byte).
    static let maximumLength = 255

    func encoded(recordedAt timestamp: ISO9660Image.Timestamp) -> [UInt8] {
        var bytes: [UInt8] = [0, 0] // length, filled in below; no extended attribute record
        bytes.appendBothEndian32(location)
        bytes.appendBothEndian32(dataLength)
        bytes.append(contentsOf: timestamp.directoryRecordBytes)
        bytes.append(isDirectory ? 0x02 : 0x00)
        bytes.append(contentsOf: [0, 0]) // not interleaved
        bytes.appendBothEndian16(1) // volume sequence number
        bytes.append(UInt8(identifier.count))
        bytes.append(contentsOf: identifier)
        // The system use area starts at an even offset, and a record's length is even.
        bytes.padToMultiple(of: 2)
        bytes.append(contentsOf: systemUse)
        bytes.padToMultiple(of: 2)
        precondition(bytes.count <= Self.maximumLength, "ImagePath limits names so a record fits in 255 bytes")
        bytes[0] = UInt8(bytes.count)
        return bytes
    }
}
