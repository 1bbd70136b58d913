import Jinja
import Testing

/// Errors are typed and carry the line and column of the construct at fault.
@Suite struct ErrorTests {
    static func error(_ source: String, _ context: [String: Value] = [:], loader: (any TemplateLoader)? = nil) -> JinjaError? {
        do {
            _ = try Template(source).render(context, loader: loader)
            return nil
        } catch {
            return error
        }
    }

    @Test("unsupported tags are .unsupported errors at the tag", arguments: [
        "{% extends 'base.xml' %}",
        "{% block devices %}{% endblock %}", "{% import 'm.xml' as m %}", "{% from 'm.xml' import m %}",
        "{% filter upper %}x{% endfilter %}", "{% with a = 1 %}{% endwith %}",
        "{% autoescape false %}{% endautoescape %}",
    ])
    func unsupportedTags(source: String) throws {
        let error = try #require(Self.error("<a/>\n  " + source))
        #expect(error.kind == .unsupported)
        #expect(error.position == SourcePosition(line: 2, column: 3))
    }

    @Test("an unsupported filter or test names itself and its position")
    func unsupportedFilterAndTest() throws {
        let filter = try #require(Self.error("x\n{{ name|wordwrap }}"))
        #expect(filter.kind == .unsupported)
        #expect(filter.message.contains("'wordwrap'"))
        #expect(filter.position == SourcePosition(line: 2, column: 9))
        let test = try #require(Self.error("{{ a is sameas b }}"))
        #expect(test.kind == .unsupported)
        #expect(test.position == SourcePosition(line: 1, column: 9))
    }

    @Test("caller() in a macro called without {% call %} is undefined, naming the call")
    func callerWithoutCallBlock() throws {
        // jinja2: UndefinedError "No caller defined", raised at caller() whichever call it was.
        let error = try #require(Self.error("{% macro m() %}<x>{{ caller() }}</x>{% endmacro %}\n{% call m() %}y{% endcall %}{{ m() }}"))
        #expect(error.kind == .undefined)
        #expect(error.position == SourcePosition(line: 1, column: 28))
        #expect(error.message == "No caller defined: macro 'm' calls caller(), but is called at line 2, column 33 without {% call %}")
    }

    @Test("an unknown filter is a syntax error, as in jinja2")
    func unknownFilter() throws {
        let error = try #require(Self.error("{{ x|frobnicate }}"))
        #expect(error.kind == .syntax)
        #expect(error.message == "No filter named 'frobnicate'.")
    }

    @Test("syntax errors point at the offending token")
    func syntaxPositions() throws {
        let unknownTag = try #require(Self.error("a\nb {% frob %}"))
        #expect(unknownTag.kind == .syntax)
        #expect(unknownTag.position == SourcePosition(line: 2, column: 6))
        let badExpression = try #require(Self.error("{{ 1 + }}"))
        #expect(badExpression.position == SourcePosition(line: 1, column: 8))
        let unclosedIf = try #require(Self.error("\n\n  {% if x %}y"))
        #expect(unclosedIf.kind == .syntax)
        #expect(unclosedIf.position == SourcePosition(line: 3, column: 3))
    }

    @Test("an attribute of an undefined value is .undefined, with jinja2's message")
    func undefinedAttribute() throws {
        let error = try #require(Self.error("<name>\n {{ params.name }}</name>"))
        #expect(error.kind == .undefined)
        #expect(error.message == "'params' is undefined")
        #expect(error.position == SourcePosition(line: 2, column: 11))
        let nested = try #require(Self.error("{{ a.b.c }}", ["a": .dict([("x", .int(1))])]))
        #expect(nested.message == "'dict object' has no attribute 'b'")
    }

    @Test("printing a value Python prints with an address is unsupported, not guessed")
    func printingMethods() throws {
        let error = try #require(Self.error("{{ d.items }}", ["d": .dict([])]))
        #expect(error.kind == .unsupported)
    }

    @Test("check lists every unsupported construct, not only the first, in order")
    func checkListsAll() {
        let problems = Template.check("""
            {% extends 'a.xml' %}
            {{ name|wordwrap }}
            {% filter upper %}{% endfilter %}
            {{ x is sameas y }}
            """)
        #expect(problems.map(\.kind) == [.unsupported, .unsupported, .unsupported, .unsupported])
        #expect(problems.map(\.position.line) == [1, 2, 3, 4])
    }

    @Test("check passes a template that only fails on values")
    func checkIgnoresValues() {
        #expect(Template.check("{{ a.b }}{% for d in disks %}{{ d.dev|default('vda') }}{% endfor %}").isEmpty)
        #expect(Template.check("{% if x %}").map(\.kind) == [.syntax])
    }
}

/// What jinja2 would build until memory or time ran out is refused before the work, as a
/// `.limit` error at the construct (the tester's templates crashed, hung or took 805 MB).
@Suite struct RenderLimitTests {
    static func limitError(_ source: String) throws -> JinjaError {
        let error = try #require(ErrorTests.error(source))
        #expect(error.kind == .limit, "\(error)")
        return error
    }

