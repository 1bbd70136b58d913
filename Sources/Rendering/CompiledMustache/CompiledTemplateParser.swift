/// Parses Mustache into a ``CompiledTemplate``: variables (escaped and not), sections, inverted
/// sections, comments, partials (and dynamic `{{>*name}}` ones), parents and blocks, set
/// delimiters, the CONTENT_TYPE pragma and swift-mustache's transforms (`{{uppercased(name)}}`).
/// It follows swift-mustache's parser step by step, whose templates bluevirt's users wrote and
/// which Tests/RenderingTests/MustacheDifferentialTests keeps as the oracle: the same standalone
/// lines, indentation, quirks (a section's close tag leaves the line state its open tag set) and
/// errors, at the same positions.
struct CompiledTemplateParser {
    typealias Token = CompiledTemplate.Token
    typealias Problem = MustacheSyntaxError.Kind

    private struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        /// At the start of a line, where a tag may stand alone.
        var newLine = true
        /// Inside `{{<parent}}`: its direct content, where `{{$name}}` defines a block.
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var startDelimiter = "{{"
        var endDelimiter = "}}"
        /// Inside a block definition: the first line's indentation, in Characters, dropped
        /// from the lines after it.
        var partialDefinitionIndent: Int?

        func withSectionName(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    private var scanner: MustacheScanner

    static func parse(_ text: String) throws(MustacheSyntaxError) -> CompiledTemplate {
        var parser = CompiledTemplateParser(scanner: MustacheScanner(text))
        do {
            return CompiledTemplate(tokens: try parser.parse(State()))
        } catch {
            let (line, column) = parser.scanner.lineAndColumn
            // The reader running out of text is an error of its own kind.
            throw MustacheSyntaxError(kind: error as? Problem ?? .overflow, line: line, column: column)
        }
    }

    private init(scanner: MustacheScanner) { self.scanner = scanner }

    /// Tokens up to the close tag of `state.sectionName` (consumed), or to the end.
    private mutating func parse(_ state: State) throws -> [Token] {
        var tokens: [Token] = []
        var state = state
        // Spaces and tabs that began the line: dropped when a standalone tag follows.
        var whiteSpaceBefore = ""
        while !scanner.reachedEnd {
            if state.newLine {
                let whiteSpace = scanner.readSpacesAndTabs()
                if state.isPartialDefinition, !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whiteSpaceBefore = String(whiteSpace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whiteSpace.count
                    }
                } else {
                    whiteSpaceBefore = whiteSpace
                }
            }
            let text = try readUntilDelimiterOrNewline(state)
            if scanner.currentIsNewline {
                tokens.append(.text(whiteSpaceBefore + text + scanner.currentText))
                state.newLine = true
                scanner.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                state.newLine = false
            }
            if scanner.reachedEnd { break }

            /// Spaces before a tag that does not stand alone are text.
            func keepWhiteSpace(resetting: Bool = true) {
                guard !whiteSpaceBefore.isEmpty else { return }
                tokens.append(.text(whiteSpaceBefore))
                if resetting { whiteSpaceBefore = "" }
            }

            var setNewLine = false
            switch scanner.currentASCII {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = scanner.currentASCII == UInt8(ascii: "^")
                scanner.advance()
                let (name, transforms) = try parseName(state)
                if isStandalone(state) {
                    setNewLine = true
                } else {
                    keepWhiteSpace()
                }
                let body = CompiledTemplate(tokens: try parse(state.withSectionName(name, newLine: setNewLine, transforms: transforms)))
                let path = ContextPath(name, transforms: transforms)
                tokens.append(inverted ? .invertedSection(path, body) : .section(path, body))

            case UInt8(ascii: "/"):
                scanner.advance()
                let position = scanner.position
                let (name, transforms) = try parseName(state)
                guard name == state.sectionName, transforms == state.sectionTransforms else {
                    scanner.position = position
                    throw Problem.sectionCloseNameIncorrect
                }
                if !isStandalone(state) { keepWhiteSpace() }
                return tokens

            case UInt8(ascii: "!"):
                scanner.advance()
                try scanner.skip(pastNaive: state.endDelimiter)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "{"), UInt8(ascii: "&"):
                let braced = scanner.currentASCII == UInt8(ascii: "{")
                keepWhiteSpace()
                scanner.advance()
                let (name, transforms) = try parseName(state)
                if braced {
                    guard try scanner.read("}") else { throw Problem.unfinishedName }
                }
                tokens.append(.variable(ContextPath(name, transforms: transforms), escaped: false))

            case UInt8(ascii: ">"):
                scanner.advance()
                scanner.skipWhitespace()
                let dynamic = scanner.currentASCII == UInt8(ascii: "*")
                if dynamic { scanner.advance() }
                let name = try parsePartialName(state)
                keepWhiteSpace(resetting: false)
                let indentation: String? = isStandalone(state) ? whiteSpaceBefore : nil
                setNewLine = indentation != nil
                tokens.append(.partial(dynamic ? .read(ContextPath(name)) : .fixed(name), indentation: indentation, overrides: nil))
                whiteSpaceBefore = ""

            case UInt8(ascii: "<"):
                scanner.advance()
                scanner.skipWhitespace()
                let sectionName = try parsePartialName(state)
                keepWhiteSpace(resetting: false)
                setNewLine = isStandalone(state)
                var overrides: [String: CompiledTemplate] = [:]
                for token in try parse(state.withInheritancePartial(sectionName)) {
                    switch token {
                    case .blockDefinition(let name, let body): overrides[name] = body
                    case .text: continue
                    default: throw Problem.illegalTokenInsideInheritSection
                    }
                }
                let name: PartialName = sectionName.first == "*" ? .read(ContextPath(String(sectionName.dropFirst()))) : .fixed(sectionName)
                tokens.append(.partial(name, indentation: whiteSpaceBefore, overrides: overrides))
                whiteSpaceBefore = ""

            case UInt8(ascii: "$"):
                scanner.advance()
                let (name, transforms) = try parseName(state)
                guard transforms.isEmpty else { throw Problem.transformAppliedToInheritanceSection }
                if state.isPartialDefinitionTopLevel {
                    setNewLine = isStandalone(state)
                    tokens.append(.blockDefinition(name, CompiledTemplate(tokens: try parse(state.withSectionName(name, newLine: setNewLine)))))
                } else {
                    keepWhiteSpace(resetting: false)
                    setNewLine = isStandalone(state)
                    let body = CompiledTemplate(tokens: try parse(state.withSectionName(name, newLine: setNewLine)))
                    tokens.append(.block(name, default: body, indentation: whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }

            case UInt8(ascii: "="):
                scanner.advance()
                state = try parseSetDelimiter(state)
                setNewLine = isStandalone(state)

            case UInt8(ascii: "%"):
                scanner.advance()
                tokens.append(try parseConfigVariable(state))
                setNewLine = isStandalone(state)

            default:
                keepWhiteSpace()
                let (name, transforms) = try parseName(state)
                tokens.append(.variable(ContextPath(name, transforms: transforms), escaped: true))
            }
            state.newLine = setNewLine
        }
        guard state.sectionName == nil else { throw Problem.expectedSectionEnd }
        return tokens
    }

    /// Text up to a line break (not consumed), past the start delimiter, or to the end.
    private mutating func readUntilDelimiterOrNewline(_ state: State) throws -> String {
        guard let first = state.startDelimiter.first else { return "" }
        var text = ""
        while !scanner.reachedEnd {
            text += scanner.readText(upTo: first)
            if scanner.currentIsNewline { break }
            if !scanner.reachedEnd {
                if try scanner.read(literal: state.startDelimiter) { break }
                text += scanner.currentText
                scanner.advance()
            }
        }
        return text
    }

    /// A tag's name and transforms (`uppercased(name)` is `name` and `["uppercased"]`), and its
    /// end delimiter.
    private mutating func parseName(_ state: State) throws -> (String, [String]) {
        scanner.skipWhitespace()
        let text = scanner.read(bytesIn: Self.isNameByte)
        scanner.skipWhitespace()
        guard try scanner.read(literal: state.endDelimiter) else { throw Problem.unfinishedName }

        let bytes = Array(text.utf8)
        var index = 0
        func read(while matches: (UInt8) -> Bool) -> String {
            let start = index
            while index < bytes.count, matches(bytes[index]) { index += 1 }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }
        let first = read(while: Self.isNameByteWithoutBrackets)
        if index == bytes.count { return (text, []) }
        guard bytes[index] == UInt8(ascii: "(") else { throw Problem.unfinishedName }
        index += 1
        var transforms = [first]
        while true {
            let name = read(while: Self.isNameByteWithoutBrackets)
            guard index < bytes.count else { throw Problem.unfinishedName }
            if bytes[index] == UInt8(ascii: "(") {
                index += 1
                transforms.append(name)
                continue
            }
            guard bytes[index] == UInt8(ascii: ")") else { throw Problem.unfinishedName }
            index += 1
            guard read(while: { $0 == UInt8(ascii: ")") }).count + 1 == transforms.count, index == bytes.count else { throw Problem.unfinishedName }
            return (name, transforms)
        }
    }

    private mutating func parsePartialName(_ state: State) throws -> String {
        scanner.skipWhitespace()
        let text = scanner.read(bytesIn: { $0 == UInt8(ascii: "/") || Self.isNameByte($0) })
        scanner.skipWhitespace()
        guard try scanner.read(literal: state.endDelimiter) else { throw Problem.unfinishedName }
        return text
    }

    /// `{{=<% %>=}}`: the new delimiters, for the rest of this section.
    private mutating func parseSetDelimiter(_ state: State) throws -> State {
        let start: String, end: String
        do {
            scanner.skipWhitespace()
            start = try scanner.read(until: { $0.isWhitespace(at: $1) })
            scanner.skipWhitespace()
            end = try scanner.read(until: { $0.isCharacter(at: $1, ascii: UInt8(ascii: "=")) || $0.isWhitespace(at: $1) })
            scanner.skipWhitespace()
        } catch {
            throw Problem.invalidSetDelimiter
        }
        guard try scanner.read("=") else { throw Problem.invalidSetDelimiter }
        guard try scanner.read(literal: state.endDelimiter) else { throw Problem.invalidSetDelimiter }
        guard !start.isEmpty, !end.isEmpty else { throw Problem.invalidSetDelimiter }
        var changed = state
        changed.startDelimiter = start
        changed.endDelimiter = end
        changed.isPartialDefinitionTopLevel = false
        return changed
    }

    /// `{{%CONTENT_TYPE:TEXT}}` (or `HTML`): whether the values after it are escaped.
    private mutating func parseConfigVariable(_ state: State) throws -> Token {
        let variable: String, value: String
        do throws(MustacheScanner.Overflow) {
            scanner.skipWhitespace()
            variable = scanner.read(bytesIn: Self.isNameByteWithoutBrackets)
            scanner.skipWhitespace()
            guard try scanner.read(":") else { throw MustacheScanner.Overflow() }
            scanner.skipWhitespace()
            value = scanner.read(bytesIn: Self.isNameByteWithoutBrackets)
            scanner.skipWhitespace()
            guard try scanner.read(literal: state.endDelimiter) else { throw MustacheScanner.Overflow() }
        } catch {
            throw Problem.invalidConfigVariableSyntax
        }
        guard !variable.isEmpty, !value.isEmpty else { throw Problem.invalidConfigVariableSyntax }
        switch (variable, value) {
        case ("CONTENT_TYPE", "HTML"): return .contentType(escapes: true)
        case ("CONTENT_TYPE", "TEXT"): return .contentType(escapes: false)
        default: throw Problem.unrecognisedConfigVariable
        }
    }

    private mutating func isStandalone(_ state: State) -> Bool { state.newLine && scanner.hasLineFinished() }

    private static func isNameByteWithoutBrackets(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            true
        default:
            false
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") || isNameByteWithoutBrackets(byte)
    }
}
