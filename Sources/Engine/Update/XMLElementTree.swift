import Platform
import LibvirtBackend

/// A libvirt document read as a tree of elements, enough to compare what bluevirt defined with
/// what libvirt reports: elements, attributes, text; comments, processing instructions and
/// the XML declaration are skipped. Not a general XML parser (no DTDs, no namespaces resolved):
/// libvirt's documents need none of that.
struct XMLElementTree: Sendable, Hashable {
    var name: String
    var attributes: [(String, String)] = []
    var children: [XMLElementTree] = []
    /// The element's own text, whitespace at both ends removed.
    var text = ""

    static func == (lhs: XMLElementTree, rhs: XMLElementTree) -> Bool {
        lhs.name == rhs.name && lhs.text == rhs.text && lhs.children == rhs.children
            && lhs.attributes.map { [$0.0, $0.1] } == rhs.attributes.map { [$0.0, $0.1] }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(text)
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.0 == name }?.1
    }

    /// The root element of `text`, or nil when it is not well-formed enough to read.
    static func parse(_ text: String) -> XMLElementTree? {
        var reader = Reader(bytes: Array(text.utf8))
        return reader.document()
    }

    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        mutating func document() -> XMLElementTree? {
            skipMisc()
            guard let root = element() else { return nil }
            return root
        }

        /// Skips whitespace, comments, `<?…?>` and `<!…>` before or between elements.
        mutating func skipMisc() {
            while position < bytes.count {
                if isSpace(bytes[position]) { position += 1; continue }
                if starts("<!--") { skip(past: "-->"); continue }
                if starts("<?") { skip(past: "?>"); continue }
                if starts("<!") { skip(past: ">"); continue }
                return
            }
        }

        mutating func element() -> XMLElementTree? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "<") else { return nil }
            position += 1
            var node = XMLElementTree(name: name())
            guard !node.name.isEmpty else { return nil }
            while true {
                skipSpace()
                guard position < bytes.count else { return nil }
                if starts("/>") { position += 2; return node }
                if bytes[position] == UInt8(ascii: ">") { position += 1; break }
                let key = name()
                skipSpace()
                guard !key.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return nil }
                position += 1
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else { return nil }
                let quote = bytes[position]
                position += 1
                let start = position
                while position < bytes.count, bytes[position] != quote { position += 1 }
                guard position < bytes.count else { return nil }
                node.attributes.append((key, Self.unescape(bytes[start..<position])))
                position += 1
            }
            var text: [UInt8] = []
            while position < bytes.count {
                if bytes[position] != UInt8(ascii: "<") {
                    text.append(bytes[position])
                    position += 1
                    continue
                }
                if starts("</") {
                    skip(past: ">")
                    node.text = Self.unescape(text[...]).trimmingSpace()
                    return node
                }
                if starts("<!--") { skip(past: "-->"); continue }
                if starts("<![CDATA[") {
                    position += 9
                    let start = position
                    skip(past: "]]>")
                    text.append(contentsOf: bytes[start..<max(start, position - 3)])
                    continue
                }
                if starts("<?") { skip(past: "?>"); continue }
                if bytes[position] == UInt8(ascii: "<") {
                    guard let child = element() else { return nil }
                    node.children.append(child)
                    continue
                }
                text.append(bytes[position])
                position += 1
            }
            return nil
        }

        mutating func name() -> String {
            let start = position
            while position < bytes.count, !isSpace(bytes[position]),
                  ![UInt8(ascii: ">"), UInt8(ascii: "/"), UInt8(ascii: "="), UInt8(ascii: "<")].contains(bytes[position]) {
                position += 1
            }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }

        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

        mutating func skipSpace() {
            while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        }

        func starts(_ prefix: StaticString) -> Bool {
            let count = prefix.utf8CodeUnitCount
            guard position + count <= bytes.count else { return false }
            return prefix.withUTF8Buffer { expected in
                for offset in 0..<count where bytes[position + offset] != expected[offset] { return false }
                return true
            }
        }

        mutating func skip(past terminator: StaticString) {
            while position < bytes.count, !starts(terminator) { position += 1 }
            position = min(bytes.count, position + terminator.utf8CodeUnitCount)
        }

        static func unescape(_ raw: ArraySlice<UInt8>) -> String {
            XMLCharacterData.decoded(String(decoding: raw, as: UTF8.self))
        }
    }
}

extension String {
    fileprivate func trimmingSpace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
