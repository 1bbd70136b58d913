import Testing
import YAMLSource
@testable import Blueprint

@Suite struct InputTests {
    typealias T = ValuesTesting

    static let declarations: [PropertySchema] = T.schemas("""
    vcpus:
      type: integer
      default: 1
      constraints:
        - in_range: [1, 16]
    network_name:
      type: string
      description: the libvirt network to join
    tags:
      type: list
      required: false
    disk:
      type: my.Disk
      required: false
    autostart:
      type: boolean
      default: false
    version:
      type: string
      default: '1.0'
    name:
      default: {concat: [vm-, {get_input: network_name}]}
    """, kind: .input).0

    static let registry = T.registry("my.Disk: {properties: {size: {type: integer}, bus: {type: string, default: virtio}}}").0

    private func bind(_ provided: [ProvidedInput]) -> ([String: Value], [Diagnostic]) {
        let result = InputBinder.bind(declarations: Self.declarations, provided: provided, dataTypes: Self.registry)
        return (result.values, result.diagnostics)
    }

    private func assignment(_ text: String) -> ProvidedInput {
        let (input, diagnostics) = ProvidedInput.parse(assignment: text)
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return input!
    }

    // MARK: Reading

    @Test func loadsAYAMLFile() {
        let (inputs, diagnostics) = ProvidedInput.load(file: T.fixture("inputs/inputs.yaml"))
        #expect(diagnostics.isEmpty)
        #expect(inputs.map(\.name) == ["vcpus", "network_name", "tags"])
        #expect(Value(inputs[2].value) == .list([.string("web"), .string("frontend")]))
        #expect(T.position(inputs[1].origin) == "3:1")
        #expect(inputs[1].origin.file.hasSuffix("inputs/inputs.yaml"))
    }

    @Test func loadsAJSONFile() {
        let (inputs, diagnostics) = ProvidedInput.load(file: T.fixture("inputs/inputs.json"))
        #expect(diagnostics.isEmpty)
        #expect(inputs.map(\.name) == ["vcpus", "network_name", "disk"])
        #expect(Value(inputs[0].value) == .int(2))
        #expect(Value(inputs[2].value) == Value.map([Value.Entry(key: "size", value: .int(20))]))
    }

    @Test func fileProblemsAreDiagnosed() {
        let (inputs, diagnostics) = ProvidedInput.load(file: T.fixture("inputs/not-a-mapping.yaml"))
        #expect(inputs.isEmpty)
        #expect(diagnostics.map(\.code) == [.malformedInputs])
        let (_, missing) = ProvidedInput.load(file: T.fixture("inputs/no-such-file.yaml"))
        #expect(missing.map(\.code) == [.unreadableFile])
    }

    @Test func assignmentValuesAreYAMLScalarsOrFlowCollections() {
        #expect(Value(assignment("vcpus=2").value) == .int(2))
        #expect(Value(assignment("flag=true").value) == .bool(true))
        #expect(Value(assignment("name='2'").value) == .string("2"))
        #expect(Value(assignment("tags=[a, b]").value) == .list([.string("a"), .string("b")]))
        #expect(Value(assignment("disk={size: 10}").value) == Value.map([Value.Entry(key: "size", value: .int(10))]))
        #expect(Value(assignment("text=a: b").value) == .string("a: b"), "a block mapping is not a flow collection: plain text")
        #expect(Value(assignment("url=http://x/?a=b").value) == .string("http://x/?a=b"), "only the first '=' splits")
        #expect(Value(assignment("empty=").value) == .string(""))
        #expect(Value(assignment("password=%secret").value) == .string("%secret"), "not YAML at all: taken literally")
        #expect(Value(assignment("path=@file").value) == .string("@file"))
    }

    @Test func assignmentRangesPointIntoTheAssignment() {
        let input = assignment("tags=[a, b]")
        #expect(input.origin.file == "<command line>")
        #expect(T.position(input.origin) == "1:1")
        #expect(T.position(input.value.range) == "1:6")
        #expect(T.position(input.value.items![1].range) == "1:10")
    }

