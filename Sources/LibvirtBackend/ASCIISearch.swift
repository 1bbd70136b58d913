#if canImport(Glibc)
import Glibc
#endif

/// Finding ASCII markup (`<interface`, `</disk>`, ` dev='`) in XML text by its UTF-8 bytes.
/// Foundation's `range(of:)` goes through NSString and cost about 60,000 instructions per search
/// of a domain document; apply searches each domain's documents a dozen times. An ASCII needle
/// always matches at character boundaries, so the result is the same.
extension StringProtocol {
    /// The first occurrence of `needle` (ASCII text), or nil.
    public func firstRange(ofASCII needle: String) -> Range<String.Index>? {
        let bytes = utf8
        // Native strings are contiguous UTF-8: libc's memchr and memcmp, then an O(1) index.
        let contiguous: Int?? = bytes.withContiguousStorageIfAvailable { haystack in
            var needle = needle
            return needle.withUTF8 { pattern in Self.offset(of: pattern, in: haystack) }
        }
        if let contiguous {
            guard let offset = contiguous else { return nil }
            let start = bytes.index(bytes.startIndex, offsetBy: offset)
            return start..<bytes.index(start, offsetBy: needle.utf8.count)
        }
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return nil }
        var from = bytes.startIndex
        while let hit = bytes[from...].firstIndex(of: first) {
            if bytes[hit...].starts(with: pattern) {
                return hit..<bytes.index(hit, offsetBy: pattern.count)
            }
            from = bytes.index(after: hit)
        }
        return nil
    }

    /// Where `pattern` first starts in `haystack`; nil when it does not occur or is empty.
    private static func offset(of pattern: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = pattern.first, let needle = pattern.baseAddress, let base = haystack.baseAddress else { return nil }
        var from = 0
        while haystack.count - from >= pattern.count {
            guard let hit = memchr(base + from, Int32(first), haystack.count - from - pattern.count + 1) else { return nil }
            let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, needle, pattern.count) == 0 { return offset }
            from = offset + 1
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
