/// Reads a document a user's template rendered the way an XML parser does, far enough to say
/// whether it is well-formed (libvirt's libxml2 refuses it otherwise) and, when it is, where its
/// root element's `<metadata>` child is, so that bluevirt's own element can go into it
/// (``OwnershipMetadata``). Comments, CDATA sections, processing instructions, a DOCTYPE and
/// attribute values are read as what they are, never searched as text. No libxml2: validate and
/// dry-run do not load libvirt, which brings it.
///
/// It checks what libxml2 refuses in a document without entity declarations: names, quotes,
/// nesting, one root, references, comments, and characters XML cannot hold.
struct XMLDocumentReader {
    /// Why a document is not well-formed, at a 1-based line and column (in Unicode scalars).
    struct Problem: Error, Equatable {
        var message: String
        var line: Int
        var column: Int
        /// The line of an element the problem concerns (the one a wrong end tag should close).
        var openedAtLine: Int?
    }

    /// Where things are in a well-formed document, as byte offsets into its UTF-8.
    struct Outline: Equatable {
        var rootName: String
        /// Just after the `>` of the root's start tag (the root is never empty in libvirt).
        var rootContentStart: Int
        var metadata: Metadata?
    }

    /// The root's first `<metadata>` child.
    struct Metadata: Equatable {
        /// Where its content starts; for `<metadata/>`, where the `/>` starts.
        var contentStart: Int
        var isEmptyElement: Bool
        /// An element inside it declares `namespace` (a template that wrote bluevirt's own).
        var declaresNamespace: Bool
    }

    /// The outline of `text`, or why it is not well-formed. `namespace` is looked for among the
    /// attribute values inside the root's `<metadata>`.
    static func read(_ text: String, namespace: String) throws(Problem) -> Outline {
        var reader = XMLDocumentReader(bytes: Array(text.utf8), namespace: namespace)
        return try reader.document()
    }

    private let bytes: [UInt8]
    private let namespace: String
    private var position = 0
    private var hasDoctype = false
    /// Inside the root's first `<metadata>`, the one ``Outline/metadata`` describes.
    private var insideMetadata = false

    private init(bytes: [UInt8], namespace: String) {
        self.bytes = bytes
        self.namespace = namespace
    }

    // MARK: The document

    private mutating func document() throws(Problem) -> Outline {
        if starts("\u{FEFF}") { position += 3 }
        if starts("<?xml"), position + 5 < bytes.count, isSpace(bytes[position + 5]) { try processingInstruction() }
        try misc(allowingDoctype: true)
        guard position < bytes.count else { throw problem("the document has no root element (libvirt needs one, such as <domain>)") }
        guard bytes[position] == UInt8(ascii: "<") else { throw problem("text before the root element: '<' expected") }
        var outline = Outline(rootName: "", rootContentStart: 0, metadata: nil)
        try element(depth: 0, outline: &outline)
        try misc(allowingDoctype: false)
        if position < bytes.count {
            throw problem(bytes[position] == UInt8(ascii: "<")
                ? "a second root element after </\(outline.rootName)>: a document has exactly one"
                : "text after the root element's end tag </\(outline.rootName)>")
        }
        return outline
    }

    /// Whitespace, comments and processing instructions around the root element.
    private mutating func misc(allowingDoctype: Bool) throws(Problem) {
        while position < bytes.count {
            if isSpace(bytes[position]) {
                position += 1
            } else if starts("<!--") {
                try comment()
            } else if starts("<?") {
                try processingInstruction()
            } else if starts("<!DOCTYPE") {
                guard allowingDoctype, !hasDoctype else { throw problem("a DOCTYPE is allowed only once, before the root element") }
                try doctype()
            } else {
                return
            }
        }
    }

