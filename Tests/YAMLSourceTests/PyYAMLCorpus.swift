/// YAML texts on which libyaml (bluevirt's parser) and PyYAML (Cloudify's) might disagree: a
/// generated product of flow contexts, keys, separators and values, plus written edge cases
/// (byte order marks, tabs, document markers, directives, duplicate keys, line breaks, quoting).
/// Scalars that YAML 1.1 and 1.2 resolve differently (`yes`, `1_000`, `017`, dates) are left
/// out: that difference is the resolver's, documented in docs/blueprint-reference.md.
enum PyYAMLCorpus {
    struct Case: Sendable {
        var text: String
        /// The documented difference (docs/compatibility.md, "YAML") this case may show: one side
        /// refuses what the other reads; nil when both must read the same value or both refuse.
        var knownDifference: String?
    }

    static let cases: [Case] = generated + written

    /// Every key, separator and value in every flow context.
    static let generated: [Case] = {
        let contexts = ["a: {%}", "a: [%]", "a: {%, z: 1}", "[%]", "{%}", "a:\n  - {%}", "a: {b: {%}}", "a: [{%}]", "a: [x, %]"]
        let keys = ["k", "a b", "\"q\"", "'s'", "k1", "", "k.x", "get_input"]
        let separators = [":", ": ", " :", ":  ", ":\t"]
        let values = ["v", "1", "[1, 2]", "{x: 1}", "\"s\"", "'t'", "[a]", "{}", "[]", "a:b", "", "http://x", "!!str 1",
                      "&a v", "[\"sudo \", {get_input: h}, \" >> f\"]", "{get_input:[a, b]}", "?", "-1", "true"]
        var cases: [Case] = []
        for context in contexts {
            for key in keys {
                for separator in separators {
                    for value in values {
                        let text = context.replacingOccurrences(of: "%", with: key + separator + value)
                        // libyaml allows a tab after a flow ':'; PyYAML refuses a tab that starts a token.
                        let tab = separator.contains("\t") ? "libyaml reads a tab before a value as a space; PyYAML refuses it" : nil
                        cases.append(Case(text: text, knownDifference: tab))
                    }
                }
            }
        }
        return cases
    }()