    @Test func malformedAssignmentsAreDiagnosed() {
        let (noEquals, missing) = ProvidedInput.parse(assignment: "vcpus")
        #expect(noEquals == nil)
        #expect(missing.map(\.code) == [.malformedInputs])
        #expect(ProvidedInput.parse(assignment: "=3").1.map(\.code) == [.malformedInputs])
        let (broken, problems) = ProvidedInput.parse(assignment: "tags=[a, b")
        #expect(broken == nil)
        #expect(problems.hasErrors)
        #expect(problems.allSatisfy { $0.range.file == "<command line>" })
        #expect(ProvidedInput.parse(assignment: "name='unclosed").1.hasErrors)
    }

    // MARK: Binding

    @Test func bindsGivenValuesAndDefaults() {
        let (values, diagnostics) = bind([assignment("network_name=default"), assignment("vcpus=4"), assignment("disk={size: 8}")])
        #expect(diagnostics.isEmpty)
        #expect(values["vcpus"] == .int(4))
        #expect(values["network_name"] == .string("default"))
        #expect(values["autostart"] == .bool(false))
        #expect(values["tags"] == .null, "an optional input without a default is null")
        #expect(values["disk"]?.description == "{size: 8, bus: \"virtio\"}", "data type defaults are filled in")
        #expect(values["name"] == .string("vm-default"), "defaults built from other inputs are evaluated")
    }

    @Test func scalarsGivenForStringsKeepTheirText() {
        let (values, _) = bind([assignment("network_name=007"), assignment("version=1.10")])
        #expect(values["network_name"] == .string("007"))
        #expect(values["version"] == .string("1.10"))
    }

    /// A string input holds the text of whatever scalar is given for it, from a file as from the
    /// command line, and so does its default. Cloudify's parser keeps what PyYAML read (`1` an
    /// integer, `1.10` the float 1.1) as `parse_simple_type_value` lets any value through for
    /// `string`; bluevirt keeps the declared type and the text written (docs/compatibility.md).
    @Test func scalarsGivenForStringsInAFileOrADefaultKeepTheirTextToo() throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        for (name, text) in [("inputs.yaml", "network_name: 1\nversion: 1.10\n"), ("inputs.json", #"{"network_name": 1, "version": 1.10}"#)] {
            let (inputs, problems) = ProvidedInput.load(file: files.write(name, text))
            #expect(problems.isEmpty, "\(problems)")
            let (values, diagnostics) = bind(inputs)
            #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
            #expect(values["network_name"] == .string("1"), "\(name)")
            #expect(values["version"] == .string("1.10"), "\(name)")
        }
        let declarations = T.schemas("label: {type: string, default: 2}", kind: .input).0
        let (values, diagnostics) = InputBinder.bind(declarations: declarations, provided: [], dataTypes: Self.registry)
        #expect(diagnostics.isEmpty)
        #expect(values["label"] == .string("2"))
    }

    @Test func yesForABooleanInputWarnsAndBinds() {
        let (values, diagnostics) = bind([assignment("network_name=n"), assignment("autostart=yes")])
        #expect(values["autostart"] == .bool(true))
        #expect(diagnostics.map(\.code) == [.yamlBooleanWord])
        #expect(diagnostics[0].severity == .warning)
    }

    /// Cloudify's `parse_value` binds an input of a data type: at every level, a field left out
    /// takes the data type's default, a data-typed field without a default is `{}` completed, and
    /// a boolean field's `yes` is true (PyYAML reads it so); the input's default does not complete
    /// a value given for it. Checked against cloudify-common 7.0.5 by hand.
    @Test func aDataTypedInputIsCompletedAtEveryLevel() {
        let (registry, registryProblems) = T.registry("""
        my.Inner: {properties: {depth: {type: integer, default: 3}, tag: {type: string, required: false}}}
        my.Conf:
          properties:
            port: {type: integer, default: 22}
            nested: {type: my.Inner}
            flag: {type: boolean, default: false}
        """)
        #expect(registryProblems.isEmpty)
        let declarations = T.schemas("""
        given: {type: my.Conf, default: {port: 1}}
        defaulted: {type: my.Conf, default: {nested: {tag: x}, flag: yes}}
        computed: {type: my.Conf, default: {concat: [a, b]}}
        """, kind: .input).0
        let result = InputBinder.bind(declarations: declarations, provided: [assignment("given={port: 2222, flag: on}")], dataTypes: registry)
        #expect(result.values["given"]?.description == "{port: 2222, flag: true, nested: {depth: 3}}")
        #expect(result.values["defaulted"]?.description == "{nested: {tag: \"x\", depth: 3}, flag: true, port: 22}")
        #expect(result.values["computed"] == .string("ab"), "a value that is no mapping is left to the checks")
    }

