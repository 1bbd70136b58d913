import Blueprint

/// The text PyYAML's `yaml.dump(value, default_flow_style=False, sort_keys=False)` writes, which
/// is how the Cloudify utilities plugin turns a CloudInit.CloudConfig's resource_config into its
/// `cloud_config`: block style, sequences in a mapping not indented, strings quoted only where
/// YAML 1.1 would read them as something else (`'123'`, `'yes'`), multi-line strings single
/// quoted with their line breaks doubled, non-ASCII text double quoted with escapes (PyYAML's
/// allow_unicode is off), lines folded at 80 columns. Written after PyYAML's emitter, state for
/// state, for the values JSON can hold; tested against PyYAML itself.
public enum PythonYAMLDump {
    public static func text(of value: Value) -> String {
        var emitter = Emitter()
        emitter.emitDocument(value)
        return emitter.output
    }
}

/// PyYAML's Emitter, reduced to what a dump of plain data reaches: no anchors, tags or block
/// scalars, flow style only for empty collections.
private struct Emitter {
    private(set) var output = ""
    private var indents: [Int?] = []
    private var indent: Int?
    private var flowLevel = 0
    /// The current column, in code points as Python counts them.
    private var column = 0
    /// The last character written is a space or a line break.
    private var whitespace = true
    /// Only indentation (and indicators such as `- `) on the current line so far.
    private var indention = true
    /// A plain scalar at the root was written: the stream ends with `...`.
    private var openEnded = false
    private let bestIndent = 2
    private let bestWidth = 80

    mutating func emitDocument(_ value: Value) {
        emitNode(value, root: true, mapping: false, simpleKey: false)
        writeIndent()
        if openEnded {
            writeIndicator("...", needWhitespace: true)
            writeIndent()
        }
    }

    private mutating func emitNode(_ value: Value, root: Bool = false, mapping: Bool, simpleKey: Bool) {
        switch value {
        case .list(let items):
            if flowLevel > 0 || items.isEmpty {
                emitEmptyFlowCollection(open: "[", close: "]")
            } else {
                emitBlockSequence(items, mappingContext: mapping)
            }
        case .map(let entries):
            if flowLevel > 0 || entries.isEmpty {
                emitEmptyFlowCollection(open: "{", close: "}")
            } else {
                emitBlockMapping(entries)
            }
        default:
            increaseIndent(flow: true)
            emitScalar(Scalar(value), root: root, simpleKey: simpleKey)
            indent = indents.removeLast()
        }
    }

    private mutating func emitEmptyFlowCollection(open: String, close: String) {
        writeIndicator(open, needWhitespace: true, whitespace: true)
        flowLevel += 1
        increaseIndent(flow: true)
        indent = indents.removeLast()
        flowLevel -= 1
        writeIndicator(close, needWhitespace: false)
    }

    private mutating func emitBlockSequence(_ items: [Value], mappingContext: Bool) {
        increaseIndent(flow: false, indentless: mappingContext && !indention)
        for item in items {
            writeIndent()
            writeIndicator("-", needWhitespace: true, indention: true)
            emitNode(item, mapping: false, simpleKey: false)
        }
        indent = indents.removeLast()
    }

    private mutating func emitBlockMapping(_ entries: [Value.Entry]) {
        increaseIndent(flow: false)
        for entry in entries {
            writeIndent()
            let key = Array(entry.key.unicodeScalars)
            // PyYAML counts the key's tag (`!!str`, 5 characters) into a simple key's length.
            if !key.isEmpty, key.count + 5 < 128, !key.contains(where: Self.isLineBreak) {
                emitNode(.string(entry.key), mapping: true, simpleKey: true)
                writeIndicator(":", needWhitespace: false)
            } else {
                writeIndicator("?", needWhitespace: true, indention: true)
                emitNode(.string(entry.key), mapping: true, simpleKey: false)
                writeIndent()
                writeIndicator(":", needWhitespace: true, indention: true)
            }
            emitNode(entry.value, mapping: true, simpleKey: false)
        }
        indent = indents.removeLast()
    }

    private mutating func increaseIndent(flow: Bool, indentless: Bool = false) {
        indents.append(indent)
        if let current = indent {
            if !indentless { indent = current + bestIndent }
        } else {
            indent = flow ? bestIndent : 0
        }
    }

    // MARK: scalars

    /// A scalar as PyYAML's representer gives it: its text, and whether it may be written
    /// plain (it reads back as the same type).
    private struct Scalar {
        var text: [Unicode.Scalar]
        var plainAllowed: Bool

