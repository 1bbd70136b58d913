/// Writes all of `bytes` to `descriptor`, again after a short write or a signal; returns 0, or
/// the errno of the write that failed (ENOSPC for a write that took nothing).
public func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
        let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return count < 0 ? errno : ENOSPC }
        offset += count
    }
    return 0
}

/// What is left on a descriptor (standard input, a pipe, a file) until its end, or its first
/// `limit` bytes; what was read before an error.
public func readToEnd(descriptor: Int32, limit: Int = .max) -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: min(limit, 65_536))
    while data.count < limit {
        let wanted = min(chunk.count, limit - data.count)
        let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { break }
        data.append(contentsOf: chunk[..<count])
    }
    return data
}
