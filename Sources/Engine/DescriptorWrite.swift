import Platform

/// Writes all of `bytes` to `descriptor`, again after a short write or a signal; returns 0, or
/// the errno of the write that failed (ENOSPC for a write that took nothing).
func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
    var offset = 0
    while offset < bytes.count {
        let count = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return count < 0 ? errno : ENOSPC }
        offset += count
    }
    return 0
}
