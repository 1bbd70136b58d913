/// Standard output and error written unbuffered, whole, as FileHandle wrote them: each `write`
/// reaches the descriptor before it returns, so text to the two streams keeps its order.
public struct StandardStream: Sendable {
    public let descriptor: Int32

    public static let output = StandardStream(descriptor: STDOUT_FILENO)
    public static let error = StandardStream(descriptor: STDERR_FILENO)

    public func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    public func write(_ data: Data) {
        data.withUnsafeBytes { write($0) }
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Glibc.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                return  // A closed pipe or a full disk: as FileHandle, nothing to tell the caller.
            }
            next += written
            left -= written
        }
    }
}

/// Everything left on a descriptor (standard input, a pipe, a file), until its end.
public func readToEnd(descriptor: Int32) -> Data {
    var data = Data()
    var chunk = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        if count < 0, errno == EINTR { continue }
        guard count > 0 else { return data }
        data.append(contentsOf: chunk[..<count])
    }
}
