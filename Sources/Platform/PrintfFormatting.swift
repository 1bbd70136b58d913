extension String {
    /// The C library's formatting of numbers (`"%.1f"`, `"%04X"`), as `String(format:)` gave
    /// it; arguments are numbers only (no `%@`, no `%s`).
    public init(printf format: String, _ arguments: any CVarArg...) {
        self = withVaList(arguments) { list in
            // A copy of the list for the measuring call: a va_list is spent once read.
            let length = withVaList(arguments) { vsnprintf(nil, 0, format, $0) }
            guard length > 0 else { return "" }
            var buffer = [CChar](repeating: 0, count: Int(length) + 1)
            _ = vsnprintf(&buffer, buffer.count, format, list)
            return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
