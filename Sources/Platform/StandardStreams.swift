/// Standard output and error written unbuffered, whole, as FileHandle wrote them: each `write`
/// reaches the descriptor before it returns, so text to the two streams keeps its order.
public struct StandardStream: Sendable {
    public let descriptor: Int32

    public static let output = StandardStream(descriptor: STDOUT_FILENO)
    public static let error = StandardStream(descriptor: STDERR_FILENO)

    public func write(_ text: String) {
        var text = text
        // A closed pipe or a full disk: as FileHandle, nothing to tell the caller.
        _ = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }
}