        init(_ value: Value) {
            let text: String
            switch value {
            case .null: text = "null"
            case .bool(let flag): text = flag ? "true" : "false"
            case .int(let number): text = String(number)
            case .float(let number): text = PythonFloat.yamlText(number)
            case .string(let string):
                self.text = Array(string.unicodeScalars)
                plainAllowed = !YAML11ImplicitTypes.readsAsNonString(string)
                return
            case .list, .map: text = ""
            }
            self.text = Array(text.unicodeScalars)
            plainAllowed = true
        }
    }

    private enum Style { case plain, singleQuoted, doubleQuoted }

    private mutating func emitScalar(_ scalar: Scalar, root: Bool, simpleKey: Bool) {
        let analysis = ScalarAnalysis(scalar.text)
        var style = Style.doubleQuoted
        if scalar.plainAllowed, !(simpleKey && (analysis.empty || analysis.multiline)),
           flowLevel > 0 ? analysis.allowFlowPlain : analysis.allowBlockPlain {
            style = .plain
        } else if analysis.allowSingleQuoted, !(simpleKey && analysis.multiline) {
            style = .singleQuoted
        }
        let split = !simpleKey
        switch style {
        case .plain: writePlain(scalar.text, root: root, split: split)
        case .singleQuoted: writeSingleQuoted(scalar.text, split: split)
        case .doubleQuoted: writeDoubleQuoted(scalar.text, split: split)
        }
    }

    // MARK: writers

    private mutating func write(_ text: some Sequence<Unicode.Scalar>) {
        for character in text {
            output.unicodeScalars.append(character)
            column += 1
        }
    }

    private mutating func writeIndicator(_ indicator: String, needWhitespace: Bool, whitespace: Bool = false, indention: Bool = false) {
        if !self.whitespace && needWhitespace { write(" ".unicodeScalars) }
        write(indicator.unicodeScalars)
        self.whitespace = whitespace
        self.indention = self.indention && indention
        openEnded = false
    }

    private mutating func writeIndent() {
        let indent = self.indent ?? 0
        if !indention || column > indent || (column == indent && !whitespace) {
            writeLineBreak()
        }
        if column < indent {
            whitespace = true
            write(String(repeating: " ", count: indent - column).unicodeScalars)
        }
    }

    private mutating func writeLineBreak() {
        output.append("\n")
        whitespace = true
        indention = true
        column = 0
    }

    private mutating func writePlain(_ text: [Unicode.Scalar], root: Bool, split: Bool) {
        if root { openEnded = true }
        guard !text.isEmpty else { return }
        if !whitespace { write(" ".unicodeScalars) }
        whitespace = false
        indention = false
        // Plain scalars never hold line breaks (analysis forbids it): only spaces fold.
        var spaces = false
        var start = 0
        for end in 0...text.count {
            let character = end < text.count ? text[end] : nil
            if spaces {
                if character != " " {
                    if start + 1 == end && column > bestWidth && split {
                        writeIndent()
                        whitespace = false
                        indention = false
                    } else {
                        write(text[start..<end])
                    }
                    start = end
                }
            } else if character == nil || character == " " {
                write(text[start..<end])
                start = end
            }
            if let character { spaces = character == " " }
        }
    }

    private mutating func writeSingleQuoted(_ text: [Unicode.Scalar], split: Bool) {
        writeIndicator("'", needWhitespace: true)
        // Only printable ASCII and "\n" get here: anything else makes the scalar double quoted.
        var spaces = false, breaks = false
        var start = 0
        for end in 0...text.count {
            let character = end < text.count ? text[end] : nil
            if spaces {
                if character != " " {
                    if start + 1 == end && column > bestWidth && split && start != 0 && end != text.count {
                        writeIndent()
                    } else {
                        write(text[start..<end])
                    }
                    start = end
                }
            } else if breaks {
                if character != "\n" {
                    // A line break inside single quotes folds to a space: each is written twice.
                    writeLineBreak()
                    for _ in start..<end { writeLineBreak() }
                    writeIndent()
                    start = end
                }
            } else if character == nil || character == " " || character == "\n" || character == "'" {
                if start < end {
                    write(text[start..<end])
                    start = end
                }
            }
            if character == "'" {
                write("''".unicodeScalars)
                start = end + 1
            }
            if let character {
                spaces = character == " "
                breaks = character == "\n"
            }
        }
        writeIndicator("'", needWhitespace: false)
    }

    private static let escapes: [UInt32: String] = [
        0x00: "0", 0x07: "a", 0x08: "b", 0x09: "t", 0x0A: "n", 0x0B: "v", 0x0C: "f", 0x0D: "r", 0x1B: "e",
        0x22: "\"", 0x5C: "\\", 0x85: "N", 0xA0: "_", 0x2028: "L", 0x2029: "P",
    ]