    @Test func missingRequiredInputPointsAtTheDeclaration() {
        let (values, diagnostics) = bind([])
        #expect(values["network_name"] == nil)
        #expect(diagnostics.map(\.code) == [.missingRequiredInput])
        #expect(T.position(diagnostics[0].range) == "6:1")
        #expect(diagnostics[0].notes.map(\.message) == ["give it with --input network_name=VALUE or in an --inputs file (type string)",
                                                        "input 'network_name': the libvirt network to join"])
    }

    @Test func unknownInputPointsWhereItWasGiven() {
        let (inputs, _) = ProvidedInput.load(file: T.fixture("inputs/inputs.yaml"))
        let (_, diagnostics) = bind(inputs + [assignment("vpcus=2")])
        #expect(diagnostics.map(\.code) == [.unknownInput])
        #expect(diagnostics[0].range.file == "<command line>")
        #expect(diagnostics[0].notes.first?.message == "did you mean 'vcpus'?")
    }

    @Test func constraintBreakingValueIsReportedAtTheDeclarationWithANoteAtTheValue() {
        let given = assignment("vcpus=32")
        let (values, diagnostics) = bind([assignment("network_name=n"), given])
        #expect(values["vcpus"] == nil)
        #expect(diagnostics.map(\.code) == [.invalidInputValue])
        #expect(T.position(diagnostics[0].range) == "1:1")
        #expect(diagnostics[0].range.file == "test.yaml")
        #expect(diagnostics[0].message == "the value given for input 'vcpus' is invalid: 32 breaks the constraint in_range: [1, 16] of 'vcpus'")
        #expect(diagnostics[0].notes.first?.range == given.value.range)
        #expect(diagnostics[0].notes.first?.message == "the value 32 was given here")
    }

    @Test func anIntegerPast64BitsIsShownAsGivenNotAsAFloat() {
        // YAML reads it as a float; the note said "the value 1.2345678901234568e+29 was given here".
        let (_, diagnostics) = bind([assignment("network_name=n"), assignment("vcpus=123456789012345678901234567890")])
        #expect(diagnostics.map(\.code) == [.invalidInputValue])
        #expect(diagnostics.first?.notes.first?.message == "the value 123456789012345678901234567890 was given here")
        let (_, written) = bind([assignment("network_name=n"), assignment("vcpus=-1.5e+20")])
        #expect(written.first?.notes.first?.message == "the value -1.5e+20 was given here")
    }

    @Test func typeBreakingValuesFromAFileAreReported() {
        let (inputs, _) = ProvidedInput.load(file: T.fixture("inputs/inputs.json"))
        let (_, diagnostics) = bind(inputs + [assignment("disk={size: big, colour: red}")])
        #expect(diagnostics.map(\.code) == [.invalidInputValue, .invalidInputValue])
        #expect(diagnostics.allSatisfy { T.position($0.range) == "12:1" })
        #expect(diagnostics[1].notes.map(\.message).contains("did you mean 'bus'?") == false)
        #expect(diagnostics[1].notes.first?.range.map(T.position) == "1:18")
    }

    @Test func laterValuesWin() {
        let (inputs, _) = ProvidedInput.load(file: T.fixture("inputs/inputs.yaml"))
        let (values, diagnostics) = bind(inputs + [assignment("vcpus=3"), assignment("vcpus=5")])
        #expect(values["vcpus"] == .int(5))
        #expect(diagnostics.isEmpty)
    }

    @Test func functionsAreRefusedForConstrainedInputs() {
        let (_, diagnostics) = bind([assignment("network_name=n"), assignment("vcpus={get_secret: cpus}")])
        #expect(diagnostics.map(\.code) == [.functionInConstrainedInput])
        let (schemas, _) = T.schemas("size: {type: integer, default: {get_secret: s}, constraints: [{greater_than: 0}]}", kind: .input)
        #expect(ValueChecker.checkDeclaration(schemas[0], kind: .input, dataTypes: DataTypeRegistry()).map(\.code) == [.functionInConstrainedInput])
    }
}
