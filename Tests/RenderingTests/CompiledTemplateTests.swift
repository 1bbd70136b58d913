import Mustache
@testable import Rendering
import Testing
import TestSupport

/// The typed renderer of the built-in templates (``CompiledTemplate``) against swift-mustache,
/// which user templates still render with: the same template and context must give the same
/// bytes, so switching renderers changed no document.
@Suite("Compiled built-in templates render as swift-mustache does")
struct CompiledTemplateTests {
    @Test("every built-in template compiles, so none falls back to swift-mustache")
    func everyBuiltinCompiles() {
        #expect(Set(BuiltinTemplates.compiled.keys) == Set(BuiltinTemplates.sources.keys))
    }

    @Test("each built-in template, over 150 random contexts of the names it reads", arguments: TemplateRenderer.builtinTemplateNames)
    func builtinTemplatesMatch(name: String) throws {
        let compiled = try #require(BuiltinTemplates.compiled[name])
        let reference = try #require(BuiltinTemplates.library.getTemplate(named: name))
        var generator = ContextGenerator(seed: UInt64(name.utf8.reduce(0) { $0 &* 31 &+ Int($1) }), names: Self.namesRead(from: name))
        for _ in 0..<150 {
            let context = generator.context()
            let expected = reference.render(context, library: BuiltinTemplates.library)
            let actual = compiled.render(try #require(TemplateValue(context)), partials: BuiltinTemplates.compiled)
            #expect(actual == expected, "\(name) with \(context)")
            if actual != expected { return }
        }
    }

    /// Small templates for the rules the built-in templates lean on: standalone lines, partial
    /// indentation (nested, and lists inside indented partials), dotted and current-value names,
    /// sections over every kind of value, escaping.
    static let edgeTemplates: [String: String] = [
        "standalone": "a\n  {{#flag}}\n  b\n  {{/flag}}\n{{! note }}\n  {{^flag}}  c {{/flag}} d\n{{#flag}}e{{/flag}}\n",
        "indented": "<x>\n  {{>item}}\n    {{>item}}\n{{>item}}\n</x>\n",
        "item": "<i n=\"{{name}}\">\n  {{#items}}\n  <j>{{.}}</j>\n  {{>leaf}}\n  {{/items}}\n</i>\n",
        "leaf": "{{#flag}}\nL{{text}}\n{{/flag}}\n",
        "dotted": "{{meta.node}} {{.name}} {{#meta}}{{node}}/{{name}}{{/meta}} {{meta.missing.deeper}}|{{#text}}[{{.}}]{{/text}}",
        "kinds": "{{#items}}({{.}}){{/items}}{{^items}}none{{/items}} {{#number}}n={{number}}{{/number}} {{items}} {{meta}}",
        "blocks": "{{$top}}\n  T {{name}}\n{{/top}}\n  {{$inner}}\n  I\n  {{/inner}}\nend{{$tail}}x{{/tail}}   ",
        "comments": "  {{! one\n  two }}\n  x {{! inline }} y\n{{!last}}",
    ]

    @Test("edge templates, over 200 random contexts each", arguments: ["standalone", "indented", "dotted", "kinds", "blocks", "comments"])
    func edgeTemplatesMatch(name: String) throws {
        var library = MustacheLibrary()
        for (partial, text) in Self.edgeTemplates { try library.register(text, named: partial) }
        let compiledLibrary = try Self.edgeTemplates.mapValues { try #require(CompiledTemplateParser.parse($0), "\($0)") }
        let reference = try #require(library.getTemplate(named: name))
        var generator = ContextGenerator(seed: 7, names: ["flag", "name", "items", "text", "meta", "node", "number", "missing"])
        for _ in 0..<200 {
            let context = generator.context()
            let expected = reference.render(context, library: library)
            let actual = try #require(compiledLibrary[name]).render(try #require(TemplateValue(context)), partials: compiledLibrary)
            #expect(actual == expected, "\(name) with \(context)")
            if actual != expected { return }
        }
    }

    @Test("constructs the compiled renderer leaves to swift-mustache are refused, not misread",
          arguments: ["{{{raw}}}", "{{&raw}}", "{{=<% %>=}}", "{{<parent}}{{/parent}}", "{{first(items)}}", "{{#open}}", "a\r\nb", "{{}}", "{{% CONTENT_TYPE: TEXT}}"])
    func unsupportedConstructs(text: String) {
        #expect(CompiledTemplateParser.parse(text) == nil)
    }

    @Test("a context holding a kind of value the typed renderer does not know is not converted")
    func unknownValueKind() {
        #expect(TemplateValue(["size": 1.5] as [String: Any]) == nil)
        #expect(TemplateValue(["size": 1, "names": ["a", "b"]] as [String: Any]) != nil)
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