    private mutating func writeDoubleQuoted(_ text: [Unicode.Scalar], split: Bool) {
        writeIndicator("\"", needWhitespace: true)
        var start = 0
        for end in 0...text.count {
            let character = end < text.count ? text[end] : nil
            if character == nil || !(0x20...0x7E).contains(character!.value) || character == "\"" || character == "\\" {
                if start < end {
                    write(text[start..<end])
                    start = end
                }
                if let character {
                    let code = character.value
                    let escaped = if let letter = Self.escapes[code] {
                        letter
                    } else if code <= 0xFF {
                        "x" + Self.hex(code, digits: 2)
                    } else if code <= 0xFFFF {
                        "u" + Self.hex(code, digits: 4)
                    } else {
                        "U" + Self.hex(code, digits: 8)
                    }
                    write(("\\" + escaped).unicodeScalars)
                    start = end + 1
                }
            }
            if 0 < end, end < text.count - 1, character == " " || start >= end,
               column + (end - start) > bestWidth, split {
                // After an escape `start` is past `end`: Python's empty slice.
                if start < end {
                    write(text[start..<end])
                    start = end
                }
                write("\\".unicodeScalars)
                writeIndent()
                whitespace = false
                indention = false
                if text[start] == " " { write("\\".unicodeScalars) }
            }
        }
        writeIndicator("\"", needWhitespace: false)
    }

    private static func hex(_ code: UInt32, digits: Int) -> String {
        let text = String(code, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func isLineBreak(_ character: Unicode.Scalar) -> Bool {
        ["\n", "\u{85}", "\u{2028}", "\u{2029}"].contains(character)
    }
}

/// What PyYAML's `analyze_scalar` finds about a scalar's text: which styles may write it.
private struct ScalarAnalysis {
    var empty = false
    var multiline = false
    var allowFlowPlain = true
    var allowBlockPlain = true
    var allowSingleQuoted = true

    init(_ text: [Unicode.Scalar]) {
        guard !text.isEmpty else {
            empty = true
            allowFlowPlain = false
            return
        }
        let isSpaceOrBreak: (Unicode.Scalar) -> Bool = { ["\0", " ", "\t", "\r", "\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
        var blockIndicators = false, flowIndicators = false, lineBreaks = false, specialCharacters = false
        var leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false
        var breakSpace = false, spaceBreak = false
        let prefix = String(String.UnicodeScalarView(text.prefix(3)))
        if prefix == "---" || prefix == "..." {
            blockIndicators = true
            flowIndicators = true
        }
        var precededByWhitespace = true
        var followedByWhitespace = text.count == 1 || isSpaceOrBreak(text[1])
        var previousSpace = false, previousBreak = false
        for index in text.indices {
            let character = text[index]
            if index == 0 {
                if "#,[]{}&*!|>'\"%@`".unicodeScalars.contains(character) {
                    flowIndicators = true
                    blockIndicators = true
                }
                if character == "?" || character == ":" {
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                }
                if character == "-" && followedByWhitespace {
                    flowIndicators = true
                    blockIndicators = true
                }
            } else {
                if ",?[]{}".unicodeScalars.contains(character) { flowIndicators = true }
                if character == ":" {
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                }
                if character == "#" && precededByWhitespace {
                    flowIndicators = true
                    blockIndicators = true
                }
            }
            let isBreak = Emitter.isLineBreak(character)
            if isBreak { lineBreaks = true }
            // Anything but "\n" and printable ASCII: PyYAML's allow_unicode is off.
            if !(character == "\n" || (0x20...0x7E).contains(character.value)) { specialCharacters = true }
            if character == " " {
                if index == 0 { leadingSpace = true }
                if index == text.count - 1 { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if isBreak {
                if index == 0 { leadingBreak = true }
                if index == text.count - 1 { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = isSpaceOrBreak(character)
            followedByWhitespace = index + 2 >= text.count || isSpaceOrBreak(text[index + 2])
        }
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            allowFlowPlain = false
            allowBlockPlain = false
        }
        if breakSpace {
            allowFlowPlain = false
            allowBlockPlain = false
            allowSingleQuoted = false
        }
        if spaceBreak || specialCharacters {
            allowFlowPlain = false
            allowBlockPlain = false
            allowSingleQuoted = false
        }
        if lineBreaks {
            multiline = true
            allowFlowPlain = false
            allowBlockPlain = false
        }
        if flowIndicators { allowFlowPlain = false }
        if blockIndicators { allowBlockPlain = false }
    }
}