    static let written: [Case] = [
        // Byte order marks and document markers.
        Case(text: "\u{FEFF}a: 1"),
        Case(text: "a: 1\n\u{FEFF}b: 2", knownDifference: "PyYAML reads a byte order mark inside the text as part of the key; libyaml refuses it"),
        Case(text: "---\na: 1\n...\n"),
        Case(text: "--- a: 1"),
        Case(text: "a: 1\n---\nb: 2"),
        Case(text: "%YAML 1.1\n---\na: 1"),
        Case(text: "%FOO x\n---\na: 1", knownDifference: "PyYAML ignores an unknown directive; libyaml refuses it"),
        Case(text: "a: 1\n...\n"),
        Case(text: "...\na: 1"),
        Case(text: "---"),
        Case(text: "#only a comment"),
        Case(text: ""),
        // Tabs.
        Case(text: "a:\n\t- 1"),
        Case(text: "\ta: 1"),
        Case(text: "a:\t1", knownDifference: "libyaml reads a tab before a value as a space; PyYAML refuses it"),
        Case(text: "a: [1,\t2]", knownDifference: "libyaml reads a tab before a value as a space; PyYAML refuses it"),
        Case(text: "a: b\tc", knownDifference: "libyaml reads a tab inside a plain value; PyYAML refuses it"),
        Case(text: "a: 'x\ty'"),
        Case(text: "a: |\n\tx"),
        // Duplicate keys: PyYAML keeps the last silently.
        Case(text: "a: 1\na: 2", knownDifference: "bluevirt refuses a duplicate key (BV0010); PyYAML keeps the last value"),
        Case(text: "a: {x: 1, x: 2}", knownDifference: "bluevirt refuses a duplicate key (BV0010); PyYAML keeps the last value"),
        // Comments, colons and indicators in plain scalars.
        Case(text: "a: b#c"), Case(text: "a: b #c"), Case(text: "a: 'b'#c"), Case(text: "a: b: c"), Case(text: "a: - b"),
        Case(text: "a: http://host:8080/path"), Case(text: "a: c:\\dir"), Case(text: "a: x::y"), Case(text: "a: @x"),
        Case(text: "a: `x"), Case(text: "a: %x"), Case(text: "a: x%"), Case(text: "a: -"), Case(text: "a: =x"),
        Case(text: "a: {\"b\":c}"), Case(text: "a: {'b':c}"), Case(text: "a: [\"b\":c]"), Case(text: "a: {b:c:d}"),
        Case(text: "a: {b::c}"), Case(text: "a: {b:?c}"), Case(text: "a: {b:]"), Case(text: "a: [b:]"), Case(text: "a: [b:[c]]"),
        Case(text: "a: {b:c:[d]}"), Case(text: "a: {b c:[d]}"), Case(text: "a: {b: c:[d]}"), Case(text: "a: {b\n :[c]}"),
        Case(text: "a: {!!str b:[c]}"), Case(text: "a: {&x b:[c], d: *x}"), Case(text: "a: {b:[c], d:{e:[f]}}"),
        Case(text: "a: {b:\n  [c]}"), Case(text: "a: [b:\n  [c]]"), Case(text: "a:\n  - {b:[c]}\n  - {d:{e: f}}"),
        // Complex keys, flow edge cases.
        Case(text: "? a\n: b"), Case(text: "a: {? b : c}"), Case(text: "a: [? b : c]"), Case(text: "a: [b: c, d]"),
        Case(text: "a: {b, c}"), Case(text: "a: {b: c,}"), Case(text: "a: [b,]"), Case(text: "a: [,b]"),
        Case(text: "a: {b: c}x"), Case(text: "a: [b] c"), Case(text: "a: \"b\" c"), Case(text: "a: {\n b: c\n}"),
        // Anchors, aliases, tags.
        Case(text: "a: &x 1\nb: *x"), Case(text: "a: &x\n  c: 1\nb:\n  <<: *x\n  d: 2"), Case(text: "a: *x"),
        Case(text: "a: !!str 1"), Case(text: "a: !<tag:yaml.org,2002:str> 1"),
        // Quoting and escapes.
        Case(text: "a: 'it''s'"), Case(text: "a: 'multi\n  line'"), Case(text: "a: \"multi\n  line\""),
        Case(text: "a: plain\n  continued"), Case(text: "a: plain\n continued\n\n  more"), Case(text: "a: \"\\x41\\u00e9\\/\""),
        Case(text: "a: \"\\N\\_\\L\\P\""), Case(text: "a: \"\\ \""), Case(text: "a: \"\\q\""), Case(text: "a: \"unterminated"),
        // Block scalars.
        Case(text: "a: |\n  x\n  y\n"), Case(text: "a: >-\n  x\n  y"), Case(text: "a: |2\n   x"), Case(text: "a: |+\n  x\n\n"),
        Case(text: "a: |-\n  x\n"), Case(text: "a: >\n  x\n\n  y\n"),
        // Line breaks.
        Case(text: "a: b\r\nc: d"), Case(text: "a: b\rc: d"), Case(text: "a: b\u{85}c: d"), Case(text: "a: b\u{2028}c: d"),
        // Indentation.
        Case(text: "a:\n- 1\n- 2"), Case(text: "a:\n  b: 1\n c: 2"), Case(text: "a:\n    b: 1\n  c: 2"),
        Case(text: "  a: 1\nb: 2"), Case(text: "a: 1\n  b: 2"), Case(text: "a:\n - b\n  - c"), Case(text: "- - a\n  - b"),
        Case(text: "- a: 1\n  b: 2\n-  c: 3"), Case(text: "a: [1, 2"), Case(text: "a: {b: 1"),
        // Long keys: both limit an implicit key to 1024 characters.
        Case(text: String(repeating: "x", count: 1100) + ": 1"),
    ]
}
