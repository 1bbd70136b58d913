import Testing
import YAMLSource
@testable import Blueprint

@Suite struct ValueTests {
    typealias T = ValuesTesting

    // MARK: Value

    @Test func literalNodesBecomeValuesInOrder() {
        let value = Value(T.node("b: 1\na: [true, 2.5, null, 'yes']\n80: x"))
        #expect(value.entries?.map(\.key) == ["b", "a", "80"])
        #expect(value["a"] == .list([.bool(true), .float(2.5), .null, .string("yes")]))
        #expect(value.description == "{b: 1, a: [true, 2.5, null, \"yes\"], 80: \"x\"}")
    }

    @Test func pythonStringMatchesCloudifyConcat() {
        #expect(Value.bool(true).pythonString == "True")
        #expect(Value.null.pythonString == "None")
        #expect(Value.list([.string("a"), .int(1)]).pythonString == "['a', 1]")
        #expect(Value.string("plain").pythonString == "plain")
    }

    @Test func mapFromPairsKeepsFirstPositionAndLastValue() {
        let merged = Value.map(pairs: [("a", .int(1)), ("b", .int(2)), ("a", .int(3))])
        #expect(merged == .map([Value.Entry(key: "a", value: .int(3)), Value.Entry(key: "b", value: .int(2))]))
    }

    @Test func longNameListsAreCut() {
        #expect(["a", "b"].listed() == "a, b")
        #expect((1...15).map { "n\($0)" }.listed(limit: 3) == "n1, n2, n3 and 12 more")
    }

    // MARK: Property declarations

    @Test func propertyDeclarationParsesEveryKey() {
        let (schemas, diagnostics) = T.schemas("""
        port:
          type: integer
          description: the port
          default: 8080
          required: false
          constraints:
            - in_range: [1, 65535]
        """)
        #expect(diagnostics.isEmpty)
        let port = schemas[0]
        #expect(port.name == "port")
        #expect(port.type == "integer")
        #expect(port.description == "the port")
        #expect(port.default?.literalValue == .int(8080))
        #expect(port.required == false)
        #expect(port.constraints.map(\.description) == ["in_range: [1, 65535]"])
        #expect(T.position(port.nameRange) == "1:1")
    }

    @Test func propertyWithoutDefaultIsRequiredUnlessSaidOtherwise() {
        let (schemas, _) = T.schemas("a: {type: string}\nb: {type: string, required: false}\nc: {default: 1}\nd:")
        #expect(schemas.map(\.needsValue) == [true, false, false, true])
    }

