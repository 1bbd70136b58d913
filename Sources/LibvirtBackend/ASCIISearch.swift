/// Finding ASCII markup (`<interface`, `</disk>`, ` dev='`) in XML text by its UTF-8 bytes.
/// Foundation's `range(of:)` goes through NSString and cost about 60,000 instructions per search
/// of a domain document; apply searches each domain's documents a dozen times. An ASCII needle
/// always matches at character boundaries, so the result is the same.
extension StringProtocol {
    /// The first occurrence of `needle` (ASCII text), or nil.
    public func firstRange(ofASCII needle: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        let bytes = utf8
        var from = bytes.startIndex
        while let hit = bytes[from...].firstIndex(of: first) {
            if bytes[hit...].starts(with: pattern) {
                return hit..<bytes.index(hit, offsetBy: pattern.count)
            }
            from = bytes.index(after: hit)
        }
        return nil
    }

    /// Whether `needle` (ASCII text) occurs.
    public func containsASCII(_ needle: String) -> Bool {
        firstRange(ofASCII: needle) != nil
    }
}

extension String {
    /// The last occurrence of `needle` (ASCII text), or nil.
    public func lastRange(ofASCII needle: String) -> Range<String.Index>? {
        let pattern = Array(needle.utf8)
        let bytes = utf8
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        var start = bytes.index(bytes.endIndex, offsetBy: -pattern.count)
        while true {
            if bytes[start...].starts(with: pattern) { return start..<bytes.index(start, offsetBy: pattern.count) }
            guard start > bytes.startIndex else { return nil }
            start = bytes.index(before: start)
        }
    }
}
