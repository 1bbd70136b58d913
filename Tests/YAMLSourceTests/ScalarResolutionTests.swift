import Testing
@testable import YAMLSource

/// The YAML 1.2 core schema, row by row: what each plain scalar becomes.
@Suite struct ScalarResolutionTests {
    private func value(_ yaml: String) -> ScalarValue? {
        let result = YAMLLoader.load(string: "v: \(yaml)\n", file: "t.yaml")
        return result.documents.first?["v"]?.scalar?.value
    }

    @Test(arguments: [
        ("null", ScalarValue.null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
        ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
        ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
        ("0", .int(0)), ("42", .int(42)), ("-7", .int(-7)), ("+12", .int(12)), ("007", .int(7)),
        ("0o17", .int(15)), ("0x1F", .int(31)), ("0xff", .int(255)),
        ("1.5", .float(1.5)), ("-2.25", .float(-2.25)), (".5", .float(0.5)), ("1.", .float(1)),
        ("2e3", .float(2000)), ("1.5E-2", .float(0.015)), ("+1e+2", .float(100)),
        (".inf", .float(.infinity)), ("-.Inf", .float(-.infinity)), ("+.INF", .float(.infinity)),
        ("yes", .string("yes")), ("no", .string("no")), ("on", .string("on")), ("off", .string("off")),
        ("y", .string("y")), ("nULL", .string("nULL")), ("tRUE", .string("tRUE")),
        ("0o8", .string("0o8")), ("0xG", .string("0xG")), ("0X1F", .string("0X1F")), ("1_000", .string("1_000")),
        ("1.2.3", .string("1.2.3")), ("-x", .string("-x")), (".", .string(".")), ("e3", .string("e3")), ("1e", .string("1e")),
        ("-.nan", .string("-.nan")), ("12:30", .string("12:30")), ("hello world", .string("hello world")),
    ] as [(String, ScalarValue)])
    func plainScalar(_ text: String, _ expected: ScalarValue) {
        #expect(value(text) == expected, "plain scalar '\(text)'")
    }

    /// `isString`, the comparison key lookups use, agrees with the resolved value: a quoted
    /// number is the string, a plain one is not, and a string whose value differs from its
    /// text (an escape) compares by the value.
    @Test func isStringComparesTheStringValue() {
        let result = YAMLLoader.load(string: "a: 1\nb: '1'\nc: \"x\\ty\"\nd: [1]\ne: web\n", file: "t.yaml")
        let root = result.documents.first!
        #expect(root["a"]?.isString("1") == false)
        #expect(root["b"]?.isString("1") == true)
        #expect(root["c"]?.isString("x\ty") == true)
        #expect(root["c"]?.isString(#"x\ty"#) == false)
        #expect(root["d"]?.isString("1") == false)
        #expect(root["e"]?.isString("web") == true)
        #expect(root["e"]?.isString("we") == false)
    }

    @Test func nanIsAFloat() {
        for text in [".nan", ".NaN", ".NAN"] {
            guard case .float(let number)? = value(text) else {
                Issue.record("'\(text)' should be a float")
                continue
            }
            #expect(number.isNaN)
        }
    }

    @Test func integerTooLargeForIntStaysANumber() {
        #expect(value("99999999999999999999") == .float(1e20))
    }

    @Test(arguments: ["'true'", "\"42\"", "'null'", "\"\""])
    func quotedScalarsAreStrings(_ text: String) {
        guard case .string? = value(text) else {
            Issue.record("\(text) should be a string")
            return
        }
    }

    @Test func blockScalarsAreStrings() {
        let result = YAMLLoader.load(string: "a: |\n  42\nb: >\n  true\n", file: "t.yaml")
        #expect(result.documents.first?["a"]?.scalar?.value == .string("42\n"))
        #expect(result.documents.first?["b"]?.scalar?.value == .string("true\n"))
        #expect(result.documents.first?["a"]?.scalar?.style == .literal)
        #expect(result.documents.first?["b"]?.scalar?.style == .folded)
    }

    @Test func explicitTagsWin() {
        let yaml = "s: !!str 42\ni: !!int \"17\"\nf: !!float 3\nb: !!bool 'false'\nn: !!null ''\nx: ! 12\n"
        let result = YAMLLoader.load(string: yaml, file: "t.yaml")
        let document = result.documents.first
        #expect(result.diagnostics.isEmpty)
        #expect(document?["s"]?.scalar?.value == .string("42"))
        #expect(document?["i"]?.scalar?.value == .int(17))
        #expect(document?["f"]?.scalar?.value == .float(3))
        #expect(document?["b"]?.scalar?.value == .bool(false))
        #expect(document?["n"]?.scalar?.value == .null)
        #expect(document?["x"]?.scalar?.value == .string("12"))
    }

    @Test func scalarThatDoesNotFitItsTagIsAnError() {
        let result = YAMLLoader.load(string: "port: !!int eighty\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.tagMismatch])
        #expect(result.diagnostics.first?.range.start == SourceLocation(line: 1, column: 7))
        #expect(result.documents.first?["port"]?.scalar?.value == .string("eighty"))
    }

    /// An empty scalar tagged as a number has no first byte to read: an error, as in PyYAML,
    /// not a read past the text (it trapped the debug build and read stray memory in release).
    @Test(arguments: ["a: !!int\n", "a: !!float\n", "a: !!int ''\n", "[!!float , 1]\n", "!!int : 1\n"])
    func emptyScalarTaggedAsANumberIsAnError(_ yaml: String) {
        let result = YAMLLoader.load(string: yaml, file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.tagMismatch], "\(yaml.debugDescription): \(result.diagnostics.map(\.message))")
    }

    @Test func unknownTagIsAWarningAndIgnored() {
        let result = YAMLLoader.load(string: "a: !Ref 12\n", file: "t.yaml")
        #expect(result.diagnostics.map(\.code) == [.unknownTag])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.documents.first?["a"]?.scalar?.value == .int(12))
    }

    @Test func collectionTags() {
        let fine = YAMLLoader.load(string: "a: !!map {x: 1}\nb: !!seq [1]\nc: ! [2]\n", file: "t.yaml")
        #expect(fine.diagnostics.isEmpty)
        #expect(fine.documents.first?["a"]?["x"]?.scalar?.value == .int(1))
        #expect(fine.documents.first?["b"]?.items?.count == 1)
        let wrong = YAMLLoader.load(string: "a: !!seq {x: 1}\nb: !!map scalar\nc: !thing [1]\n", file: "t.yaml")
        #expect(wrong.diagnostics.map(\.code) == [.tagMismatch, .tagMismatch, .unknownTag])
        #expect(wrong.diagnostics.map(\.range.start.line) == [1, 2, 3])
    }
}
