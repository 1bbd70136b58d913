import Foundation
import Testing
@testable import YAMLSource

/// Loads every text of `PyYAMLCorpus` with bluevirt's loader (libyaml) and with PyYAML's
/// pure-Python loader, which Cloudify's parser uses, and compares: the same value, or a refusal by
/// both. A case with a documented difference may differ only that way (one side refuses), and
/// every documented difference must still show somewhere (else docs/compatibility.md is stale).
@Suite struct PyYAMLDifferentialTests {
    static let pyYAML: Result<[Tagged], any Error> = Result { try PyYAML.load(PyYAMLCorpus.cases.map(\.text)) }

    @Test("python3 with PyYAML is available (scripts/setup.sh installs it)")
    func pyYAMLAvailable() throws {
        #expect(try Self.pyYAML.get().count == PyYAMLCorpus.cases.count)
    }

    @Test("the same value as PyYAML, or a refusal by both, except the documented differences")
    func sameAsPyYAML() throws {
        let expected = try Self.pyYAML.get()
        var disagreements = 0
        var shown: Set<String> = []
        for (testCase, python) in zip(PyYAMLCorpus.cases, expected) {
            let ours = Tagged(YAMLLoader.load(string: testCase.text, file: "case.yaml"))
            if ours == python || (ours.isError && python.isError) { continue }
            if let reason = testCase.knownDifference, ours.isError != python.isError {
                shown.insert(reason)
                continue
            }
            disagreements += 1
            Issue.record("\(testCase.text.debugDescription): bluevirt \(ours), PyYAML \(python)")
        }
        #expect(disagreements == 0)
        let documented = Set(PyYAMLCorpus.cases.compactMap(\.knownDifference))
        #expect(shown == documented, "documented differences no case shows: \(documented.subtracting(shown))")
    }

    @Test("the project's example blueprints and valid fixtures read the same with both")
    func realBlueprints() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["blueprints", "Tests/Fixtures/valid"].map { root.appendingPathComponent($0) }
        let files = try folders.flatMap { folder in
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
                .map { folder.appendingPathComponent($0) }
        }
        #expect(files.count >= 10)
        let texts = try files.map { try String(contentsOf: $0, encoding: .utf8) }
        for (file, (text, python)) in zip(files, zip(texts, try PyYAML.load(texts))) {
            let ours = Tagged(YAMLLoader.load(string: text, file: file.lastPathComponent))
            #expect(!ours.isError && ours == python, "\(file.lastPathComponent): bluevirt \(ours), PyYAML \(python)")
        }
    }

    @Test("the cluster example's shape: a flow mapping with 'concat:[' reads as PyYAML reads it")
    func concatWithoutSpace() throws {
        let text = "steps:\n  - action: {concat:[\"sudo ssh-keyscan -H \", { get_input: host }, \" >> known_hosts\"]}\n"
        let result = YAMLLoader.load(string: text, file: "c.yaml")
        #expect(result.diagnostics.isEmpty)
        let action = try #require(result.documents.first?["steps"]?.items?.first?["action"])
        let concat = try #require(action["concat"]?.items)
        #expect(concat.count == 3)
        #expect(concat[0].string == "sudo ssh-keyscan -H ")
        // Positions are those of the file as written, not of the text with the inserted space.
        #expect(action.pairs?.first?.key.range.compact == "2:14-2:20")
        #expect(concat[0].range.start == SourceLocation(line: 2, column: 22))
        #expect(concat[1].range.start == SourceLocation(line: 2, column: 46))
        #expect(concat[2].range.start == SourceLocation(line: 2, column: 67))
    }

    @Test("an error after rewritten colons is reported where it is in the file")
    func errorPositionAfterRewrite() throws {
        // Two colons get a space each on line 1; the unclosed list on line 2 is at column 14.
        let result = YAMLLoader.load(string: "a: {b:[1], c:{d: 2}, e:[3]}\nf: {g:[4], h: [5\n", file: "e.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unclosedConstruct)
        #expect(diagnostic.notes.first?.range?.start == SourceLocation(line: 2, column: 15))
        let later = YAMLLoader.load(string: "a: {b:[1], c:[2], d: x: y}\n", file: "e.yaml")
        #expect(later.diagnostics.first?.range.start.column == 23)
    }

    @Test("past the limit of rewrites per file, the error says so")
    func rewriteLimit() throws {
        let lines = (0...FlowColonSpacing.maxInsertions).map { "  - {k\($0):[\($0)]}" }
        let result = YAMLLoader.load(string: "x:\n" + lines.joined(separator: "\n") + "\n", file: "many.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.range.start == SourceLocation(line: FlowColonSpacing.maxInsertions + 2, column: 10))
        #expect(diagnostic.notes.contains { $0.message.contains("at most \(FlowColonSpacing.maxInsertions) times per file") })
        let fewer = YAMLLoader.load(string: "x:\n" + lines.dropLast().joined(separator: "\n") + "\n", file: "fewer.yaml")
        #expect(fewer.diagnostics.isEmpty)
        #expect(fewer.documents.first?["x"]?.items?.last?["k255"]?.items?.first?.scalar?.value == .int(255))
    }

    @Test("a colon PyYAML refuses too is explained")
    func colonBeforeQuestionMark() throws {
        let result = YAMLLoader.load(string: "a: {b:?c}\n", file: "q.yaml")
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.message.contains("unexpected ':' inside a value of a flow collection"))
        #expect(diagnostic.range.start == SourceLocation(line: 1, column: 6))
    }
}

