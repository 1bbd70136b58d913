import Foundation
import Testing
import TestSupport
@testable import YAMLSource

/// The subset reader against libyaml, differentially: wherever CommonSubsetParser returns a
/// tree, it must be the tree (ranges included) and the diagnostics that libyaml's path gives.
@Suite struct CommonSubsetParserTests {
    /// The two readers on one text: nil when the subset reader left it to libyaml, else whether
    /// the two agree (recorded as an expectation naming `label`).
    @discardableResult
    static func compare(_ bytes: [UInt8], label: String) -> Bool? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let fast = CommonSubsetParser.parse(buffer, file: "t.yaml", limits: .standard) else { return nil }
            let reference = YAMLLoader.parseWithLibYAML(buffer, file: "t.yaml", limits: .standard)
            let agree = fast.documents == reference.documents && fast.diagnostics == reference.diagnostics
            #expect(agree, "\(label): the subset reader and libyaml disagree on\n\(String(decoding: bytes, as: UTF8.self))")
            return agree
        }
    }

    /// Every YAML file of the project: blueprints, fixtures, built-in types, examples.
    static let projectFiles: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let skipped = [".build", ".cache", "bench/out", ".git"]
        var files: [String] = []
        let walker = FileManager.default.enumerator(atPath: root.path)
        while let relative = walker?.nextObject() as? String {
            if skipped.contains(where: { relative.hasPrefix($0) }) { walker?.skipDescendants(); continue }
            if relative.hasSuffix(".yaml") || relative.hasSuffix(".yml") { files.append(root.path + "/" + relative) }
        }
        return files.sorted()
    }()

    @Test func readsTheProjectsYAMLAsLibYAMLDoes() throws {
        var taken = 0
        for file in Self.projectFiles {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
            if Self.compare(bytes, label: file) != nil { taken += 1 }
        }
        // Most of the project's blueprints are in the subset; if this drops, the reader has
        // started leaving common YAML to libyaml.
        #expect(Self.projectFiles.count > 100)
        #expect(taken * 4 > Self.projectFiles.count * 3, "the subset reader took \(taken) of \(Self.projectFiles.count) files")
    }

    @Test func readsThePyYAMLCorpusAsLibYAMLDoes() {
        for (index, testCase) in PyYAMLCorpus.cases.enumerated() {
            Self.compare(Array(testCase.text.utf8), label: "corpus case \(index)")
        }
    }

    @Test func readsWrittenEdgeCasesAsLibYAMLDoes() {
        let texts = [
            "a: 1\nb:\n  - x\n  -\n  - - y\n    - z\nc: {d: [1, 2.5, \"q\"], e: 'it''s'}\n",
            "---\na: b # comment\n\n# only a comment\nc:   \n  d: e\n",
            "- a: 1\n  b:\n  - x\n- c\n-\n- 'q' \n",
            "key  : value\n\"quoted key\": \"tab\\tnew\\nline \\\\ \\\" \\/\"\n",
            "a: ключ — значение\nb: [é, 中文, 😀]\n",
            "a:\nb:\nc: ~\nd: null\ne: true\nf: 0x1F\ng: -1\nh: .inf\n",
            "a: http://x/y#z\nb: x#y\nc: a[b]{c},d\n",
            "a: 1", "[1, 2]", "{a: b}", "- a", "plain", "a:\n  - b\nc: d", "a: {}\nb: []\nc: ''\nd: \"\"\n",
            "a: b\na: c\n", "{a: 1, a: 2}\n", "-1: x\n'-': y\n",
            "a: |\n  line 1\n    more\n\n  line 3\n\nb: >-\n  folded\n  text\n\n  para\n   kept\nc: |+\n  keep\n\n",
            "- |\n  x\n- >\n y\n- |-\n\n   z\n  # not a comment\n# a comment\n- |  # header comment\n  w",
            "a:\n  b: |\n    deep\n  c: 1\nd: |\n", "|\n root\n", "a: >+\n\n",
        ]
        for text in texts {
            #expect(Self.compare(Array(text.utf8), label: "written case") == true, "left to libyaml:\n\(text)")
        }
    }

    @Test func leavesTheRestToLibYAML() {
        let texts = [
            "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\n", "a: b\n  c\n",
            "a: [1,\n  2]\n", "a: \"x\n  y\"\n", "a:\tb\n", "a: b\r\n", "\u{FEFF}a: b\n", "? a\n: b\n", "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n", "a: 1\n...\n", "", "# only\n", "a: b: c\n", "a: - b\n", "a:\n - b\n c: d\n", "{a}\n", "[a: b]\n",
            // Keys past libyaml's (and PyYAML's) limit, which both refuse in a flow mapping too.
            "{" + String(repeating: "k", count: 1_025) + ": 1}\n", "a: {b: 1, '" + String(repeating: "k", count: 1_030) + "': 2}\n",
            "a: |2\n   x\n", "a: |\n    x\n  y\n", "a: |x\n", "a: [1, 2, ]\n", "{concat:[a, b]}\n", "a: \"\\x41\"\n", "a: b\n c: d\n", "a:\n  b: 1\n c: 2\n", "a: \u{85}\n",
        ]
        for text in texts {
            #expect(Self.compare(Array(text.utf8), label: "outside case") == nil, "the subset reader took:\n\(text)")
        }
    }

    /// The plain scalars YAML 1.1 (Cloudify's PyYAML) and 1.2 read differently, in every place a
    /// value or key goes, and every chomping of block scalars before what may follow them. (Not
    /// `.nan`: trees holding NaN never compare equal.)
    @Test func readsYAML11LookalikesAndBlockScalarsAsLibYAMLDoes() {
        let scalars = ["yes", "No", "ON", "off", "y", "017", "0o17", "08", "0x1F", "0b101", "1_000", "1:30", "-1:30:00", "190:20:30.15",
                       "52:54:00:12:34:56", "1e3", "1.0e+3", ".5", "5.", "-.inf", "2001-12-14", "2001-12-14 21:59:43.10 -5",
                       "9223372036854775808", "0x8000000000000000", "=", "<<", "~", "NULL", "tRUE", ""]
        let contexts = ["a: %", "- %", "[%]", "{a: %}", "%: 1", "[x, %]", "a:\n  - %", "a:\n  b: %", "a: '%'", "a: \"%\"", "- [%, {b: %}]"]
        var taken = 0
        for scalar in scalars {
            for context in contexts {
                let text = context.replacingOccurrences(of: "%", with: scalar) + "\n"
                if Self.compare(Array(text.utf8), label: "scalar \(scalar.debugDescription) in \(context.debugDescription)") != nil { taken += 1 }
            }
        }
        for header in ["|", ">", "|-", "|+", ">-", ">+"] {
            for body in ["  x\n", "  x\n\n  y\n", "  x\n   y\n  z\n", "\n  x\n", "  x\n\n\n", "  x", "", "  # not a comment\n", "   \n  x\n"] {
                for after in ["", "b: 1\n", "# end\n", "\n\nb: 1\n"] {
                    let text = "a: \(header)\n\(body)\(after)"
                    if Self.compare(Array(text.utf8), label: "block scalar") != nil { taken += 1 }
                }
            }
        }
        #expect(taken > 400, "the subset reader took \(taken) of \(scalars.count * contexts.count + 216) texts")
    }

    /// Every byte value at every place of an eight-byte word: the word-at-a-time check of the
    /// characters must find each control, DEL and non-ASCII byte wherever it is.
    @Test func findsEveryCharacterItLeavesToLibYAMLWhereverItIs() {
        let line = Array("key: abcdefghijklmnopqrstu\n".utf8)
        for value in UInt8(0)...UInt8(0xFF) where value != 0x0A && (value < 0x20 || value >= 0x7F) {
            for place in 5..<21 {
                var bytes = line
                bytes[place] = value
                #expect(Self.compare(bytes, label: "byte \(value) at \(place)") == nil, "took byte \(value) at \(place)")
            }
        }
    }

    /// Random documents of the subset's shapes, and damaged copies of them.
    @Test func agreesWithLibYAMLOnGeneratedAndDamagedDocuments() {
        var random = SeededGenerator(state: 1203)
        var taken = 0, damagedTaken = 0
        let fragments = [" ", "  ", "\n", "- ", ": ", ":", "#", " #", "'", "\"", "[", "]", "{", "}", ",", "---\n", "\\", "é", "-"]
        for round in 0..<3_000 {
            var generator = SubsetDocumentGenerator(random: random)
            let text = generator.document()
            random = generator.random
            if Self.compare(Array(text.utf8), label: "generated round \(round)") != nil { taken += 1 }
            var bytes = Array(text.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                if Bool.random(using: &random), at < bytes.count {
                    bytes.remove(at: at)
                } else {
                    bytes.insert(contentsOf: Array(fragments.randomElement(using: &random)!.utf8), at: at)
                }
            }
            if Self.compare(bytes, label: "damaged round \(round)") != nil { damagedTaken += 1 }
        }
        #expect(taken > 2_500, "the subset reader took \(taken) of 3,000 generated documents")
        #expect(damagedTaken > 300, "the subset reader took \(damagedTaken) of 3,000 damaged documents")
    }
}

