import Platform

/// Builds data in the SSH wire encoding (RFC 4251 §5): big-endian `uint32`s and `string`s
/// (a `uint32` length, then the bytes), as OpenSSH's key formats use it.
struct SSHWireWriter {
    private(set) var data = Data()

    mutating func appendUInt32(_ value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { data.append(contentsOf: $0) }
    }

    mutating func appendString(_ bytes: some Collection<UInt8>) {
        appendUInt32(UInt32(bytes.count))
        data.append(contentsOf: bytes)
    }

    mutating func appendString(_ text: String) {
        appendString(Array(text.utf8))
    }

    mutating func appendRaw(_ bytes: some Collection<UInt8>) {
        data.append(contentsOf: bytes)
    }
}

/// Reads the SSH wire encoding; every read fails with `SSHKeyError.malformedPrivateKey` when
/// the data ends early.
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ data: some Collection<UInt8>) {
        bytes = Array(data)
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// What is left unread.
    var remaining: ArraySlice<UInt8> { bytes[offset...] }

    mutating func readRaw(count: Int) throws(SSHKeyError) -> ArraySlice<UInt8> {
        guard count >= 0, bytes.count - offset >= count else {
            throw .malformedPrivateKey("it ends early")
        }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }

    mutating func readUInt32() throws(SSHKeyError) -> UInt32 {
        try readRaw(count: 4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    mutating func readString() throws(SSHKeyError) -> ArraySlice<UInt8> {
        let length = try readUInt32()
        return try readRaw(count: Int(length))
    }

    mutating func readText() throws(SSHKeyError) -> String {
        String(decoding: try readString(), as: UTF8.self)
    }
}
