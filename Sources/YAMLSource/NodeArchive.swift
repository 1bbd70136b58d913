/// A YAML tree stored as bytes that read back without parsing.
///
/// The built-in definitions (grammar/) are archived this way when bluevirt is built
/// (embed-resources), so no command spends libyaml's time on them at every start: reading
/// Cloudify's types and the libvirt plugin's was a fifth of a 10-line validate.
///
/// Every byte of an archive is below 0x80, so an archive fits in a Swift string literal. Numbers
/// are written 6 bits to a byte, low bits first, with 0x40 set on every byte but the last. A
/// string is twice its length in UTF-8 bytes, then its bytes as they are when all are ASCII, or
/// (with 1 added to the first number) each byte as such a number when not. A node is its kind, its
/// range (start line, start column, end line, end column) and then:
/// - a scalar: its style, its value's kind, the value (an integer zigzagged, a double by its bit
///   pattern, another string as a string), and its text;
/// - a sequence: its count and its items;
/// - a mapping: its count and, for each pair, the key and then the value.
public enum NodeArchive {
    /// Written first; an archive of another version reads as nil.
    static let formatVersion: UInt64 = 1

    /// The archive of `node`.
    public static func encode(_ node: Node) -> [UInt8] {
        var writer = Writer()
        writer.number(formatVersion)
        writer.node(node)
        return writer.bytes
    }

    /// The tree in `archive`, its ranges in `file`; nil when `archive` is not a whole archive of
    /// this version (the caller then parses the YAML text instead).
    public static func decode(_ archive: String, file: String) -> Node? {
        var archive = archive
        return archive.withUTF8 { decode($0, file: file) }
    }

