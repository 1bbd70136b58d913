import Foundation
import Testing
import YAMLSource

/// The `--json` document: its exact shape and that it round-trips.
@Suite struct DiagnosticJSONTests {
    let diagnostics = [
        Diagnostic.error(.duplicateKey, "duplicate key 'a' in this mapping",
                         at: SourceRange(file: "dir/b.yaml", start: SourceLocation(line: 2, column: 1), end: SourceLocation(line: 2, column: 2)),
                         notes: [
                             DiagnosticNote("first here", at: SourceRange(file: "dir/b.yaml", start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 2))),
                             DiagnosticNote("hint"),
                         ]),
        Diagnostic.warning(.unknownTag, "unknown tag", at: .wholeFile("dir/b.yaml")),
    ]

    @Test func exactText() {
        #expect(DiagnosticJSON.encode(diagnostics) == """
        {"diagnostics":[{"code":"BV0010","column":1,"endColumn":2,"endLine":2,"file":"dir/b.yaml","line":2,\
        "message":"duplicate key 'a' in this mapping","notes":[{"column":1,"endColumn":2,"endLine":1,"file":"dir/b.yaml","line":1,\
        "message":"first here"},{"message":"hint"}],"severity":"error"},{"code":"BV0017","column":1,"endColumn":1,"endLine":1,\
        "file":"dir/b.yaml","line":1,"message":"unknown tag","notes":[],"severity":"warning"}],"errorCount":1,"warningCount":1}
        """)
    }

    @Test func shapeAndCounts() throws {
        let data = Data(DiagnosticJSON.encode(diagnostics, pretty: true).utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["diagnostics", "errorCount", "warningCount"])
        #expect(object["errorCount"] as? Int == 1)
        #expect(object["warningCount"] as? Int == 1)
        let entries = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(Set(entries[0].keys) == ["file", "line", "column", "endLine", "endColumn", "severity", "code", "message", "notes"])
        let decoded = try JSONDecoder().decode(DiagnosticJSON.self, from: data)
        #expect(decoded == DiagnosticJSON(diagnostics))
    }

    @Test func emptyRun() {
        #expect(DiagnosticJSON.encode([]) == #"{"diagnostics":[],"errorCount":0,"warningCount":0}"#)
    }
}
