/// Reads JSON text into a ``JSONValue`` with the results JSONDecoder gives through
/// `JSONValue`'s Decodable conformance (Tests/StateStoreTests/JSONTextTests compares the two):
/// a number that is a whole Int64 (`3`, `3.0`, `1e2`) reads as `.integer`, any other as
/// `.number`. JSONDecoder's way there tries each kind in turn and throws for every miss, about
/// 450,000 instructions per node instance read from the state.
struct JSONTextReader {
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "malformed JSON at byte \(offset)" }
    }

    private let bytes: [UInt8]
    private var position = 0

    static func value(of text: String) throws(Malformed) -> JSONValue {
        var reader = JSONTextReader(bytes: Array(text.utf8))
        let value = try reader.readValue(depth: 0)
        reader.skipWhitespace()
        guard reader.position == reader.bytes.count else { throw Malformed(offset: reader.position) }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Deeper than this is refused rather than recursed into (JSONDecoder's own limit is 512).
    private static let maximumDepth = 512

    private mutating func readValue(depth: Int) throws(Malformed) -> JSONValue {
        guard depth <= Self.maximumDepth else { throw Malformed(offset: position) }
        skipWhitespace()
        guard position < bytes.count else { throw Malformed(offset: position) }
        switch bytes[position] {
        case UInt8(ascii: "n"): try expect("null"); return .null
        case UInt8(ascii: "t"): try expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try expect("false"); return .bool(false)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "["):
            position += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if peek(UInt8(ascii: "]")) { position += 1; return .array(elements) }
            repeat {
                elements.append(try readValue(depth: depth + 1))
            } while try !reachedEnd(UInt8(ascii: "]"))
            return .array(elements)
        case UInt8(ascii: "{"):
            position += 1
            var members: [String: JSONValue] = [:]
            skipWhitespace()
            if peek(UInt8(ascii: "}")) { position += 1; return .object(members) }
            repeat {
                skipWhitespace()
                guard peek(UInt8(ascii: "\"")) else { throw Malformed(offset: position) }
                let key = try readString()
                skipWhitespace()
                guard peek(UInt8(ascii: ":")) else { throw Malformed(offset: position) }
                position += 1
                let value = try readValue(depth: depth + 1)
                // A repeated key keeps its first value, as with JSONDecoder.
                if members[key] == nil { members[key] = value }
            } while try !reachedEnd(UInt8(ascii: "}"))
            return .object(members)
        default:
            return try readNumber()
        }
    }

    /// After an element: true past the closing bracket, false past a comma with more to come.
    /// One trailing comma before the bracket is accepted, as JSONDecoder accepts it.
    private mutating func reachedEnd(_ closing: UInt8) throws(Malformed) -> Bool {
        skipWhitespace()
        if peek(UInt8(ascii: ",")) {
            position += 1
            skipWhitespace()
            guard peek(closing) else { return false }
        } else {
            guard peek(closing) else { throw Malformed(offset: position) }
        }
        position += 1
        return true
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    private mutating func expect(_ word: StaticString) throws(Malformed) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw Malformed(offset: position) }
        for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
            throw Malformed(offset: position + offset)
        }
        position += count
    }

    /// JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    private mutating func readNumber() throws(Malformed) -> JSONValue {
        let start = position
        func digits() -> Int {
            let first = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - first
        }
        if peek(UInt8(ascii: "-")) { position += 1 }
        let integerStart = position
        guard digits() > 0 else { throw Malformed(offset: start) }
        if bytes[integerStart] == UInt8(ascii: "0"), position - integerStart > 1 { throw Malformed(offset: start) }
        var isWhole = true
        if peek(UInt8(ascii: ".")) {
            position += 1
            isWhole = false
            guard digits() > 0 else { throw Malformed(offset: start) }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            position += 1
            isWhole = false
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw Malformed(offset: start) }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isWhole, let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else { throw Malformed(offset: start) }
        if let integer = Int64(exactly: number) { return .integer(integer) }
        return .number(number)
    }

    private mutating func readString() throws(Malformed) -> String {
        position += 1  // the opening quote
        var utf8: [UInt8] = []
        var plainStart = position
        while true {
            guard position < bytes.count else { throw Malformed(offset: position) }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let end = position
                position += 1
                // Most strings have no escape: made from the bytes as they are.
                if utf8.isEmpty { return String(decoding: bytes[plainStart..<end], as: UTF8.self) }
                utf8.append(contentsOf: bytes[plainStart..<end])
                return String(decoding: utf8, as: UTF8.self)
            }
            guard byte >= 0x20 else { throw Malformed(offset: position) }
            guard byte == UInt8(ascii: "\\") else { position += 1; continue }
            utf8.append(contentsOf: bytes[plainStart..<position])
            position += 1
            guard position < bytes.count else { throw Malformed(offset: position) }
            let escaped = bytes[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escaped)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var scalarValue = try readHex4()
                if (0xD800..<0xDC00).contains(scalarValue) {
                    // A high surrogate must be followed by an escaped low one.
                    guard peek(UInt8(ascii: "\\")), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "u") else {
                        throw Malformed(offset: position)
                    }
                    position += 2
                    let low = try readHex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: position) }
                    scalarValue = 0x10000 + ((scalarValue - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(scalarValue) else { throw Malformed(offset: position) }
                utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw Malformed(offset: position - 1)
            }
            plainStart = position
        }
    }

    private mutating func readHex4() throws(Malformed) -> UInt32 {
        guard position + 4 <= bytes.count else { throw Malformed(offset: position) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw Malformed(offset: position)
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }
}