    @Test func unknownDeclarationKeyGetsDidYouMean() {
        let (_, diagnostics) = T.schemas("size:\n  type: integer\n  defualt: 3")
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0].code == .invalidPropertyDeclaration)
        #expect(T.position(diagnostics[0].range) == "3:3")
        #expect(diagnostics[0].notes.first?.message == "did you mean 'default'?")
    }

    @Test func inputKeysAreOnlyAllowedOnInputs() {
        let (_, asProperty) = T.schemas("name: {type: string, hidden: true, default: x}")
        #expect(asProperty.map(\.code) == [.invalidPropertyDeclaration])
        let (inputs, asInput) = T.schemas("name: {type: string, hidden: true, default: x, display_label: Name}", kind: .input)
        #expect(asInput.isEmpty)
        #expect(inputs[0].hidden && inputs[0].displayLabel == "Name")
    }

    @Test func malformedDeclarationsAreReportedAtTheValue() {
        let (schemas, diagnostics) = T.schemas("a: {required: maybe}\nb: [1]\nc: {type: string, item_type: integer}\nd: {type: list, item_type: strnig}", kind: .input)
        #expect(schemas.map(\.name) == ["a", "c", "d"])
        #expect(diagnostics.map(\.code) == Array(repeating: .invalidPropertyDeclaration, count: 4))
        #expect(diagnostics.map { T.position($0.range) } == ["1:15", "2:4", "3:30", "4:28"])
        #expect(diagnostics[3].notes.first?.message == "did you mean 'string'?")
    }

    @Test func hiddenRequiredInputNeedsADefault() {
        let (_, diagnostics) = T.schemas("secret: {type: string, hidden: true}", kind: .input)
        #expect(diagnostics.map(\.code) == [.invalidPropertyDeclaration])
        #expect(diagnostics[0].message.contains("hidden and required"))
    }

    @Test func unknownTypeIsReportedAtTheTypeWithSuggestion() {
        let (registry, _) = T.registry("my.Disk: {properties: {size: {type: integer}}}")
        let (schemas, _) = T.schemas("a: {type: integr}\nb: {type: my.Dsik}\nc: {type: my.Disk}")
        let diagnostics = schemas.flatMap { ValueChecker.checkDeclaration($0, dataTypes: registry) }
        #expect(diagnostics.map(\.code) == [.unknownValueType, .unknownValueType])
        #expect(diagnostics.map { T.position($0.range) } == ["1:11", "2:11"])
        #expect(diagnostics.map { $0.notes.first?.message } == ["did you mean 'integer'?", "did you mean 'my.Disk'?"])
    }

    @Test func defaultIsCheckedAgainstTypeAndConstraints() {
        let (schemas, _) = T.schemas("a: {type: integer, default: many}\nb: {type: integer, default: 0, constraints: [{greater_than: 0}]}")
        let diagnostics = schemas.flatMap { ValueChecker.checkDeclaration($0, dataTypes: DataTypeRegistry()) }
        #expect(diagnostics.map(\.code) == [.valueTypeMismatch, .constraintViolated])
        #expect(diagnostics.map { T.position($0.range) } == ["1:29", "2:29"])
    }

    // MARK: Primitive types

    private func check(_ value: String, type: String, itemType: String? = nil) -> [Diagnostic] {
        let (expression, _) = T.expression(value)
        let schema = PropertySchema(name: "p", type: type, itemType: itemType, range: expression.range, nameRange: expression.range)
        return ValueChecker.check(expression, against: schema, dataTypes: DataTypeRegistry(), path: "p")
    }

    @Test func primitiveTypesAcceptTheirValues() {
        #expect(check("text", type: "string").isEmpty)
        #expect(check("42", type: "string").isEmpty, "Cloudify takes any scalar as a string")
        #expect(check("42", type: "integer").isEmpty)
        #expect(check("42", type: "float").isEmpty)
        #expect(check("4.5", type: "float").isEmpty)
        #expect(check("false", type: "boolean").isEmpty)
        #expect(check("[1, 2]", type: "list").isEmpty)
        #expect(check("{a: 1}", type: "dict").isEmpty)
        #expect(check("'^[a-z]+$'", type: "regex").isEmpty)
        #expect(check("~", type: "string").isEmpty, "null is a value of the string types, as in Cloudify")
        #expect(check("~", type: "integer").map(\.code) == [.valueTypeMismatch], "Cloudify refuses null for the other types")
        #expect(check("{get_input: x}", type: "integer").isEmpty, "calls are not known here")
    }

    @Test func primitiveTypesRejectOtherValues() {
        #expect(check("[a]", type: "string").map(\.code) == [.valueTypeMismatch])
        #expect(check("4.5", type: "integer").map(\.code) == [.valueTypeMismatch])
        #expect(check("true", type: "float").map(\.code) == [.valueTypeMismatch])
        #expect(check("{a: 1}", type: "list").map(\.code) == [.valueTypeMismatch])
        #expect(check("[a]", type: "dict").map(\.code) == [.valueTypeMismatch])
        #expect(check("'[a-'", type: "regex").map(\.code) == [.valueTypeMismatch])
        let message = check("lots", type: "integer")[0].message
        #expect(message == "'p' must be an integer, but it is a string (\"lots\")")
    }

    @Test func anIntegerPast64BitsIsCalledTooLargeNotANumber() {
        // YAML keeps its magnitude as a float; the message said "it is a number (1.2345678901234568e+29)".
        let diagnostics = check("123456789012345678901234567890", type: "integer")
        #expect(diagnostics.map(\.code) == [.valueTypeMismatch])
        #expect(diagnostics.first?.message
            == "'p' must be an integer from -9223372036854775808 to 9223372036854775807, but 123456789012345678901234567890 is outside that range")
        #expect(check("-9223372036854775809", type: "integer").first?.message.hasSuffix("but -9223372036854775809 is outside that range") == true)
        #expect(check("1.0e+30", type: "integer").first?.message == "'p' must be an integer, but it is a number (1e+30)")
    }

    @Test func quotedNumbersAndBooleansGetAHint() {
        #expect(check("'8080'", type: "integer")[0].notes.first?.message == "remove the quotes to make it a number: 8080")
        #expect(check("\"true\"", type: "boolean")[0].notes.first?.message == "remove the quotes to make it a boolean: true")
    }

    /// Every type mismatch says what to write: `mem: 1G` for an integer said only that it was a string.
    @Test func aTypeMismatchSaysWhatToWrite() {
        func hints(_ value: String, _ type: String) -> [String] { check(value, type: type).flatMap { $0.notes.map(\.message) } }
        #expect(hints("1G", "integer") == ["write the number alone, without 'G', in the unit 'p' counts in"])
        #expect(hints("512 MiB", "integer") == ["write the number alone, without 'MiB', in the unit 'p' counts in"])
        #expect(hints("1.5s", "float") == ["write the number alone, without 's', in the unit 'p' counts in"])
        #expect(hints("many", "integer") == ["write a whole number in digits, such as 4"])
        #expect(hints("4.5", "integer") == ["write a whole number: 'p' takes no fraction"])
        #expect(hints("half", "float") == ["write a number in digits, such as 1.5"])
        #expect(hints("[1]", "integer") == ["write one number, not a list"])
        #expect(hints("[true]", "boolean") == ["write true or false"])
        #expect(hints("maybe", "boolean") == ["write true or false"])
        #expect(hints("web", "list") == ["wrap it in [ ] to make a one-item list: [\"web\"]"])
        #expect(hints("{a: 1}", "list") == ["write a list: [a, b], or one '- item' line per item"])
        #expect(hints("[a]", "dict") == ["write a mapping: {key: value}, or 'key: value' lines indented under it"])
        #expect(hints("{a: 1}", "string") == ["write one string, in quotes if it starts with '[' or '{' (YAML reads those as a list or a mapping)"])
        #expect(hints("'[a-'", "regex") == ["check its brackets, parentheses and backslashes; in single quotes YAML keeps backslashes as written"])
        #expect(hints("'8080'", "integer") == ["remove the quotes to make it a number: 8080"], "one hint, the precise one")
    }

    /// A property's description says the unit it counts in, as a data type field's did.
    @Test func aPropertysDescriptionFollowsTheHint() {
        let (expression, _) = T.expression("1G")
        let schema = PropertySchema(name: "mem", type: "integer", description: "The memory size in MiB.", range: expression.range, nameRange: expression.range)
        let notes = ValueChecker.check(expression, against: schema, dataTypes: DataTypeRegistry(), path: "mem").flatMap { $0.notes.map(\.message) }
        #expect(notes == ["write the number alone, without 'G', in the unit 'mem' counts in", "'mem': The memory size in MiB."])
    }

    @Test func yesAndNoMeetingABooleanWarn() {
        for word in ["yes", "No", "on", "OFF"] {
            let diagnostics = check(word, type: "boolean")
            #expect(diagnostics.map(\.severity) == [.warning], "\(word)")
            #expect(diagnostics.map(\.code) == [.yamlBooleanWord])
        }
        // PyYAML, and so Cloudify, leaves y and n strings: a type error there and here.
        for word in ["y", "N"] {
            #expect(check(word, type: "boolean").map(\.code) == [.valueTypeMismatch], "\(word)")
        }
        #expect(check("yes", type: "string").isEmpty)
        #expect(check("'yes'", type: "boolean").map(\.code) == [.valueTypeMismatch], "quoted, it is clearly a string")
    }

    @Test func listItemTypeIsChecked() {
        let diagnostics = check("[1, two, 3]", type: "list", itemType: "integer")
        #expect(diagnostics.map(\.code) == [.valueTypeMismatch])
        #expect(diagnostics[0].message.hasPrefix("'p[1]' must be an integer"))
        #expect(T.position(diagnostics[0].range) == "1:5")
    }

    // MARK: Data types

    static let dataTypes = """
    my.Base:
      properties:
        name: {type: string}
        tags: {type: list, default: []}
    my.Disk:
      derived_from: my.Base
      properties:
        size: {type: integer, constraints: [{greater_than: 0}]}
        bus: {type: string, default: virtio, constraints: [{valid_values: [virtio, sata]}]}
    my.Machine:
      properties:
        disk: {type: my.Disk}
        memory: {type: integer, default: 1024}
    """

    private func checkData(_ value: String, type: String, requireNested: Bool = true) -> [Diagnostic] {
        let (registry, problems) = T.registry(Self.dataTypes)
        precondition(problems.isEmpty)
        let (expression, _) = T.expression(value)
        let schema = PropertySchema(name: "m", type: type, range: expression.range, nameRange: expression.range)
        return ValueChecker.check(expression, against: schema, dataTypes: registry, path: "m", requireNestedProperties: requireNested)
    }

    @Test func dataTypesFlattenAlongDerivedFrom() {
        let (registry, diagnostics) = T.registry(Self.dataTypes)
        #expect(diagnostics.isEmpty)
        #expect(registry.properties(of: "my.Disk")?.map(\.name) == ["name", "tags", "size", "bus"])
        #expect(registry.isKnownType("my.Machine") && registry.isKnownType("integer") && !registry.isKnownType("my.Nope"))
    }

    @Test func nestedDataTypeValuesAreAccepted() {
        #expect(checkData("{disk: {name: root, size: 10}}", type: "my.Machine").isEmpty)
    }

    @Test func nestedDataTypeValuesAreCheckedAllTheWayDown() {
        let diagnostics = checkData("{disk: {name: root, size: 0, bus: scsi, colour: red}, memroy: 2}", type: "my.Machine")
        #expect(diagnostics.map(\.code) == [.constraintViolated, .constraintViolated, .unknownDataTypeProperty, .unknownDataTypeProperty])
        #expect(diagnostics[0].message == "0 breaks the constraint greater_than: 0 of 'm.disk.size'")
        #expect(diagnostics[1].notes.first?.message == "'m.disk.bus' must be one of \"virtio\", \"sata\"")
        #expect(diagnostics[3].notes.first?.message == "did you mean 'memory'?")
        #expect(T.position(diagnostics[3].range) == "1:55")
    }

    @Test func missingRequiredNestedPropertyIsReportedAtTheMap() {
        let diagnostics = checkData("{disk: {size: 4}}", type: "my.Machine")
        #expect(diagnostics.map(\.code) == [.missingDataTypeProperty])
        #expect(diagnostics[0].message == "'m.disk' lacks property 'name', which data type 'my.Disk' requires")
        #expect(T.position(diagnostics[0].range) == "1:8")
        #expect(checkData("{disk: {size: 4}}", type: "my.Machine", requireNested: false).isEmpty)
        #expect(checkData("{disk: {size: 4, use_external_resource: true}}", type: "my.Machine").count == 1,
                "use_external_resource is not a property of my.Disk, but it still waives required ones")
    }

    /// As Cloudify's parse_value with derived_value: a mapping given for a data-typed property is
    /// completed by the property's default, field by field and at every level, before required
    /// fields are looked for; a field neither gives is still missing.
    @Test func aGivenMappingIsCompletedByThePropertyDefault() {
        let (registry, _) = T.registry(Self.dataTypes)
        func check(_ value: String, default defaultValue: String) -> [Diagnostic] {
            let (expression, _) = T.expression(value)
            let (completing, _) = T.expression(defaultValue)
            let schema = PropertySchema(name: "m", type: "my.Machine", range: expression.range, nameRange: expression.range)
            return ValueChecker.check(expression, against: schema, dataTypes: registry, path: "m", completedByDefault: completing)
        }
        #expect(check("{disk: {size: 4}}", default: "{disk: {name: root}}").isEmpty)
        #expect(check("{disk: {size: 4}}", default: "{disk: {size: 8}}").map(\.code) == [.missingDataTypeProperty])
        #expect(check("{disk: {size: 4}}", default: "{get_input: machine}").map(\.code) == [.missingDataTypeProperty])
    }

    @Test func dataTypeValueMustBeAMap() {
        let diagnostics = checkData("[1]", type: "my.Disk")
        #expect(diagnostics.map(\.code) == [.valueTypeMismatch])
        #expect(diagnostics[0].notes.first?.message == "its properties: name, tags, size, bus")
    }

    @Test func defaultsOfDataTypesAreFilledIn() {
        let (registry, _) = T.registry(Self.dataTypes)
        let filled = registry.completing(T.expression("{disk: {name: root, size: 4}}").0, type: "my.Machine", derived: nil).literalValue
        #expect(filled?.description == "{disk: {name: \"root\", size: 4, tags: [], bus: \"virtio\"}, memory: 1024}")
    }

    @Test func unknownParentAndCyclesAreReported() {
        let (registry, diagnostics) = T.registry("""
        a: {derived_from: b}
        b: {derived_from: a, properties: {x: {type: string}}}
        c: {derived_from: my.Bsae}
        my.Base: {}
        d: {derived_from: string}
        """)
        #expect(diagnostics.map(\.code) == [.dataTypeCycle, .dataTypeCycle, .unknownDataTypeParent, .unknownDataTypeParent])
        #expect(diagnostics[0].message == "data type 'a' derives from itself: a -> b -> a")
        #expect(T.position(diagnostics[2].range) == "3:19")
        #expect(diagnostics[2].notes.first?.message == "did you mean 'my.Base'?")
        #expect(registry.properties(of: "b")?.map(\.name) == ["x"])
    }

    @Test func dataTypeDeclarationProblems() {
        let (_, diagnostics) = T.registry("string: {}\nok: {propreties: {}}\nbad: [1]")
        #expect(diagnostics.map(\.code) == [.invalidDataType, .invalidDataType, .invalidDataType])
        #expect(diagnostics[1].notes.first?.message == "did you mean 'properties'?")
    }
}
