import Mustache
@testable import Rendering
import Testing
import TestSupport

/// bluevirt's Mustache (``CompiledTemplateParser`` and ``CompiledTemplate``) against
/// swift-mustache, which rendered every template before it and stays as the oracle: the same
/// template, partials and context must give the same bytes, and a template that does not parse
/// the same kind of error at the same line and column (what BV0612 reports).
@Suite("bluevirt's Mustache renders and fails as swift-mustache does")
struct MustacheDifferentialTests {
    /// A render or a syntax error, comparable across the two implementations.
    enum Outcome: Equatable, CustomStringConvertible {
        case rendered(String)
        case failed(kind: String, line: Int, column: Int)

        var description: String {
            switch self {
            case .rendered(let text): "rendered \(text.debugDescription)"
            case .failed(let kind, let line, let column): "\(kind) at \(line):\(column)"
            }
        }
    }

    /// Partials the hand-written templates include or inherit, beside the built-in templates.
    static let partials: [String: String] = [
        "item": "<i n=\"{{name}}\">\n  {{#items}}\n  <j>{{.}}</j>\n  {{>leaf}}\n  {{/items}}\n</i>\n",
        "leaf": "{{#flag}}\nL{{text}}\n{{/flag}}\n",
        "parent": "<p>\n  {{$head}}H {{name}}{{/head}}\n  {{$body}}\n  default {{text}}\n  {{/body}}\n  {{>leaf}}\n</p>\n{{$tail}}{{/tail}}",
        "middle": "{{<parent}}{{$body}}\n    middle {{$inner}}I{{/inner}}\n{{/body}}{{/parent}}",
        "blocky": "  {{$b}}\n  x {{name}}\n    y\n  {{/b}}\n{{$c}}C{{/c}}\n",
        "indented": "<x>\n  {{>item}}\n    {{>item}}\n{{>item}}\n</x>\n",
        "raw": "{{%CONTENT_TYPE:TEXT}}[{{text}}]{{>leaf}}",
    ]

    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, text) in BuiltinTemplates.sources.merging(partials, uniquingKeysWith: { $1 }) {
            try! library.register(text, named: name)
        }
        return library
    }()

    static let compiledLibrary: [String: CompiledTemplate] =
        BuiltinTemplates.sources.merging(partials, uniquingKeysWith: { $1 }).mapValues { try! CompiledTemplateParser.parse($0) }

    static func oracle(_ text: String, _ context: [String: Any]) -> Outcome {
        do {
            return .rendered(try MustacheTemplate(string: text).render(context, library: library))
        } catch let error as MustacheTemplate.ParserError {
            return .failed(kind: "\(error.error)", line: error.context.lineNumber, column: error.context.columnNumber)
        } catch {
            return .failed(kind: "\(error)", line: 0, column: 0)
        }
    }

    static func ours(_ text: String, _ context: [String: Any]) -> Outcome {
        do {
            return .rendered(try CompiledTemplateParser.parse(text).render(TemplateValue(context), partials: compiledLibrary))
        } catch {
            return .failed(kind: "\(error.kind)", line: error.line, column: error.column)
        }
    }

    /// Compares both over `count` random contexts of `names`; stops at the first difference.
    static func expectSame(_ text: String, names: [String], seed: UInt64 = 7, count: Int = 40) {
        var generator = ContextGenerator(seed: seed, names: names)
        for _ in 0..<count {
            let context = generator.context()
            let expected = oracle(text, context), actual = ours(text, context)
            #expect(actual == expected, "\(text.debugDescription) with \(context)")
            if actual != expected { return }
        }
    }

    static let contextNames = ["flag", "name", "items", "text", "meta", "node", "number", "missing", "partial"]

    @Test("every built-in template parses")
    func everyBuiltinParses() throws {
        for (name, text) in BuiltinTemplates.sources {
            #expect(throws: Never.self, "\(name)") { try CompiledTemplateParser.parse(text) }
        }
        #expect(Set(BuiltinTemplates.compiled.keys) == Set(BuiltinTemplates.sources.keys))
    }

    @Test("each built-in template, over 150 random contexts of the names it reads", arguments: TemplateRenderer.builtinTemplateNames)
    func builtinTemplatesMatch(name: String) throws {
        var library = MustacheLibrary()
        for (name, text) in BuiltinTemplates.sources { try library.register(text, named: name) }
        let reference = try #require(library.getTemplate(named: name))
        let compiled = try #require(BuiltinTemplates.compiled[name])
        var generator = ContextGenerator(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }), names: Self.namesRead(from: name))
        for _ in 0..<150 {
            let context = generator.context()
            let expected = reference.render(context, library: library)
            let actual = compiled.render(TemplateValue(context), partials: BuiltinTemplates.compiled)
            #expect(actual == expected, "\(name) with \(context)")
            if actual != expected { return }
        }
    }

    /// One template per construct and per rule of whitespace, each over random contexts.
    static let constructs: [String] = [
        // variables, escaping, dotted names, the current value, missing names
        "{{name}} {{ name }} {{text}}|{{missing}}|{{meta.node}} {{meta.missing.deeper}} {{.name}} {{number}} {{flag}}",
        "{{{text}}} {{&text}} {{& name }} {{{ meta.node }}}",
        "{{#items}}({{.}}){{/items}}{{^items}}none{{/items}} {{#number}}n={{number}}{{/number}} {{items}} {{meta}}",
        "{{#meta}}{{node}}/{{name}}/{{.name}}/{{..}}{{/meta}} {{}} {{#text}}[{{.}}]{{/text}}",
        "{{#items}}{{#items}}{{name}}-{{text}}{{/items}}{{^items}}leaf {{name}}{{/items}};{{/items}}",
        "{{#flag}}{{#flag}}yes{{/flag}}{{/flag}}{{^flag}}{{^flag}}no{{/flag}}{{/flag}}",
        "{{#meta.node}}in {{.}}{{/meta.node}}{{^meta.node}}out{{/meta.node}}",
        // standalone lines
        "a\n  {{#flag}}\n  b\n  {{/flag}}\n{{! note }}\n  {{^flag}}  c {{/flag}} d\n{{#flag}}e{{/flag}}\n",
        "  {{! one\n  two }}\n  x {{! inline }} y\n{{!last}}",
        "{{#flag}}\n{{/flag}} {{#items}}\nz\n{{/items}}\n  \t{{^flag}}\t \nq\n  {{/flag}}  \nend",
        "\t{{#items}}\r\n\t<{{name}}>\r\n\t{{/items}}\r\n|\r\n  {{! c }}\r\n",
        "x\r{{#flag}}\ry\n{{/flag}}\u{0B}{{name}}\u{85}z",
        "{{#flag}}  \n  {{/flag}}  ",
        "  {{name}}\n  {{#flag}} \n",
        "{{#flag}}\n  in\n  {{/flag}}",
        "  {{#items}}\n{{name}}\n  {{/items}}",
        "{{^flag}}\n{{/flag}}\t{{! end }}",
        // partials, indentation, dynamic names
        "<x>\n  {{>item}}\n    {{>item}}\n{{>item}}\n</x>\n",
        "  {{>indented}}\n{{#items}}\n  {{>leaf}}\n{{/items}}\n{{>missing}}|{{> leaf }}",
        "{{>*partial}}|{{#items}}  {{>*partial}}\n{{/items}}",
        "{{>raw}} {{text}} {{%CONTENT_TYPE:TEXT}}{{text}} {{>leaf}}{{text}}{{#meta}}{{text}}{{/meta}}",
        "{{%CONTENT_TYPE:HTML}}{{text}}",
        // inheritance: overridden and default blocks, nesting, indentation
        "{{<parent}}{{$head}}child {{text}}{{/head}}{{/parent}}",
        "{{<parent}}\n{{$body}}\n  over {{name}}\n    deeper\n{{/body}}\n{{/parent}}\n",
        "  {{<parent}}\n  text ignored\n    {{$tail}}\n      T{{name}}\n    {{/tail}}\n  {{/parent}}\nafter",
        "{{<middle}}{{$inner}}inner {{name}}{{/inner}}{{/middle}}",
        "{{<middle}}{{$body}}child body wins over middle's{{/body}}{{/middle}}",
        "{{<middle}}{{/middle}}{{<blocky}}{{$c}}{{/c}}{{/blocky}}",
        "{{$head}}own default{{/head}}\n  {{$solo}}\n  S\n  {{/solo}}\n",
        "{{#items}}{{<blocky}}{{$b}}[{{name}}]{{/b}}{{/blocky}}{{/items}}",
        "{{<*partial}}{{$body}}dyn{{/body}}{{/*partial}}",
        "{{<domain-test}}{{$extra_devices}}\n    <watchdog model=\"i6300esb\"/>\n{{/extra_devices}}{{/domain-test}}",
        // set delimiters
        "{{=<% %>=}}<% name %> {{name}} <%#flag%>f<%/flag%>\n<%={{ }}=%>{{text}}",
        "  {{=| |=}}  \n|name||={{ }}=|\n{{#items}}{{=[[ ]]=}}[[name]][[={{ }}=]]{{/items}}{{name}}",
        "{{#flag}}{{=<% %>=}}<%name%><%/flag%>{{name}}",
        // transforms and list positions
        "{{uppercased(text)}} {{lowercased(name)}} {{reversed(text)}} {{#empty(text)}}E{{/empty(text)}} {{capitalized(name)}}",
        "{{#items}}{{index()}}{{#first()}}F{{/first()}}{{#last()}}L{{/last()}}{{#even()}}e{{/even()}}{{#odd()}}o{{/odd()}}{{plusone(index())}},{{/items}}",
        "{{count(items)}} {{#first(items)}}{{name}}{{/first(items)}} {{#last(items)}}{{text}}{{/last(items)}} {{#empty(items)}}none{{/empty(items)}}",
        "{{plusone(number)}} {{minusone(number)}} {{#even(number)}}even{{/even(number)}} {{#equalzero(number)}}zero{{/equalzero(number)}} {{#odd(number)}}odd{{/odd(number)}}",
        "{{count(meta)}} {{#empty(meta)}}E{{/empty(meta)}} {{#sorted(meta)}}{{key}};{{/sorted(meta)}} {{#reversed(items)}}{{name}}{{/reversed(items)}}",
        "{{index()}}|{{#meta}}{{first()}}{{/meta}}|{{#flag}}{{#items}}{{#flag}}{{index()}}{{/flag}}{{/items}}{{/flag}}",
        // characters: combining marks after braces, non-ASCII text, a brace alone
        "é {{name}} ü{{#flag}}\u{301}{{/flag}}{\u{301}{{name}}}\u{301} {{text}}",
        "{ {{name}} } {x} {{name}",
        "{{name}}{{",
    ]

    @Test("each construct, over 40 random contexts", arguments: constructs.indices)
    func constructMatches(index: Int) {
        Self.expectSame(Self.constructs[index], names: Self.contextNames, seed: UInt64(index) + 1)
    }

    /// Templates that do not parse, one or more per kind of error and per place it is found.
    static let malformed: [String] = [
        "{{#a}}x{{/b}}", "{{#a}}\n  x\n{{/a }}{{/a}}", "{{/a}}", "a\n{{^b}}\n{{#c}}{{/b}}",
        "{{name", "{{name}", "{{na me}}", "{{#a(b}}{{/a(b}}", "{{a(b))}}", "{{a)b}}", "{{a(b)c}}",
        "{{#a}}", "x\n  {{#a}}\n{{^b}}", "{{$a}}", "{{<parent}}{{$head}}x{{/head}}",
        "{{=<% %>}}", "{{= %>=}}", "{{=<%%>=}}", "{{=<% %>=", "{{=<% %>=}", "{{=<%",
        "{{$f(x)}}{{/f(x)}}", "{{<parent}}{{name}}{{/parent}}", "{{<parent}}\n{{#a}}{{/a}}\n{{/parent}}",
        "{{%CONTENT_TYPE}}", "{{% CONTENT_TYPE : }}", "{{%CONTENT_TYPE:JSON}}", "{{%OTHER:HTML}}", "{{%CONTENT_TYPE:TEXT",
        "text {", "{{! never closed", "{{=<% %>=}}<%! also %} never", "{{{name}}", "{{{name}", "\r\n\r\n  {{#a}}\r\n{{/b}}",
        "é\u{301} {{#a}}\né {{/b}}", "a\rb\n  c {{/x}}", "{{>}}{{#}}{{/}}{{/x}}", "{{<*partial}}{{$a}}{{/a}}",
    ]

    @Test("each malformed template fails alike", arguments: malformed.indices)
    func malformedMatches(index: Int) {
        let text = Self.malformed[index]
        let expected = Self.oracle(text, [:]), actual = Self.ours(text, [:])
        #expect(actual == expected, "\(text.debugDescription)")
        if case .rendered = expected { Issue.record("\(text.debugDescription) is no malformed template: \(expected)") }
    }

    /// Random texts of Mustache pieces: what nobody would write, to reach the corners both
    /// parsers share.
    @Test("5,000 random templates of tag pieces, text, spaces and line breaks")
    func randomTemplatesMatch() {
        let pieces = ["{{", "}}", "{", "}", "#flag", "^items", "/flag", "/items", "#items", "name", ".", "text", "meta.node",
                      "!", "&", "{{>leaf}}", "{{>item}}", "{{<parent}}", "{{/parent}}", "{{$body}}", "{{/body}}", "{{$head}}",
                      "{{/head}}", "=<% %>=", "<%", "%>", "\n", "\r\n", " ", "  ", "\t", "x", "é", "(", ")", "uppercased(",
                      "{{#flag}}", "{{/flag}}", "{{#items}}", "{{/items}}", "{{name}}", "{{.}}", "{{index()}}", "$", "<", ">",
                      "{{&name}}", "{{{text}}}", "{{%CONTENT_TYPE:TEXT}}", "{{=| |=}}", "|", "|name|", "\u{301}", "\r", "\u{85}",
                      "{{>*partial}}", "{{<middle}}", "{{/middle}}", "{{$inner}}", "{{/inner}}", "{{^flag}}", "{{! c }}", "%", "="]
        var random = SeededGenerator(state: 2026)
        var generator = ContextGenerator(seed: 11, names: Self.contextNames)
        for _ in 0..<5000 {
            let text = (0..<Int.random(in: 1...16, using: &random)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined()
            let context = generator.context()
            let expected = Self.oracle(text, context), actual = Self.ours(text, context)
            #expect(actual == expected, "\(text.debugDescription) with \(context)")
            if actual != expected { return }
        }
    }

    @Test("a context value of a kind bluevirt never gives prints by its description")
    func otherValueKind() {
        Self.expectSame("{{size}} {{#size}}[{{.}}]{{/size}} {{^size}}no{{/size}}", names: [], count: 1)
        #expect(Self.ours("{{size}}|{{#size}}{{.}}{{/size}}", ["size": 1.5]) == Self.oracle("{{size}}|{{#size}}{{.}}{{/size}}", ["size": 1.5]))
    }

    /// The names in a built-in template and in the partials it includes.
    static func namesRead(from name: String) -> [String] {
        var names: Set<String> = []
        var pending = [name], seen: Set<String> = [name]
        while let next = pending.popLast() {
            for piece in (BuiltinTemplates.sources[next] ?? "").split(separator: "{{").dropFirst() {
                let tag = piece.prefix { $0 != "}" }.trimmingPrefix(while: { "#^/$!".contains($0) })
                if tag.first == ">" {
                    let partial = String(tag.dropFirst().trimmingPrefix(while: { $0 == " " }))
                    if seen.insert(partial).inserted { pending.append(partial) }
                } else if !tag.contains(" ") && !tag.isEmpty {
                    names.insert(String(tag))
                }
            }
        }
        return names.sorted()
    }
}

/// Random contexts over a set of names: each name absent, false, true, a number, a string (some
/// with characters to escape), a list of 0 to 2 mappings over the same names, or a mapping.
struct ContextGenerator {
    var random: SeededGenerator
    let names: [String]

    init(seed: UInt64, names: [String]) {
        random = SeededGenerator(state: seed)
        self.names = names
    }

    mutating func next(_ bound: Int) -> Int { Int.random(in: 0..<bound, using: &random) }

    mutating func context(depth: Int = 0) -> [String: Any] {
        var context: [String: Any] = [:]
        for name in names {
            if let value = value(depth: depth) { context[name] = value }
        }
        return context
    }

    mutating func value(depth: Int) -> Any? {
        switch next(depth < 2 ? 9 : 7) {
        case 0: nil
        case 1: false
        case 2: true
        case 3: next(3) == 0 ? 0 : 4096
        case 4: ""
        case 5: ["web-1", "a<b & \"c\" 'd'>", "multi\nline", "é ü"][next(4)]
        case 6: ["/dev/sda", "x"][next(2)]
        case 7: (0..<next(3)).map { _ in context(depth: depth + 1) }
        default: context(depth: depth + 1)
        }
    }
}
