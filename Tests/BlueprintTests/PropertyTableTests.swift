import Testing
@testable import Blueprint
import YAMLSource
import Diagnostics

@Suite struct PropertyTableTests {
    private let range = SourceRange(file: "t.yaml", start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2))

    private func value(_ text: String) -> Expression {
        Expression(value: .string(text), range: range)
    }

    private var defaults: NameTable<Expression> {
        var table = NameTable<Expression>()
        table["a"] = value("default a")
        table["b"] = value("default b")
        return table
    }

    @Test func givenValuesWinOverDefaults() {
        var table = PropertyTable(defaults: defaults)
        table["b"] = value("given b")
        #expect(table["a"]?.stringLiteral == "default a")
        #expect(table["b"]?.stringLiteral == "given b")
        #expect(table["c"] == nil)
    }

    @Test func namesKeepTheTypesOrderThenTheTemplates() {
        var table = PropertyTable(defaults: defaults)
        table["z"] = value("z")
        table["b"] = value("given b")
        table["c"] = value("c")
        #expect(table.names == ["a", "b", "z", "c"])
        #expect(table.entries.map(\.element.stringLiteral) == ["default a", "given b", "z", "c"])
        #expect(table.count == 4)
        #expect(table.contains("z") && table.contains("a") && !table.contains("y"))
    }

    @Test func removingAGivenValueShowsTheDefaultAgain() {
        var table = PropertyTable(defaults: defaults)
        table["a"] = value("given a")
        table["a"] = nil
        #expect(table["a"]?.stringLiteral == "default a")
    }

    @Test func theDefaultsAreSharedNotChanged() {
        let shared = defaults
        var table = PropertyTable(defaults: shared)
        table["a"] = value("given a")
        #expect(table.defaults["a"]?.stringLiteral == "default a")
        #expect(shared["a"]?.stringLiteral == "default a")
        #expect(PropertyTable().isEmpty && !table.isEmpty)
    }
}
