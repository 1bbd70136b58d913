import Testing
import YAMLSource
@testable import Blueprint

@Suite struct ConstraintTests {
    typealias T = ValuesTesting

    private func constraint(_ text: String) -> Constraint {
        var diagnostics: [Diagnostic] = []
        let parsed = Constraint.parse(T.node(text), diagnostics: &diagnostics)
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return parsed!
    }

    private func problems(_ text: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        _ = Constraint.parseList(T.node(text), diagnostics: &diagnostics)
        return diagnostics
    }

    /// Cloudify checks these against what its manager holds; bluevirt checks the argument's
    /// shape and says the rest is not checked.
    @Test func managerConstraintsAreWarnedAboutAndTheirArgumentsChecked() {
        let accepted = problems("[{labels: [{env: prod}]}, {tenants: [t]}, {filter_id: f}, {name_pattern: {contains: web}}, {deployment_id: d}]")
        #expect(accepted.map(\.code) == Array(repeating: .managerConstraint, count: 5), "\(accepted)")
        #expect(accepted.allSatisfy { $0.severity == .warning })
        let malformed = problems("[{labels: prod}, {name_pattern: web}, {filter_id: [f]}]")
        #expect(malformed.map(\.code) == [.invalidConstraint, .invalidConstraint, .invalidConstraint], "\(malformed)")
        #expect(malformed.first?.message == "the argument of labels must be a list, not a string")
    }

    @Test(arguments: [
        ("equal: 3", [Value.int(3), .float(3.0)], [Value.int(4), .string("3")]),
        ("equal: abc", [.string("abc")], [.string("abcd")]),
        ("greater_than: 1", [.int(2), .float(1.5)], [.int(1), .string("2"), .bool(true)]),
        ("greater_or_equal: 1", [.int(1), .int(2)], [.float(0.5)]),
        ("less_than: 10", [.int(9), .float(-1)], [.int(10)]),
        ("less_or_equal: 10", [.int(10)], [.int(11)]),
        ("in_range: [1, 4]", [.int(1), .int(4), .float(2.5)], [.int(0), .int(5), .string("2")]),
        ("valid_values: [a, 2]", [.string("a"), .int(2), .float(2.0)], [.string("b"), .string("2")]),
        ("length: 3", [.string("abc"), .list([.int(1), .int(2), .int(3)]), .string("äöü")], [.string("ab"), .int(123)]),
        ("min_length: 2", [.string("ab"), .map([Value.Entry(key: "a", value: .null), Value.Entry(key: "b", value: .null)])], [.string("a"), .list([])]),
        ("max_length: 2", [.string(""), .list([.int(1)])], [.string("abc")]),
        ("pattern: '[a-z]+'", [.string("abc"), .string("abc1")], [.string("1abc"), .int(1)]),
        ("pattern: '^[a-z]+$'", [.string("abc")], [.string("abc1")]),
    ] as [(String, [Value], [Value])])
    func acceptsAndRejects(declaration: String, accepted: [Value], rejected: [Value]) {
        let parsed = constraint(declaration)
        for value in accepted { #expect(parsed.accepts(value), "\(declaration) should accept \(value)") }
        for value in rejected { #expect(!parsed.accepts(value), "\(declaration) should reject \(value)") }
    }

    @Test func describesItselfAsDeclaredAndInWords() {
        let parsed = constraint("valid_values: [virtio, sata]")
        #expect(parsed.description == "valid_values: [\"virtio\", \"sata\"]")
        #expect(parsed.requirement == "must be one of \"virtio\", \"sata\"")
        #expect(constraint("in_range: [1, 8]").requirement == "must be a number from 1 to 8")
        #expect(constraint("pattern: x").operator == .pattern)
    }

    @Test func unknownOperatorGetsDidYouMeanAndTheList() {
        let diagnostics = problems("- greater_then: 3")
        #expect(diagnostics.map(\.code) == [.invalidConstraint])
        #expect(T.position(diagnostics[0].range) == "1:3")
        #expect(diagnostics[0].notes.map(\.message).first == "did you mean 'greater_than'?")
        #expect(diagnostics[0].notes.last?.message.hasPrefix("operators: equal, greater_than") == true)
    }

    @Test func badArgumentsAreReportedAtTheArgument() {
        let diagnostics = problems("""
        - greater_than: ten
        - in_range: [5]
        - in_range: [9, 1]
        - valid_values: a
        - length: -1
        - pattern: '[a-'
        - equal: {get_input: x}
        - equal: [1]
        """)
        #expect(diagnostics.map(\.code) == Array(repeating: .invalidConstraint, count: 8))
        #expect(diagnostics.map { T.position($0.range) } == ["1:17", "2:13", "3:13", "4:17", "5:11", "6:12", "7:10", "8:10"])
        #expect(diagnostics[0].message == "the argument of greater_than must be a number, not a string (ten)")
    }

    /// YAML reads a whole number beyond 64 bits as a float: said as too large, not as "not a number".
    @Test func aLengthBeyond64BitsIsTooLarge() {
        let diagnostics = problems("- max_length: 99999999999999999999\n- length: 1.5")
        #expect(diagnostics.map(\.message) == [
            "the argument of max_length is too large: the largest length is 9223372036854775807",
            "the argument of length must be a whole number of 0 or more, not a number (1.5)",
        ])
    }

    @Test func eachConstraintIsItsOwnItem() {
        let two = problems("- {min_length: 1, max_length: 3}")
        #expect(two.map(\.code) == [.invalidConstraint])
        #expect(two[0].message.contains("its own list item"))
        #expect(problems("min_length: 1").map(\.code) == [.invalidConstraint], "constraints must be a list")
        #expect(problems("- 3").map(\.code) == [.invalidConstraint])
        #expect(problems("~").isEmpty)
    }

    @Test func violationPointsAtTheValueWithTheConstraintInNotes() {
        let (schemas, _) = T.schemas("vcpus: {type: integer, constraints: [{in_range: [1, 8]}]}")
        let (value, _) = T.expression("vcpus: 12")
        let diagnostics = ValueChecker.check(value.mapEntries![0].value, against: schemas[0], dataTypes: DataTypeRegistry(), path: "vcpus")
        #expect(diagnostics.map(\.code) == [.constraintViolated])
        #expect(diagnostics[0].message == "12 breaks the constraint in_range: [1, 8] of 'vcpus'")
        #expect(T.position(diagnostics[0].range) == "1:8")
        #expect(diagnostics[0].notes.map(\.message) == ["'vcpus' must be a number from 1 to 8", "the constraint is declared here"])
        #expect(diagnostics[0].notes[1].range.map(T.position) == "1:38")
    }

    @Test func typeErrorsSuppressConstraintNoise() {
        let (schemas, _) = T.schemas("n: {type: integer, constraints: [{greater_than: 0}]}")
        let (value, _) = T.expression("abc")
        let diagnostics = ValueChecker.check(value, against: schemas[0], dataTypes: DataTypeRegistry(), path: "n")
        #expect(diagnostics.map(\.code) == [.valueTypeMismatch])
    }
}
