import Testing
@testable import YAMLSource

/// BV0019: a plain scalar Cloudify's parser (PyYAML, YAML 1.1) reads as another value than
/// bluevirt (YAML 1.2) is a warning naming both values; checked against PyYAML itself.
@Suite struct YAML11ReadingTests {
    static let scalars = [
        "0", "-0", "+0", "00", "07", "017", "-017", "0017", "08", "09", "0o17", "0o8", "0x1F", "0X1F", "0x_1F", "0b101", "0b2", "-0b11",
        "1_000", "1__0", "_1", "+_1", "1_", "+1_0", "-1_000", "0_17", "1:30", "-1:30", "1:30:00", "190:20:30", "1:60", "01:30", "1:3", "+1:30",
        "1:30.5", "190:20:30.15", "0:30.5", "12:00", "8080:80", "52:54:00:12:34:56", "52:54:00:ab:cd:ef", "10:20", "00:00", "2001:db8::1",
        "1.5", "-1.5", "+1.5", ".5", "5.", "-.5", "+.5", "1e3", "1E3", "1.0e3", "1.0e+3", "1.0E-3", "1e+3", "-1e3", "+1e+2", ".1e3", ".1e+3",
        "1.e3", "6.8523015e+5", "685.230_15e+03", "1_0.5", "1.5_0", "._5", ".inf", "-.Inf", "+.INF", ".nan", ".NaN",
        "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43Z", "2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10",
        "2001-1-1", "2001-1-1 1:02:03", "2001-13-45", "20011214", "2001-12-14x", "1.2.3", "10.0.0.1", "192.168.122.1", "10G", "1-2",
        "9223372036854775807", "1,000", "-", "+", ".", "-.", "..", "0.1.2", "1b", "10b01", "a:1", "web",
    ]

    @Test func warnsExactlyWherePyYAMLReadsAnotherValue() throws {
        let texts = Self.scalars.map { "v: \($0)\n" }
        let python = try PyYAML.load(texts)
        for (scalar, (text, theirs)) in zip(Self.scalars, zip(texts, python)) {
            let result = YAMLLoader.load(string: text, file: "t.yaml")
            let ours = Tagged(result)
            let warned = result.diagnostics.contains { $0.code == .yaml11Reading }
            #expect(warned == (ours != theirs), "\(scalar): bluevirt \(ours), PyYAML \(theirs), warned: \(warned)")
        }
    }

    @Test(arguments: [
        ("017", "Cloudify (YAML 1.1) reads '017' as the integer 15; bluevirt (YAML 1.2) reads the integer 17"),
        ("08", "Cloudify (YAML 1.1) reads '08' as the text '08'; bluevirt (YAML 1.2) reads the integer 8"),
        ("1:30", "Cloudify (YAML 1.1) reads '1:30' as the integer 90; bluevirt (YAML 1.2) reads it as text"),
        ("1e3", "Cloudify (YAML 1.1) reads '1e3' as the text '1e3'; bluevirt (YAML 1.2) reads the number 1000.0"),
        ("1_000", "Cloudify (YAML 1.1) reads '1_000' as the integer 1000; bluevirt (YAML 1.2) reads it as text"),
        ("2001-12-14", "Cloudify (YAML 1.1) reads '2001-12-14' as a date; bluevirt (YAML 1.2) reads it as text"),
    ])
    func namesBothValues(_ scalar: String, _ message: String) throws {
        let result = YAMLLoader.load(string: "a:\n  b: [x, \(scalar)]\n", file: "t.yaml")
        let warning = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(warning.code == .yaml11Reading && warning.severity == .warning)
        #expect(warning.message == message)
        #expect(warning.range.start == SourceLocation(line: 2, column: 10))
        #expect(warning.notes.first?.message.contains("quote it ('\(scalar)')") == true)
    }

    @Test func quotedAndTaggedScalarsAndWordsAreNotWarnedAbout() {
        let text = "a: '017'\nb: \"1:30\"\nc: !!str 1e3\nd: |\n  017\ne: yes\nf: 1.0e+3\ng: 0x1F\nh: 10.0.0.1\ni: 15\n"
        #expect(YAMLLoader.load(string: text, file: "t.yaml").diagnostics.isEmpty)
    }
}
