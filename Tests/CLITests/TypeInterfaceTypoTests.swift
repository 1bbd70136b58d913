import Foundation
import Testing
import TestSupport

/// A slip in an interface or lifecycle operation name inside the blueprint's own node_types or
/// relationships is reported as in a node template (BV0145, BV0141, BV0146): Cloudify accepts
/// it, and the operations it meant never run. Warnings, so a blueprint Cloudify accepts stays valid.
@Suite struct TypeInterfaceTypoTests {
    static let fixture = "Tests/Fixtures/invalid/BV0145-misspelled-interface-in-types.yaml"

    struct Reported: Equatable, CustomStringConvertible {
        var code: String
        var line: Int
        var column: Int
        var severity: String
        var notes: [String]
        var description: String { "\(line):\(column) \(severity) [\(code)] notes: \(notes)" }
    }

    static func reported() throws -> (status: Int32, diagnostics: [Reported]) {
        let result = try BluevirtProcess.run(["validate", fixture, "--json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any], "\(result.standardError)")
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        return (result.status, diagnostics.map { diagnostic in
            Reported(code: diagnostic["code"] as? String ?? "", line: diagnostic["line"] as? Int ?? 0, column: diagnostic["column"] as? Int ?? 0,
                     severity: diagnostic["severity"] as? String ?? "",
                     notes: (diagnostic["notes"] as? [[String: Any]] ?? []).compactMap { $0["message"] as? String })
        })
    }

    @Test func aMisspelledInterfaceOfANodeTypeIsAWarningThatNamesTheParentsInterface() throws {
        let found = try Self.reported().diagnostics.first { $0.code == "BV0145" && $0.line == 10 }
        #expect(found == Reported(code: "BV0145", line: 10, column: 7, severity: "warning", notes: [
            "did you mean 'cloudify.interfaces.lifecycle'?",
            "an interface of your own runs only through execute_operation; give it a name apart from the parent type's",
        ]))
    }

    @Test func aMisspelledLifecycleOperationOfANodeTypeIsAWarning() throws {
        let found = try Self.reported().diagnostics.first { $0.code == "BV0141" }
        #expect(found?.line == 13 && found?.column == 9 && found?.severity == "warning", "\(String(describing: found))")
        #expect(found?.notes.first == "did you mean 'create'?", "\(String(describing: found))")
    }

    @Test func aMisspelledInterfaceAndOperationOfARelationshipTypeAreWarnings() throws {
        let diagnostics = try Self.reported().diagnostics
        let interface = diagnostics.first { $0.code == "BV0145" && $0.line == 21 }
        #expect(interface == Reported(code: "BV0145", line: 21, column: 7, severity: "warning",
                                      notes: ["did you mean 'cloudify.interfaces.relationship_lifecycle'?"]))
        let operation = diagnostics.first { $0.code == "BV0146" }
        #expect(operation?.line == 25 && operation?.column == 9 && operation?.severity == "warning", "\(String(describing: operation))")
        #expect(operation?.notes.first == "did you mean 'establish'?", "\(String(describing: operation))")
    }

    /// An interface named apart from the parent's (my.maintenance) is the user's own; the only
    /// error is the unknown type the corpus fixture needs to be rejected.
    @Test func nothingElseIsReported() throws {
        let (status, diagnostics) = try Self.reported()
        #expect(status == 1)
        #expect(diagnostics.map(\.code).sorted() == ["BV0107", "BV0141", "BV0145", "BV0145", "BV0146"], "\(diagnostics)")
        #expect(diagnostics.filter { $0.severity == "error" }.map(\.code) == ["BV0107"], "\(diagnostics)")
    }
}
