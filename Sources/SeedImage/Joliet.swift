/// Joliet (Microsoft's extension, read by Linux, Windows and macOS): a second hierarchy whose
/// names are UCS-2 big-endian, announced by a supplementary volume descriptor.
enum Joliet {
    /// The escape sequence `%/E` that marks the supplementary volume descriptor as Joliet
    /// level 3 (UCS-2 with every character allowed).
    static let escapeSequence: [UInt8] = Array("%/E".utf8)

    /// A name in UCS-2 big-endian (UTF-16 for characters outside the Basic Multilingual Plane).
    static func encode(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for unit in text.utf16 {
            bytes.appendBigEndian16(unit)
        }
        return bytes
    }

    /// A fixed-width text field of a Joliet volume descriptor, padded with UCS-2 spaces; an odd
    /// width ends in one zero byte, as genisoimage writes it.
    static func field(_ text: String, width: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        let characters = Array(text.utf16.prefix(width / 2))
        for index in 0..<(width / 2) {
            bytes.appendBigEndian16(index < characters.count ? characters[index] : 0x20)
        }
        bytes.appendField([], width: width % 2, filler: 0)
        return bytes
    }

    /// Joliet records are ordered by their UCS-2 bytes.
    static func precedes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        left.lexicographicallyPrecedes(right)
    }
}
