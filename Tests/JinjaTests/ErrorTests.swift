import Jinja
import Testing

/// Errors are typed and carry the line and column of the construct at fault.
@Suite struct ErrorTests {
    static func error(_ source: String, _ context: [String: Value] = [:]) -> JinjaError? {
        do {
            _ = try Template(source).render(context)
            return nil
        } catch {
            return error
        }
    }

    @Test("unsupported tags are .unsupported errors at the tag", arguments: [
        "{% macro m() %}x{% endmacro %}", "{% include 'disk.xml' %}", "{% extends 'base.xml' %}",
        "{% block devices %}{% endblock %}", "{% import 'm.xml' as m %}", "{% from 'm.xml' import m %}",
        "{% call m() %}{% endcall %}", "{% filter upper %}x{% endfilter %}", "{% with a = 1 %}{% endwith %}",
        "{% autoescape false %}{% endautoescape %}",
    ])
    func unsupportedTags(source: String) throws {
        let error = try #require(Self.error("<a/>\n  " + source))
        #expect(error.kind == .unsupported)
        #expect(error.position == SourcePosition(line: 2, column: 3))
    }

    @Test("an unsupported filter or test names itself and its position")
    func unsupportedFilterAndTest() throws {
        let filter = try #require(Self.error("x\n{{ name|title }}"))
        #expect(filter.kind == .unsupported)
        #expect(filter.message.contains("'title'"))
        #expect(filter.position == SourcePosition(line: 2, column: 9))
        let test = try #require(Self.error("{{ a is sameas b }}"))
        #expect(test.kind == .unsupported)
        #expect(test.position == SourcePosition(line: 1, column: 9))
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
            {% include 'a.xml' %}
            {{ name|title }}
            {% macro m() %}{% endmacro %}
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
