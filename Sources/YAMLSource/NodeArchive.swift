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
/// - a sequence: its count, the length in bytes of its items, and its items;
/// - a mapping: its count, the same length, and for each pair the key and then the value.
/// The lengths let a reader step over a collection it does not need (`decodeOutlined`).
public enum NodeArchive {
    /// Written first; an archive of another version reads as nil.
    static let formatVersion: UInt64 = 2

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
        do {
            guard try reader.number() == formatVersion else { return nil }
            let node = try reader.node(depth: 0)
            return reader.atEnd ? node : nil
        } catch {
            return nil
        }
    }

    /// A tree whose definitions are outlined (`decodeOutlined`): where each one's whole value starts.
    public struct OutlinedTree {
        public var root: Node
        /// The offset of each outlined value in the archive, by section and then entry name.
        public var offsets: [String: [String: Int]]
    }

    /// The tree in `archive` with the entries of the top-level `sections` outlined: each entry's
    /// value, when a mapping, keeps only the pair whose key is `kept`; `decodeValue` reads the
    /// whole value from its offset when it is needed. A small blueprint uses a handful of the
    /// built-in types; building the whole trees of the built-in files was an eighth of its
    /// validate's instructions.
    public static func decodeOutlined(_ archive: String, file: String, sections: Set<String>, keeping kept: String) -> OutlinedTree? {
        var archive = archive
        return archive.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, source: SourceFileName(file))
            do {
                guard try reader.number() == formatVersion else { return nil }
                var offsets: [String: [String: Int]] = [:]
                guard let root = try reader.outlinedRoot(sections: sections, kept: kept, offsets: &offsets) else { return nil }
                return reader.atEnd ? OutlinedTree(root: root, offsets: offsets) : nil
            } catch {
                return nil
            }
        }
    }

    /// The whole value at `offset` of `archive` (an offset `decodeOutlined` gave).
    public static func decodeValue(_ archive: String, file: String, at offset: Int) -> Node? {
        var archive = archive
        return archive.withUTF8 { bytes in
            guard offset >= 0, offset < bytes.count else { return nil }
            var reader = Reader(bytes: bytes, source: SourceFileName(file), offset: offset)
            return try? reader.node(depth: 2)  // a section's entry
        }
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
                var children = Writer()
                for item in items { children.node(item) }
                number(UInt64(children.bytes.count))
                bytes += children.bytes
            case .mapping(let pairs):
                number(UInt64(pairs.count))
                var children = Writer()
                for pair in pairs {
                    children.node(pair.key)
                    children.node(pair.value)
                }
                number(UInt64(children.bytes.count))
                bytes += children.bytes
            }
        }
    }

    /// An archive that is cut short or not of this format.
    private struct Malformed: Error {}

    /// Reads by throwing on the first malformed byte: a node is returned as such, not wrapped in
    /// an optional that each level of the tree would copy out of (a quarter of the decoding).
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let source: SourceFileName
        var offset = 0

        init(bytes: UnsafeBufferPointer<UInt8>, source: SourceFileName, offset: Int = 0) {
            self.bytes = bytes
            self.source = source
            self.offset = offset
        }

        var atEnd: Bool { offset == bytes.count }

        /// The next number; malformed past the end or when it has more than 64 bits. Inlined:
        /// about ten per node, most of them one byte.
        @inline(__always)
        mutating func number() throws(Malformed) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                guard byte < 0x80 else { throw Malformed() }
                value |= UInt64(byte & 0x3F) << shift
                if byte & 0x40 == 0 { return value }
                shift += 6
            }
            throw Malformed()
        }

        mutating func count() throws(Malformed) -> Int {
            let value = try number()
            guard value <= UInt64(bytes.count - offset) else { throw Malformed() }
            return Int(value)
        }

        mutating func string() throws(Malformed) -> String {
            let header = try number()
            guard header >> 1 <= UInt64(bytes.count - offset) else { throw Malformed() }
            let length = Int(header >> 1)
            if header & 1 == 0 {
                let ascii = UnsafeBufferPointer(rebasing: bytes[offset..<offset + length])
                offset += length
                return String(decoding: ascii, as: UTF8.self)
            }
            var utf8: [UInt8] = []
            utf8.reserveCapacity(length)
            for _ in 0..<length {
                let byte = try number()
                guard byte <= 0xFF else { throw Malformed() }
                utf8.append(UInt8(byte))
            }
            guard let string = String(validating: utf8, as: UTF8.self) else { throw Malformed() }
            return string
        }

        @inline(__always)
        mutating func location() throws(Malformed) -> SourceLocation {
            let line = try number(), column = try number()
            guard line <= UInt32.max, column <= UInt32.max else { throw Malformed() }
            return SourceLocation(line: Int(line), column: Int(column))
        }

        /// Where a collection whose length is next ends.
        mutating func collectionEnd() throws(Malformed) -> Int {
            let length = try count()
            return offset + length
        }

        /// A node's kind and range, the start of every node.
        @inline(__always)
        mutating func header(depth: Int) throws(Malformed) -> (Kind, SourceRange) {
            guard depth < NodeArchive.maxDepth, let kind = Kind(rawValue: try number()) else { throw Malformed() }
            return (kind, SourceRange(source: source, start: try location(), end: try location()))
        }

        mutating func node(depth: Int) throws(Malformed) -> Node {
            let (kind, range) = try header(depth: depth)
            switch kind {
            case .scalar:
                let style = try number()
                guard style < UInt64(NodeArchive.styles.count), let valueKind = ValueKind(rawValue: try number()) else { throw Malformed() }
                let value: ScalarValue?
                switch valueKind {
                case .null: value = .null
                case .bool:
                    let flag = try number()
                    guard flag <= 1 else { throw Malformed() }
                    value = .bool(flag == 1)
                case .int:
                    let bits = Int(Int64(bitPattern: try number()))
                    value = .int(Int(bitPattern: UInt(bitPattern: bits) >> 1) ^ -(bits & 1))
                case .float: value = .float(Double(bitPattern: try number()))
                case .string:
                    switch try number() {
                    case 0: value = nil  // the text itself, read next
                    case 1: value = .string(try string())
                    default: throw Malformed()
                    }
                }
                let text = try string()
                return Node(.scalar(Scalar(text: text, style: NodeArchive.styles[Int(style)], value: value ?? .string(text))), range: range)
            case .sequence:
                let count = try count()
                let end = try collectionEnd()
                var items: [Node] = []
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(try node(depth: depth + 1)) }
                guard offset == end else { throw Malformed() }
                return Node(.sequence(items), range: range)
            case .mapping:
                let count = try count()
                let end = try collectionEnd()
                var pairs: [Pair] = []
                pairs.reserveCapacity(count)
                for _ in 0..<count {
                    let key = try node(depth: depth + 1)
                    pairs.append(Pair(key: key, value: try node(depth: depth + 1)))
                }
                guard offset == end else { throw Malformed() }
                return Node(.mapping(pairs), range: range)
            }
        }

        /// Moves past the next node without building it: a collection at once, by its length.
        mutating func skip(depth: Int) throws(Malformed) {
            guard depth < NodeArchive.maxDepth, let kind = Kind(rawValue: try number()) else { throw Malformed() }
            for _ in 0..<4 { _ = try number() }  // the range
            switch kind {
            case .scalar:
                _ = try number()  // style
                guard let valueKind = ValueKind(rawValue: try number()) else { throw Malformed() }
                switch valueKind {
                case .null: break
                case .bool, .int, .float: _ = try number()
                case .string: if try number() == 1 { try skipString() }
                }
                try skipString()
            case .sequence, .mapping:
                _ = try count()
                offset = try collectionEnd()
            }
        }

        mutating func skipString() throws(Malformed) {
            let header = try number()
            let length = Int(clamping: header >> 1)
            guard length <= bytes.count - offset else { throw Malformed() }
            if header & 1 == 0 {
                offset += length
            } else {
                for _ in 0..<length { _ = try number() }
            }
        }

        /// The root, with the entries of `sections` outlined (see `decodeOutlined`); nil when a
        /// section or a name in one is written twice.
        mutating func outlinedRoot(sections: Set<String>, kept: String, offsets: inout [String: [String: Int]]) throws(Malformed) -> Node? {
            let start = offset
            let (kind, range) = try header(depth: 0)
            guard kind == .mapping else {
                offset = start
                return try node(depth: 0)
            }
            var pairs: [Pair] = []
            let sectionCount = try count()
            let end = try collectionEnd()
            for _ in 0..<sectionCount {
                let key = try node(depth: 1)
                guard let section = key.string, sections.contains(section) else {
                    pairs.append(Pair(key: key, value: try node(depth: 1)))
                    continue
                }
                let sectionStart = offset
                let (sectionKind, sectionRange) = try header(depth: 1)
                guard sectionKind == .mapping else {
                    offset = sectionStart
                    pairs.append(Pair(key: key, value: try node(depth: 1)))
                    continue
                }
                var entries: [Pair] = []
                var sectionOffsets: [String: Int] = [:]
                let entryCount = try count()
                let sectionEnd = try collectionEnd()
                for _ in 0..<entryCount {
                    let name = try node(depth: 2)
                    let valueStart = offset
                    if let text = name.string, let outline = try outlined(depth: 2, kept: kept) {
                        // A name written twice would need both values: the caller reads the tree whole.
                        guard sectionOffsets.updateValue(valueStart, forKey: text) == nil else { return nil }
                        entries.append(Pair(key: name, value: outline))
                    } else {
                        offset = valueStart
                        entries.append(Pair(key: name, value: try node(depth: 2)))
                    }
                }
                guard offset == sectionEnd else { throw Malformed() }
                guard offsets.updateValue(sectionOffsets, forKey: section) == nil else { return nil }
                pairs.append(Pair(key: key, value: Node(.mapping(entries), range: sectionRange)))
            }
            guard offset == end else { throw Malformed() }
            return Node(.mapping(pairs), range: range)
        }

        /// A mapping with only its `kept` pair; nil, past the node's header only, when not a mapping.
        mutating func outlined(depth: Int, kept: String) throws(Malformed) -> Node? {
            let (kind, range) = try header(depth: depth)
            guard kind == .mapping else {
                return nil
            }
            var pairs: [Pair] = []
            let pairCount = try count()
            let end = try collectionEnd()
            for _ in 0..<pairCount {
                let key = try node(depth: depth + 1)
                if key.string == kept {
                    pairs.append(Pair(key: key, value: try node(depth: depth + 1)))
                } else {
                    try skip(depth: depth + 1)
                }
            }
            guard offset == end else { throw Malformed() }
            return Node(.mapping(pairs), range: range)
        }
    }
}
