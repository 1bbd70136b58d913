import Foundation
import Testing
import YAMLSource

/// SourceRange and Scalar are stored compactly (a file number, 32-bit positions, a string value
/// kept once); what they say must not change.
@Suite struct CompactValueTests {
    @Test func rangesInTheSameFileAreEqualAndKeepTheirPath() {
        let first = SourceRange(file: "dir/app.yaml", start: SourceLocation(line: 3, column: 7), end: SourceLocation(line: 3, column: 12))
        let second = SourceRange(source: SourceFileName("dir/app.yaml"), start: first.start, end: first.end)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(second.file == "dir/app.yaml")
        var moved = first
        moved.file = "other.yaml"
        #expect(moved != first)
        #expect(moved.file == "other.yaml" && moved.start.line == 3 && moved.end.column == 12)
    }

    @Test func aRangeEncodesAsBefore() throws {
        let range = SourceRange(file: "app.yaml", start: SourceLocation(line: 2, column: 5), end: SourceLocation(line: 4, column: 1))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(range), as: UTF8.self)
        #expect(json == #"{"end":{"column":1,"line":4},"file":"app.yaml","start":{"column":5,"line":2}}"#)
        #expect(try JSONDecoder().decode(SourceRange.self, from: Data(json.utf8)) == range)
    }

    @Test func aScalarKeepsAStringValueThatDiffersFromItsText() {
        let tagged = Scalar(text: "007", style: .plain, value: .string("seven"))
        #expect(tagged.value == .string("seven"))
        #expect(tagged != Scalar(text: "007", style: .plain, value: .string("007")))
        var changed = tagged
        changed.value = .int(7)
        #expect(changed.value == .int(7) && changed.text == "007")
        #expect(Scalar(text: "a", style: .singleQuoted, value: .string("a")).value == .string("a"))
    }
}