    /// `<!DOCTYPE …>`, skipped with its internal subset; references to the entities it may
    /// declare are then accepted.
    private mutating func doctype() throws(Problem) {
        let start = position
        hasDoctype = true
        position += 9
        var quote: UInt8?
        var inSubset = false
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if byte == UInt8(ascii: ">"), !inSubset {
                return
            }
        }
        throw problem("the DOCTYPE is not finished: '>' expected", at: start)
    }

    // MARK: Elements

    /// An element and everything inside it; the root fills `outline`.
    private mutating func element(depth: Int, outline: inout Outline) throws(Problem) {
        let start = position
        position += 1
        let name = try self.name(what: "an element name")
        var attributeNames: Set<String> = []
        var declaresNamespace = false
        while true {
            let hadSpace = skipSpace()
            guard position < bytes.count else { throw problem("the start tag <\(name)> is not finished: '>' expected", at: start) }
            if starts("/>") || bytes[position] == UInt8(ascii: ">") { break }
            guard hadSpace else { throw problem("attributes of <\(name)> must be separated by whitespace") }
            let attributeStart = position
            let attribute = try self.name(what: "an attribute name or '>'")
            guard attributeNames.insert(attribute).inserted else {
                throw problem("the attribute '\(attribute)' is given twice in <\(name)>", at: attributeStart)
            }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw problem("the attribute '\(attribute)' of <\(name)> has no value: '=' expected")
            }
            position += 1
            skipSpace()
            if try attributeValue(of: attribute) == namespace { declaresNamespace = true }
        }
        let isEmpty = starts("/>")
        position += isEmpty ? 2 : 1
        if depth == 0 {
            outline.rootName = name
            outline.rootContentStart = position
        } else if insideMetadata, declaresNamespace {
            outline.metadata?.declaresNamespace = true
        }
        let opensMetadata = depth == 1 && name == "metadata" && outline.metadata == nil
        if opensMetadata {
            outline.metadata = Metadata(contentStart: isEmpty ? position - 2 : position, isEmptyElement: isEmpty, declaresNamespace: false)
        }
        guard !isEmpty else { return }
        insideMetadata = insideMetadata || opensMetadata
        try content(of: name, startedAt: start, depth: depth, outline: &outline)
        if opensMetadata { insideMetadata = false }
    }

    /// Text, references, comments, CDATA, processing instructions and child elements, up to and
    /// including the end tag of `name`.
    private mutating func content(of name: String, startedAt start: Int, depth: Int, outline: inout Outline) throws(Problem) {
        while true {
            guard position < bytes.count else {
                throw problem("the document ends inside <\(name)>, opened at line \(line(of: start)): '</\(name)>' expected",
                              openedAt: start)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "&") {
                try reference()
            } else if byte != UInt8(ascii: "<") {
                if starts("]]>") { throw problem("']]>' in text: it may only end a CDATA section; write ']]&gt;'") }
                try character()
            } else if starts("</") {
                let endStart = position
                position += 2
                let endName = try self.name(what: "the name of the end tag")
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
                    throw problem("the end tag </\(endName)> is not finished: '>' expected")
                }
                position += 1
                guard endName == name else {
                    throw problem("the end tag </\(endName)> does not match <\(name)>, opened at line \(line(of: start)), which is still open",
                                  at: endStart, openedAt: start)
                }
                return
            } else if starts("<!--") {
                try comment()
            } else if starts("<![CDATA[") {
                let cdataStart = position
                position += 9
                try skip(past: "]]>", unfinished: "the CDATA section is not finished: ']]>' expected", startedAt: cdataStart)
            } else if starts("<?") {
                try processingInstruction()
            } else if starts("<!") {
                throw problem("'<!' in the content of <\(name)>: only a comment (<!--) or a CDATA section (<![CDATA[) may start so")
            } else {
                try element(depth: depth + 1, outline: &outline)
            }
        }
    }

    /// A quoted attribute value, its references checked; returns the raw text between the quotes.
    private mutating func attributeValue(of attribute: String) throws(Problem) -> String {
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
            throw problem("the value of the attribute '\(attribute)' must be in quotes")
        }
        let open = position
        let quote = bytes[position]
        position += 1
        let start = position
        while true {
            guard position < bytes.count else { throw problem("the value of the attribute '\(attribute)' is not closed", at: open) }
            let byte = bytes[position]
            if byte == quote { break }
            if byte == UInt8(ascii: "<") { throw problem("'<' in the value of the attribute '\(attribute)': write '&lt;'") }
            if byte == UInt8(ascii: "&") { try reference() } else { try character() }
        }
        let value = String(decoding: bytes[start..<position], as: UTF8.self)
        position += 1
        return value
    }

    // MARK: Pieces

    /// `&name;`, `&#N;` or `&#xH;`: a predefined entity (or one a DOCTYPE may declare) or a
    /// character XML can hold.
    private mutating func reference() throws(Problem) {
        let start = position
        position += 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "#") {
            position += 1
            let hex = position < bytes.count && bytes[position] == UInt8(ascii: "x")
            if hex { position += 1 }
            let digitsStart = position
            while position < bytes.count, bytes[position] != UInt8(ascii: ";"), position - digitsStart < 10 { position += 1 }
            let digits = String(decoding: bytes[digitsStart..<position], as: UTF8.self)
            guard position < bytes.count, bytes[position] == UInt8(ascii: ";"), let value = UInt32(digits, radix: hex ? 16 : 10),
                  let scalar = Unicode.Scalar(value), Self.isXMLCharacter(scalar) else {
                throw problem("'\(String(decoding: bytes[start..<min(position + 1, bytes.count)], as: UTF8.self))' is no character reference XML allows", at: start)
            }
            position += 1
            return
        }
        let nameStart = position
        while position < bytes.count, isNameByte(bytes[position], first: position == nameStart) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        guard !name.isEmpty, position < bytes.count, bytes[position] == UInt8(ascii: ";") else {
            throw problem("'&' that starts no reference: write '&amp;'", at: start)
        }
        guard hasDoctype || ["amp", "lt", "gt", "quot", "apos"].contains(name) else {
            throw problem("the entity '&\(name);' is not defined: XML knows only &amp; &lt; &gt; &quot; &apos;", at: start)
        }
        position += 1
    }

    private mutating func comment() throws(Problem) {
        let start = position
        position += 4
        while position < bytes.count {
            if starts("--") {
                guard starts("-->") else { throw problem("'--' inside a comment, which XML does not allow") }
                position += 3
                return
            }
            try character()
        }
        throw problem("the comment is not finished: '-->' expected", at: start)
    }

    private mutating func processingInstruction() throws(Problem) {
        let start = position
        position += 2
        let target = try name(what: "a processing instruction's name after '<?'")
        if target.lowercased() == "xml", start != 0, !(start == 3 && bytes.starts(with: [0xEF, 0xBB, 0xBF])) {
            throw problem("an XML declaration (<?xml …?>) is allowed only at the very start of the document", at: start)
        }
        try skip(past: "?>", unfinished: "the processing instruction <?\(target) is not finished: '?>' expected", startedAt: start)
    }

    /// A name (element, attribute, processing instruction), or `what` was expected.
    private mutating func name(what: String) throws(Problem) -> String {
        let start = position
        while position < bytes.count, isNameByte(bytes[position], first: position == start) { position += 1 }
        guard position > start else {
            let found = position < bytes.count ? "'\(Unicode.Scalar(bytes[position]))'" : "the end of the document"
            throw problem("\(what) expected, found \(found)")
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skip(past terminator: StaticString, unfinished: String, startedAt start: Int) throws(Problem) {
        while position < bytes.count {
            if starts(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            try character()
        }
        throw problem(unfinished, at: start)
    }

    /// One character of text, which must be one XML can hold (no control characters but tab,
    /// line feed and carriage return).
    private mutating func character() throws(Problem) {
        let byte = bytes[position]
        if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D {
            throw problem("the control character U+\(String(byte, radix: 16, uppercase: true).leftPadded) cannot appear in XML")
        }
        position += 1
    }

    private static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// ASCII letters, `_` and `:` start a name; digits, `-` and `.` may follow; every byte of a
    /// non-ASCII character is accepted (libvirt's names are ASCII; this only must not refuse
    /// what libxml2 accepts).
    private func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"), UInt8(ascii: ":"), 0x80...0xFF:
            true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."):
            !first
        default:
            false
        }
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    @discardableResult
    private mutating func skipSpace() -> Bool {
        let start = position
        while position < bytes.count, isSpace(bytes[position]) { position += 1 }
        return position > start
    }

    private func starts(_ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        return prefix.withUTF8Buffer { expected in
            for offset in 0..<count where bytes[position + offset] != expected[offset] { return false }
            return true
        }
    }

    // MARK: Positions

    private func problem(_ message: String, at offset: Int? = nil, openedAt: Int? = nil) -> Problem {
        let (line, column) = location(of: min(offset ?? position, bytes.count))
        return Problem(message: message, line: line, column: column, openedAtLine: openedAt.map(line(of:)))
    }

    private func line(of offset: Int) -> Int { location(of: offset).line }

    private func location(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters: continuation bytes of UTF-8 are not counted.
        let column = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count + 1
        return (line, column)
    }
}

extension String {
    /// Four hex digits at least, as U+ numbers are written.
    fileprivate var leftPadded: String { count < 4 ? String(repeating: "0", count: 4 - count) + self : self }
}
