import Foundation
import Testing
@testable import SeedImage

/// Emitted YAML read back by PyYAML (what cloud-init parses with) must give the same value,
/// with the same types: a string "yes" must not come back as a boolean.
@Suite("SeedYAML read back with PyYAML", .enabled(if: PyYAML.isAvailable, PyYAML.unavailableReason))
struct SeedYAMLRoundTripTests {
    static let sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9hZEPm1RkM7ZCzM0KLm6u5Tw2Q9d9kLxQ3UQ6eYh2T user@example.org"

    static let trickyStrings = [
        "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "Null", "~", "", " ", "<<", "=",
        "0755", "0644", "1.0", "1e3", "1_000", "0x1F", "0b101", "1:20", "-1", "+1", ".5", ".inf", "-.Inf", ".NaN", "inf", "nan",
        "2026-11-25", "2026-11-25 16:00:00", "10.0.0.1/24",
        ": x", "a: b", "a:b", "key:", "x #comment", "x#y", "#comment", "- item", "-", "?", "? x", "[a]", "{a: 1}", "a, b",
        "*alias", "&anchor", "!tag", "|", ">", "@at", "`tick", "%percent", "'single'", "\"double\"", "back\\slash",
        " leading", "trailing ", "\ttab", "tab\tinside", "---", "...", "é accent", "naïve", "日本語", "emoji 🙂",
        "http://example.org/a?b=c#d", "/etc/hosts", "$HOME", "a\u{0007}bell", "cr\r\nlf", "nel\u{0085}x", "ls\u{2028}x",
        sshKey,
    ]

    /// Each string as a value and as a key, all in one document so PyYAML starts once.
    @Test func stringsComeBackAsTheSameStrings() throws {
        let entries = Self.trickyStrings.enumerated().flatMap { index, text in
            [SeedValue.Entry(key: "value \(index)", value: .string(text)), SeedValue.Entry(key: text, value: .integer(Int64(index)))]
        }
        try expectEntriesRoundTrip(entries)
    }

    static let multiLine = [
        "line one\nline two\n", "no final newline\nsecond", "two final newlines\n\n", "three\n\n\n",
        "  indented first line\nsecond\n", "\nleading empty line\n", "\n\nx", "a\n\n\nb\n", "trailing spaces   \nx  \n",
        "tabs\n\tindented\n", "#!/bin/sh\necho \"hello: world\" # not a comment\nexit 0\n",
        "- not\n- a list\n", "key: value\nother: 1\n", "\n", "\n\n", "  \n  ", "unicode 🙂\nnext\n",
        sshKey + "\n" + sshKey + "\n",
    ]

    /// Each text as a mapping value, a list item and a mapping value inside a list.
    @Test func multiLineTextSurvivesExactly() throws {
        let entries = Self.multiLine.enumerated().map { index, text in
            SeedValue.Entry(key: "text \(index)", value: .map([
                .init(key: "top", value: .string(text)),
                .init(key: "list", value: .list([.string(text), .map([.init(key: "content", value: .string(text))])])),
            ]))
        }
        try expectEntriesRoundTrip(entries)
    }

    @Test func multiLineTextAsTheWholeDocument() throws {
        for text in ["line one\nline two\n", "  indented\nx", "\nleading\n\n"] {
            #expect(try PyYAML.load(SeedYAML.emit(.string(text))) == .string(text))
        }
    }

    /// Compares entry by entry, so a failure names the value that did not survive.
    private func expectEntriesRoundTrip(_ entries: [SeedValue.Entry]) throws {
        let loaded = try PyYAML.load(SeedYAML.emit(.map(entries)))
        guard case .map(let loadedEntries) = loaded else {
            Issue.record("PyYAML did not read a mapping: \(loaded)")
            return
        }
        #expect(loadedEntries.count == entries.count)
        for (expected, actual) in zip(entries, loadedEntries) {
            #expect(actual == expected)
        }
    }

    @Test func scalarsOfEveryTypeKeepTheirType() throws {
        let value = SeedValue.map([
            .init(key: "null", value: .null),
            .init(key: "yes", value: .bool(true)),
            .init(key: "no", value: .bool(false)),
            .init(key: "integer", value: .integer(-42)),
            .init(key: "large", value: .integer(Int64.max)),
            .init(key: "zero", value: .integer(0)),
            .init(key: "float", value: .number(1.0)),
            .init(key: "small", value: .number(0.00001)),
            .init(key: "big", value: .number(5e20)),
            .init(key: "negative", value: .number(-2.5)),
        ])
        #expect(try PyYAML.load(SeedYAML.emit(value)) == value)
    }