/// A loaded value in the form `PyYAML/load_with_pyyaml.py` writes.
indirect enum Tagged: Equatable, Decodable, Sendable, CustomStringConvertible {
    case map([[Tagged]]), seq([Tagged]), str(String), int(Int), float(Double), bool(Bool), null, other(String), error(String)

    var isError: Bool { if case .error = self { true } else { false } }

    init(_ result: YAMLLoadResult) {
        if let error = result.diagnostics.first(where: { $0.severity == .error }) {
            self = .error("\(error.code.id) \(error.message)")
        } else if let document = result.documents.first {
            self.init(document)
        } else {
            self = .null
        }
    }

    init(_ node: Node) {
        switch node.content {
        case .mapping(let pairs): self = .map(pairs.map { [Tagged($0.key), Tagged($0.value)] })
        case .sequence(let items): self = .seq(items.map(Tagged.init))
        case .scalar(let scalar):
            switch scalar.value {
            case .null: self = .null
            case .bool(let value): self = .bool(value)
            case .int(let value): self = .int(value)
            case .float(let value): self = .float(value)
            case .string(let text): self = .str(text)
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "empty")) }
        switch key.stringValue {
        case "map": self = .map(try container.decode([[Tagged]].self, forKey: key))
        case "seq": self = .seq(try container.decode([Tagged].self, forKey: key))
        case "str": self = .str(try container.decode(String.self, forKey: key))
        case "int": self = .int(try container.decode(Int.self, forKey: key))
        case "float": self = .float(Double(try container.decode(String.self, forKey: key)) ?? .nan)
        case "bool": self = .bool(try container.decode(Bool.self, forKey: key))
        case "null": self = .null
        case "error": self = .error(try container.decode(String.self, forKey: key))
        default: self = .other(key.stringValue)
        }
    }

    static func == (lhs: Tagged, rhs: Tagged) -> Bool {
        switch (lhs, rhs) {
        // Mappings are compared without their order, which carries no meaning (and merge keys
        // put merged pairs first in PyYAML, last in bluevirt).
        case (.map(let a), .map(let b)): a.count == b.count && a.allSatisfy { pair in b.contains(pair) }
        case (.seq(let a), .seq(let b)): a == b
        case (.str(let a), .str(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.float(let a), .float(let b)): a == b || (a.isNaN && b.isNaN)
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        case (.other(let a), .other(let b)): a == b
        case (.error, .error): true
        default: false
        }
    }

    var description: String {
        switch self {
        case .map(let pairs): "{" + pairs.map { "\($0[0]): \($0[1])" }.joined(separator: ", ") + "}"
        case .seq(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .str(let text): text.debugDescription
        case .int(let value): "\(value)"
        case .float(let value): "\(value)"
        case .bool(let value): "\(value)"
        case .null: "null"
        case .other(let type): "<\(type)>"
        case .error(let message): "error (\(message))"
        }
    }
}

/// Runs `PyYAML/load_with_pyyaml.py` once for a whole list of texts.
enum PyYAML {
    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("PyYAML/load_with_pyyaml.py").path

    static func load(_ texts: [String]) throws -> [Tagged] {
        let input = try JSONSerialization.data(withJSONObject: texts)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-pyyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // Files rather than pipes: nothing to interleave, and stderr is read only on failure.
        let inputFile = directory.appendingPathComponent("in.json"), outputFile = directory.appendingPathComponent("out.json")
        let errorFile = directory.appendingPathComponent("err.txt")
        try input.write(to: inputFile)
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        do {
            try process.run()
        } catch {
            throw Unavailable(description: "cannot run python3 (\(error)); run scripts/setup.sh, which installs python3 and PyYAML")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw Unavailable(description: "python3 with PyYAML failed (status \(process.terminationStatus)): \(message); scripts/setup.sh installs PyYAML")
        }
        return try JSONDecoder().decode([Tagged].self, from: Data(contentsOf: outputFile))
    }
}
