/// System Use Sharing Protocol (SUSP, IEEE P1281) entries and the Rock Ridge entries (RRIP
/// 1.09, IEEE P1282) placed in the primary hierarchy's directory records: POSIX modes and the
/// real (lowercase, any length) names that level-1 identifiers cannot carry.
enum RockRidge {
    static let fileMode: UInt32 = 0o100444
    static let directoryMode: UInt32 = 0o040555

    /// SP: "SUSP is in use", only in the root directory's `.` record, first.
    static let suspIndicator: [UInt8] = entry("SP", [0xBE, 0xEF, 0])

    /// PX: POSIX mode, link count, owner and group (root).
    static func posixAttributes(mode: UInt32, links: UInt32) -> [UInt8] {
        var body: [UInt8] = []
        body.appendBothEndian32(mode)
        body.appendBothEndian32(links)
        body.appendBothEndian32(0)
        body.appendBothEndian32(0)
        return entry("PX", body)
    }

    /// NM: the entry's real name.
    static func alternateName(_ name: String) -> [UInt8] {
        entry("NM", [0] + Array(name.utf8))
    }

    /// CE: the remaining entries of this record are `length` bytes at `offset` in block `block`.
    static func continuation(block: UInt32, offset: UInt32, length: UInt32) -> [UInt8] {
        var body: [UInt8] = []
        body.appendBothEndian32(block)
        body.appendBothEndian32(offset)
        body.appendBothEndian32(length)
        return entry("CE", body)
    }

    /// The length of a CE entry, known before the continuation block is placed.
    static let continuationLength = 28

    /// ER: names the extension in use. Linux enables Rock Ridge only when it finds this in the
    /// root's `.` record (directly or through CE), so it is always written, in a continuation block.
    static let extensionReference: [UInt8] = {
        let identifier = Array("RRIP_1991A".utf8)
        let descriptor = Array("THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS".utf8)
        let source = Array("PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.".utf8)
        let lengths = [UInt8(identifier.count), UInt8(descriptor.count), UInt8(source.count), 1]
        return entry("ER", lengths + identifier + descriptor + source)
    }()

    /// One SUSP entry: two-letter signature, total length, version 1, then the body.
    private static func entry(_ signature: String, _ body: [UInt8]) -> [UInt8] {
        Array(signature.utf8) + [UInt8(4 + body.count), 1] + body
    }
}