    @Test func nestedCollectionsKeepShapeAndKeyOrder() throws {
        let value = SeedValue.map([
            .init(key: "zeta", value: .integer(1)),
            .init(key: "alpha", value: .map([])),
            .init(key: "users", value: .list([
                .string("default"),
                .map([
                    .init(key: "name", value: .string("bluevirt")),
                    .init(key: "groups", value: .list([.string("sudo"), .string("adm")])),
                    .init(key: "ssh_authorized_keys", value: .list([.string(Self.sshKey)])),
                    .init(key: "sudo", value: .string("ALL=(ALL) NOPASSWD:ALL")),
                    .init(key: "lock_passwd", value: .bool(true)),
                ]),
            ])),
            .init(key: "write_files", value: .list([
                .map([
                    .init(key: "path", value: .string("/etc/motd")),
                    .init(key: "permissions", value: .string("0644")),
                    .init(key: "content", value: .string("Welcome\n  to bluevirt: yes\n")),
                ]),
            ])),
            .init(key: "runcmd", value: .list([.list([.string("sh"), .string("-c"), .string("echo hi")]), .list([])])),
            .init(key: "empty list", value: .list([])),
            .init(key: "nested", value: .list([.list([.list([.map([.init(key: "deep", value: .null)])])])])),
        ])
        #expect(try PyYAML.load(SeedYAML.emit(value)) == value)
    }

    @Test func topLevelValuesOtherThanMappings() throws {
        for value: SeedValue in [.list([.string("a"), .integer(1)]), .map([]), .list([]), .string("yes"), .null, .integer(7)] {
            #expect(try PyYAML.load(SeedYAML.emit(value)) == value)
        }
    }
}

@Suite("SeedYAML text")
struct SeedYAMLTextTests {
    @Test func blockStyleWithKeysInGivenOrder() {
        let value = SeedValue.map([
            .init(key: "b", value: .string("plain text")),
            .init(key: "a", value: .list([.string("x"), .map([.init(key: "k", value: .string("yes")), .init(key: "l", value: .integer(1))])])),
            .init(key: "script", value: .string("#!/bin/sh\necho hi\n")),
            .init(key: "empty", value: .map([])),
        ])
        #expect(SeedYAML.emit(value) == """
            b: plain text
            a:
              - x
              - k: "yes"
                l: 1
            script: |
              #!/bin/sh
              echo hi
            empty: {}

            """)
    }

    @Test func sshKeyLineIsWrittenUnchanged() {
        let key = SeedYAMLRoundTripTests.sshKey
        let text = SeedYAML.emit(.map([.init(key: "ssh_authorized_keys", value: .list([.string(key)]))]))
        #expect(text == "ssh_authorized_keys:\n  - \(key)\n")
    }

    @Test func chompingAndIndentationIndicators() {
        #expect(SeedYAML.emit(.map([.init(key: "k", value: .string("a\nb"))])) == "k: |-\n  a\n  b\n")
        #expect(SeedYAML.emit(.map([.init(key: "k", value: .string("a\n\n"))])) == "k: |+\n  a\n\n")
        #expect(SeedYAML.emit(.map([.init(key: "k", value: .string(" a\nb\n"))])) == "k: |2\n   a\n  b\n")
    }
}

/// PyYAML as the reader: its `safe_load` result, tagged with Python's types, as a SeedValue.
enum PyYAML {
    static let isAvailable = (try? ExternalTool.run(["python3", "-c", "import yaml"]).status) == 0
    static let unavailableReason: Comment = "needs python3 with PyYAML (what cloud-init parses seeds with); scripts/setup.sh installs it"

    private static let script = """
        import json, sys, yaml
        def tag(v):
            if v is None: return {"null": None}
            if isinstance(v, bool): return {"bool": v}
            if isinstance(v, int): return {"integer": v}
            if isinstance(v, float): return {"number": v}
            if isinstance(v, str): return {"string": v}
            if isinstance(v, list): return {"list": [tag(x) for x in v]}
            if isinstance(v, dict): return {"map": [[k if isinstance(k, str) else "not a string: " + repr(k), tag(x)] for k, x in v.items()]}
            return {"string": "unexpected " + repr(type(v))}
        print(json.dumps(tag(yaml.safe_load(sys.stdin.buffer.read().decode("utf-8")))))
        """

    static func load(_ yaml: String) throws -> SeedValue {
        let output = try ExternalTool.output(["python3", "-c", script], input: Array(yaml.utf8))
        return try seedValue(JSONSerialization.jsonObject(with: Data(output.standardOutput), options: [.fragmentsAllowed]))
    }

    private static func seedValue(_ json: Any) throws -> SeedValue {
        guard let tagged = json as? [String: Any], let (type, value) = tagged.first else {
            throw ExternalTool.Failure(description: "unexpected JSON from the PyYAML script: \(json)")
        }
        switch type {
        case "null": return .null
        case "bool": return .bool((value as! NSNumber).boolValue)
        case "integer": return .integer((value as! NSNumber).int64Value)
        case "number": return .number((value as! NSNumber).doubleValue)
        case "string": return .string(value as! String)
        case "list": return .list(try (value as! [Any]).map(seedValue))
        default:
            return .map(try (value as! [[Any]]).map { pair in
                SeedValue.Entry(key: pair[0] as! String, value: try seedValue(pair[1]))
            })
        }
    }
}