    @Test("a repetition whose text or list would pass the limit, counted before it is made")
    func repetition() throws {
        let text = try Self.limitError("<a>\n{% set x = (\"a\" * 1000000) * 1000000 %}")
        #expect(text.position == SourcePosition(line: 2, column: 28))
        #expect(text.message == "repeating a text 1000000 times would make a text of 1000000000000 bytes; bluevirt's Jinja2 interpreter builds at most 8388608 (8 MiB)")
        let big = try Self.limitError("{{ \"a\" * 100000000 }}")
        #expect(big.message.hasPrefix("repeating a text 100000000 times would make a text of 100000000 bytes"))
        let list = try Self.limitError("{{ [1, 2] * 600000 }}")
        #expect(list.message == "repeating a list 600000 times would make a list of 1200000 items; bluevirt's Jinja2 interpreter builds at most 1000000")
        let uncounted = try Self.limitError("{{ ('ab' * 9000000000000000000)|length }}")
        #expect(uncounted.message == "repeating a text 9000000000000000000 times would make a text of more than 8388608 bytes (8 MiB), the most bluevirt's Jinja2 interpreter builds")
    }

    @Test("a range is counted, not made: too long is refused at once, of any size")
    func range() throws {
        let huge = try Self.limitError("{% for i in range(9000000000000000000) %}{% endfor %}")
        #expect(huge.message == "range(0, 9000000000000000000) has 9000000000000000000 numbers; bluevirt's Jinja2 interpreter makes ranges of at most 100000")
        #expect(huge.position == SourcePosition(line: 1, column: 18))
        _ = try Self.limitError("{{ range(100000000) }}")
        _ = try Self.limitError("{{ range(-9223372036854775807, 9223372036854775807) }}")
        _ = try Self.limitError("{{ range(9223372036854775807, -9223372036854775807, -1) }}")
    }

    @Test("loops, output, concatenation, filters and printed values stop at the limits")
    func others() throws {
        let loops = try Self.limitError("{% for i in range(100000) %}\n  {% for j in range(100000) %}{% endfor %}{% endfor %}")
        #expect(loops.message.hasPrefix("the template's loops would run more than 1000000 times"))
        #expect(loops.position == SourcePosition(line: 2, column: 3))
        let output = try Self.limitError("{% for i in range(100) %}{{ 'x' * 100000 }}{% endfor %}")
        #expect(output.message.hasPrefix("the template's output would make a text of"))
        _ = try Self.limitError("{% set a = 'x' * 5000000 %}{{ (a ~ a)|length }}")
        _ = try Self.limitError("{% set a = 'x' * 5000000 %}{{ (a + a)|length }}")
        _ = try Self.limitError("{{ (range(100000)|list + range(100000)|list) * 6 }}")
        _ = try Self.limitError("{{ ('x' * 1000)|replace('x', 'y' * 10000) }}")
        _ = try Self.limitError("{{ 'a\nb'|indent(9000000000000000000) }}")
        _ = try Self.limitError("{{ [[1]]|tojson(indent=9000000000000000000) }}")
        _ = try Self.limitError("{{ (['x' * 1000000] * 10)|join }}")
        _ = try Self.limitError("{% set x = ('x' * 2000000)|list %}")
        // A list repeated into itself is small in memory, and its text is not.
        let nested = try Self.limitError("{% set a = [0] * 1000 %}{% set b = [a] * 1000 %}{% set c = [b] * 1000 %}{{ c }}")
        #expect(nested.message == "the text of a list (printing it) would make a text of more than 8388608 bytes (8 MiB), the most bluevirt's Jinja2 interpreter builds")
    }

    @Test("a macro calling itself without end, or a template including itself, stops at the nesting limits")
    func nesting() throws {
        let endless = try Self.limitError("{% macro m(n) %}{{ m(n + 1) }}{% endmacro %}\n{{ m(0) }}")
        #expect(endless.message.hasPrefix("macro calls would nest more than 100 deep"))
        #expect(endless.position == SourcePosition(line: 1, column: 21))
        // 99 calls deep (jinja2 renders about 200) still render, each level's text kept.
        let deep = try Template("{% macro m(n) %}{% if n > 0 %}.{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(99) }}").render([:])
        #expect(deep == String(repeating: ".", count: 99))
        let included = try #require(ErrorTests.error("{% include 'self' %}", loader: SelfIncluding()))
        #expect(included.kind == .limit)
        #expect(included.message.hasPrefix("includes would nest more than 16 deep"))
        #expect(included.template == "self")
    }
}

/// A loader whose one template includes itself.
private struct SelfIncluding: TemplateLoader {
    func load(_ name: String) throws(TemplateLoadFailure) -> LoadedTemplate {
        LoadedTemplate(path: name, text: "x{% include 'self' %}")
    }
}
