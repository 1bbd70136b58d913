import Foundation
import Testing
import YAMLSource
@testable import Blueprint

@Suite("Golden corpus")
struct GoldenCorpusTests {
    @Test("valid blueprints load without errors", arguments: GoldenCorpus.blueprints(in: "valid"))
    func validBlueprint(_ name: String) {
        let loaded = GoldenCorpus.load("valid", name)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(name):\n\(GoldenCorpus.format(errors))")
        #expect(loaded.blueprint != nil)
    }

    @Test("invalid blueprints give exactly their expected diagnostics", arguments: GoldenCorpus.blueprints(in: "invalid"))
    func invalidBlueprint(_ name: String) throws {
        let loaded = GoldenCorpus.load("invalid", name)
        let actual = GoldenCorpus.format(loaded.diagnostics)
        let expectedPath = GoldenCorpus.expectedPath(name)
        if GoldenCorpus.updating {
            try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual == expected, "\(name): got\n\(actual)")
        #expect(loaded.diagnostics.hasErrors, "\(name) should be rejected")
        #expect(loaded.blueprint == nil)
    }

    @Test("every declared diagnostic code has an invalid fixture that produces it",
          arguments: DiagnosticCode.yamlCodes + DiagnosticCode.structureCodes + DiagnosticCode.valueCodes + DiagnosticCode.functionCodes)
    func codeIsCovered(_ code: DiagnosticCode) {
        // A fixture over the 64 MiB size limit cannot live in git; YAMLSourceTests covers BV0002
        // with a file it generates.
        let coveredElsewhere: Set<DiagnosticCode> = [.fileTooLarge]
        let covered = coveredElsewhere.contains(code) || GoldenCorpus.codesCovered().contains(code.id)
        #expect(covered, "no Tests/Fixtures/invalid/*.expected mentions \(code.id) (\(code.summary))")
    }

    /// Every error and every warning says what to do, in a note: a type mismatch such as
    /// `mem: 1G` said only what was wrong, and so did 26 other errors of the corpus. A warning
    /// says what to change, or why it can be left and how to silence it.
    @Test("every error and warning of the corpus carries a hint")
    func everyErrorAndWarningHasAHint() {
        var without: [String] = []
        for folder in ["invalid", "valid"] {
            for name in GoldenCorpus.blueprints(in: folder) {
                for diagnostic in GoldenCorpus.load(folder, name).diagnostics where diagnostic.severity >= .warning && diagnostic.notes.isEmpty {
                    without.append("\(folder)/\(name) \(diagnostic.severity.rawValue) \(diagnostic.code.id)")
                }
            }
        }
        #expect(without.isEmpty, "errors and warnings without a note:\n\(without.joined(separator: "\n"))")
    }

    /// A note is not yet a hint: these notes listed what exists, or what bluevirt does, and left
    /// the reader to guess the step (an index out of range had no note at all).
    @Test("the notes of the corpus's warnings and path errors name the step to take")
    func notesNameTheStep() {
        let steps: [(fixture: String, code: String, step: String)] = [
            ("BV0017-unknown-tag.yaml", "BV0017", "remove the tag to silence this warning"),
            ("BV0218-manager-constraint.yaml", "BV0218", "check it yourself, or remove the constraint to silence this warning"),
            ("BV0141-unknown-lifecycle-operation.yaml", "BV0141", "rename it to one of these; an operation run on demand (execute_operation) belongs in an interface of its own"),
            ("BV0146-unknown-relationship-operation.yaml", "BV0146", "rename it to one of these, or remove it"),
            ("BV0309-list-path.yaml", "BV0309", "use an index from 0 to 1, or from -1 to -2 to count from the end"),
            ("BV0309-list-path.yaml", "BV0309", "the list is empty, so no index reaches into it: remove the path items from here on"),
            ("BV0309-input-path-from-value.yaml", "BV0309", "use an index from 0 to 1, or from -1 to -2 to count from the end"),
            ("BV0309-input-path-from-value.yaml", "BV0309", "'networks' has: front; name one of these, or give 'networks' the key \"back\""),
        ]
        for (fixture, code, step) in steps {
            let notes = GoldenCorpus.load("invalid", fixture).diagnostics.filter { $0.code.id == code }.flatMap(\.notes).map(\.message)
            #expect(notes.contains { $0.contains(step) }, "\(fixture) \(code): no note '\(step)' among \(notes)")
        }
    }

    @Test("diagnostic codes are unique across catalogs")
    func codesAreUnique() {
        let all = DiagnosticCode.yamlCodes + DiagnosticCode.structureCodes + DiagnosticCode.valueCodes + DiagnosticCode.functionCodes
        #expect(Set(all.map(\.id)).count == all.count)
    }
}