    /// The tree in `bytes`, as `decode(_:file:)` reads it.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, file: String) -> Node? {
        var reader = Reader(bytes: bytes, source: SourceFileName(file))
        guard reader.number() == formatVersion, let node = reader.node(depth: 0), reader.atEnd else { return nil }
        return node
    }

    private enum Kind: UInt64 { case scalar, sequence, mapping }
    private enum ValueKind: UInt64 { case null, bool, int, float, string }
    private static let styles: [Scalar.Style] = [.plain, .singleQuoted, .doubleQuoted, .literal, .folded]
    /// Deeper than any built-in file nests; a corrupt archive cannot recurse without end.
    private static let maxDepth = 512

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func number(_ value: UInt64) {
            var rest = value
            while rest >= 0x40 {
                bytes.append(UInt8(rest & 0x3F) | 0x40)
                rest >>= 6
            }
            bytes.append(UInt8(rest))
        }

        mutating func string(_ text: String) {
            let utf8 = text.utf8
            if utf8.allSatisfy({ $0 < 0x80 }) {
                number(UInt64(utf8.count) << 1)
                bytes.append(contentsOf: utf8)
            } else {
                number(UInt64(utf8.count) << 1 | 1)
                for byte in utf8 { number(UInt64(byte)) }
            }
        }

        mutating func location(_ location: SourceLocation) {
            number(UInt64(location.line))
            number(UInt64(location.column))
        }

        mutating func node(_ node: Node) {
            switch node.content {
            case .scalar: number(Kind.scalar.rawValue)
            case .sequence: number(Kind.sequence.rawValue)
            case .mapping: number(Kind.mapping.rawValue)
            }
            location(node.range.start)
            location(node.range.end)
            switch node.content {
            case .scalar(let scalar):
                number(UInt64(NodeArchive.styles.firstIndex(of: scalar.style)!))
                switch scalar.value {
                case .null:
                    number(ValueKind.null.rawValue)
                case .bool(let flag):
                    number(ValueKind.bool.rawValue)
                    number(flag ? 1 : 0)
                case .int(let value):
                    number(ValueKind.int.rawValue)
                    number(UInt64(bitPattern: Int64((value << 1) ^ (value >> (Int.bitWidth - 1)))))
                case .float(let value):
                    number(ValueKind.float.rawValue)
                    number(value.bitPattern)
                case .string(let value):
                    number(ValueKind.string.rawValue)
                    // The usual string is the text itself: an empty marker instead of a copy.
                    if value == scalar.text {
                        number(0)
                    } else {
                        number(1)
                        string(value)
                    }
                }
                string(scalar.text)
            case .sequence(let items):
                number(UInt64(items.count))
                for item in items { self.node(item) }
            case .mapping(let pairs):
                number(UInt64(pairs.count))
                for pair in pairs {
                    self.node(pair.key)
                    self.node(pair.value)
                }
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let source: SourceFileName
        var offset = 0

        var atEnd: Bool { offset == bytes.count }

        /// The next number; nil past the end or when it has more than 64 bits.
        mutating func number() -> UInt64? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                guard byte < 0x80 else { return nil }
                value |= UInt64(byte & 0x3F) << shift
                if byte & 0x40 == 0 { return value }
                shift += 6
            }
            return nil
        }

        mutating func count() -> Int? {
            guard let value = number(), value <= UInt64(bytes.count - offset) else { return nil }
            return Int(value)
        }

        mutating func string() -> String? {
            guard let header = number(), header >> 1 <= UInt64(bytes.count - offset) else { return nil }
            let length = Int(header >> 1)
            if header & 1 == 0 {
                let ascii = UnsafeBufferPointer(rebasing: bytes[offset..<offset + length])
                offset += length
                return String(decoding: ascii, as: UTF8.self)
            }
            var utf8: [UInt8] = []
            utf8.reserveCapacity(length)
            for _ in 0..<length {
                guard let byte = number(), byte <= 0xFF else { return nil }
                utf8.append(UInt8(byte))
            }
            return String(validating: utf8, as: UTF8.self)
        }

        mutating func location() -> SourceLocation? {
            guard let line = number(), let column = number(), line <= UInt32.max, column <= UInt32.max else { return nil }
            return SourceLocation(line: Int(line), column: Int(column))
        }

        mutating func node(depth: Int) -> Node? {
            guard depth < NodeArchive.maxDepth, let kind = number().flatMap(Kind.init(rawValue:)),
                  let start = location(), let end = location() else { return nil }
            let range = SourceRange(source: source, start: start, end: end)
            switch kind {
            case .scalar:
                guard let style = number(), style < UInt64(NodeArchive.styles.count),
                      let valueKind = number().flatMap(ValueKind.init(rawValue:)) else { return nil }
                var value: ScalarValue?
                var otherString: String?
                switch valueKind {
                case .null: value = .null
                case .bool: value = number().flatMap { $0 <= 1 ? .bool($0 == 1) : nil }
                case .int:
                    value = number().map { encoded in
                        let bits = Int(Int64(bitPattern: encoded))
                        return .int(Int(bitPattern: UInt(bitPattern: bits) >> 1) ^ -(bits & 1))
                    }
                case .float: value = number().map { .float(Double(bitPattern: $0)) }
                case .string:
                    switch number() {
                    case 0: break
                    case 1: guard let string = string() else { return nil }; otherString = string
                    default: return nil
                    }
                }
                guard let text = string() else { return nil }
                if valueKind == .string { value = .string(otherString ?? text) }
                guard let value else { return nil }
                return Node(.scalar(Scalar(text: text, style: NodeArchive.styles[Int(style)], value: value)), range: range)
            case .sequence:
                guard let count = count() else { return nil }
                var items: [Node] = []
                items.reserveCapacity(count)
                for _ in 0..<count {
                    guard let item = node(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return Node(.sequence(items), range: range)
            case .mapping:
                guard let count = count() else { return nil }
                var pairs: [Pair] = []
                pairs.reserveCapacity(count)
                for _ in 0..<count {
                    guard let key = node(depth: depth + 1), let value = node(depth: depth + 1) else { return nil }
                    pairs.append(Pair(key: key, value: value))
                }
                return Node(.mapping(pairs), range: range)
            }
        }
    }
}