/// Writes random YAML documents in the shapes the subset reader takes: block mappings and
/// sequences (indentless and compact ones too), flow collections, plain and quoted scalars,
/// comments and blank lines.
struct SubsetDocumentGenerator {
    var random: SeededGenerator
    private var lines: [String] = []

    init(random: SeededGenerator) { self.random = random }

    mutating func document() -> String {
        lines = []
        if chance(0.1) { lines.append("---") }
        mapping(indent: 0, prefix: nil, depth: 0)
        return lines.joined(separator: "\n") + (chance(0.8) ? "\n" : "")
    }

    private mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }

    private mutating func pick(_ words: [String]) -> String { words.randomElement(using: &random)! }

    private mutating func scalar(inFlow: Bool) -> String {
        let plain = ["web", "1", "-2", "3.5", "true", "null", "~", "a b", "x#y", "http://h:8080/p", "é", "0x10", "a:b", ".inf", "yes"]
        let blockOnly = ["a[b]", "c,d", "x{"].filter { _ in !inFlow }
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return "'" + pick(["it''s", "", "a: b", "# no", "x"]) + "'"
        case 1: return "\"" + pick(["q", "", "tab\\t", "a\\\\b", "\\\"", "ü: x", "#"]) + "\""
        default: return pick(plain + blockOnly)
        }
    }

    private mutating func flow(depth: Int) -> String {
        let count = Int.random(in: 0...3, using: &random)
        let isMapping = chance(0.5)
        var parts: [String] = []
        for index in 0..<count {
            let value = depth < 2 && chance(0.25) ? flow(depth: depth + 1) : scalar(inFlow: true)
            parts.append(isMapping ? "\(pick(["k\(index)", "get_input\(index)", "'q\(index)'", "\"d\(index)\""])): \(value)" : value)
        }
        let inner = parts.joined(separator: pick([", ", " , ", ","]))
        return isMapping ? "{\(pick(["", " "]))\(inner)\(pick(["", " "]))}" : "[\(inner)]"
    }

    private mutating func comment() -> String { chance(0.15) ? pick([" # note", "  #", " #: x"]) : "" }

    private mutating func blankLines() {
        if chance(0.1) { lines.append(pick(["", "# comment", "   ", "  # indented comment"])) }
    }

    /// A value after `key:` (or `- `): inline, or a block collection on the next lines.
    private mutating func value(after head: String, indent: Int, depth: Int, allowIndentless: Bool) {
        let roll = depth >= 4 ? 0 : Int.random(in: 0..<6, using: &random)
        switch roll {
        case 0, 1: lines.append(head + " " + scalar(inFlow: false) + comment())
        case 2:
            if chance(0.7) {
                lines.append(head + " " + flow(depth: 0) + comment())
                return
            }
            lines.append(head + " " + pick(["|", ">", "|-", ">+", "|+", ">-"]) + comment())
            let inner = indent + Int.random(in: 1...3, using: &random)
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let extra = chance(0.2) ? String(repeating: " ", count: Int.random(in: 1...2, using: &random)) : ""
                lines.append(chance(0.2) ? "" : String(repeating: " ", count: inner) + extra + pick(["text", "a: b", "# x", "é", "- item"]))
            }
        case 3:
            lines.append(head + comment())
            if chance(0.3) { return }   // an empty value
            mapping(indent: indent + Int.random(in: 1...3, using: &random), prefix: nil, depth: depth + 1)
        default:
            lines.append(head + comment())
            let nested = allowIndentless && chance(0.4) ? indent : indent + Int.random(in: 1...3, using: &random)
            sequence(indent: nested, depth: depth + 1)
        }
    }

    private mutating func mapping(indent: Int, prefix: String?, depth: Int) {
        let count = Int.random(in: 1...4, using: &random)
        for index in 0..<count {
            blankLines()
            let key = pick(["name\(index)", "type\(index)", "'quoted \(index)'", "\"dq\(index)\"", "a b\(index)"])
            let lead = index == 0 && prefix != nil ? prefix! : String(repeating: " ", count: indent)
            value(after: lead + key + pick([":", ":", " :"]), indent: indent, depth: depth, allowIndentless: true)
        }
    }

    private mutating func sequence(indent: Int, depth: Int) {
        let count = Int.random(in: 1...3, using: &random)
        for _ in 0..<count {
            blankLines()
            let dash = String(repeating: " ", count: indent) + "-"
            switch depth >= 4 ? 0 : Int.random(in: 0..<4, using: &random) {
            case 0: lines.append(dash + " " + scalar(inFlow: false) + comment())
            case 1: mapping(indent: indent + 2, prefix: dash + " ", depth: depth + 1)
            case 2: lines.append(dash + " " + flow(depth: 0))
            default: value(after: dash, indent: indent, depth: depth, allowIndentless: false)
            }
        }
    }
}
