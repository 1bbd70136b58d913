/// Byte encodings ISO 9660 uses (ECMA-119 section 7): integers little-endian, big-endian or
/// "both-endian" (little-endian then big-endian copies), and fixed-width text fields.
extension Array where Element == UInt8 {
    mutating func appendLittleEndian16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    mutating func appendBigEndian16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    mutating func appendLittleEndian32(_ value: UInt32) {
        for shift in stride(from: 0, through: 24, by: 8) {
            append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    mutating func appendBigEndian32(_ value: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) {
            append(UInt8(truncatingIfNeeded: value >> UInt32(shift)))
        }
    }

    /// ECMA-119 7.2.3: a 16-bit number written twice, little-endian first.
    mutating func appendBothEndian16(_ value: UInt16) {
        appendLittleEndian16(value)
        appendBigEndian16(value)
    }

    /// ECMA-119 7.3.3: a 32-bit number written twice, little-endian first.
    mutating func appendBothEndian32(_ value: UInt32) {
        appendLittleEndian32(value)
        appendBigEndian32(value)
    }

    /// `bytes` cut or padded with `filler` to exactly `width` bytes.
    mutating func appendField(_ bytes: [UInt8], width: Int, filler: UInt8 = 0x20) {
        append(contentsOf: bytes.prefix(width))
        append(contentsOf: repeatElement(filler, count: Swift.max(0, width - bytes.count)))
    }

    /// Zero bytes up to the next multiple of `boundary`.
    mutating func padToMultiple(of boundary: Int) {
        let remainder = count % boundary
        if remainder != 0 {
            append(contentsOf: repeatElement(0, count: boundary - remainder))
        }
    }
}
