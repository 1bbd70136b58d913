import Testing
import YAMLSource
@testable import Blueprint

@Suite struct FunctionTests {
    typealias T = ValuesTesting

    private func call(_ text: String) -> FunctionCall {
        let (expression, diagnostics) = T.expression(text)
        precondition(diagnostics.isEmpty, "\(diagnostics)")
        return expression.call!
    }

    private func problems(_ text: String) -> [Diagnostic] {
        T.expression(text).1
    }

    // MARK: Parsing

    @Test func functionsAreFoundByTheirExactName() {
        for function in IntrinsicFunction.allCases { #expect(IntrinsicFunction.named(function.name) == function) }
        for name in ["Concat", "get-input", "get_inputs", "", "concat "] { #expect(IntrinsicFunction.named(name) == nil, "\(name)") }
    }

    @Test func everyFunctionParsesItsArgumentForms() {
        #expect(call("{get_input: port}").arguments.map(\.summary) == ["port"])
        #expect(call("{get_input: [server, ports, 0]}").arguments.map(\.summary) == ["server", "ports", "0"])
        #expect(call("{get_input: {get_secret: name}}").arguments.first?.call?.function == .getSecret)
        #expect(call("{get_property: [SELF, params, memory]}").arguments.count == 3)
        #expect(call("{get_attribute: [vm, ip]}").function == .getAttribute)
        #expect(call("{get_attributes_list: [vm, ip]}").function == .getAttributesList)
        #expect(call("{get_attributes_dict: [vm, ip, [nics, 0]]}").arguments.count == 3)
        #expect(call("{concat: []}").arguments.isEmpty)
        #expect(call("{concat: [a, 1, {get_input: x}]}").arguments.count == 3)
        #expect(call("{merge: [{a: 1}, {get_input: extra}]}").arguments.count == 2)
        #expect(call("{get_secret: password}").arguments.count == 1)
        #expect(call("{get_secret: [creds, user]}").arguments.count == 2)
        #expect(call("{string_find: [abc, b]}").arguments.count == 2)
        #expect(call("{string_replace: [abc, b, x]}").arguments.count == 3)
        #expect(call("{string_replace: [abc, b, x, 1]}").arguments.count == 4)
        #expect(call("{string_split: [a-b, '-']}").arguments.count == 2)
        #expect(call("{string_split: [a-b, '-', 1]}").arguments.count == 3)
        #expect(call("{string_lower: ABC}").arguments.map(\.summary) == ["ABC"])
        #expect(call("{string_upper: {get_input: name}}").arguments.count == 1)
        #expect(call("{get_input: vcpus, type: integer}").declaredType == "integer")
    }

    @Test func rangesPointAtNameArgumentsAndCall() {
        let parsed = call("value: {get_input: [server, port]}".replacingOccurrences(of: "value: ", with: ""))
        #expect(T.position(parsed.range) == "1:1")
        #expect(T.position(parsed.nameRange) == "1:2")
        #expect(T.position(parsed.argumentsRange) == "1:13")
        #expect(T.position(parsed.arguments[1].range) == "1:22")
    }

    @Test(arguments: [
        ("{get_input: [1, 2]}", "1:14"),
        ("{get_input: []}", "1:13"),
        ("{get_input: 5}", "1:13"),
        ("{get_input: [a, [b]]}", "1:17"),
        ("{get_property: vm}", "1:16"),
        ("{get_property: [vm]}", "1:16"),
        ("{get_property: [vm, {a: 1}]}", "1:21"),
        ("{get_attribute: [vm]}", "1:17"),
        ("{get_attributes_list: vm}", "1:23"),
        ("{get_attributes_dict: [vm]}", "1:23"),
        ("{get_attributes_dict: [vm, ip, ip]}", "1:32"),
        ("{get_attributes_dict: [vm, []]}", "1:28"),
        ("{get_secret: [only]}", "1:14"),
        ("{get_secret: 5}", "1:14"),
        ("{concat: abc}", "1:10"),
        ("{merge: {a: 1}}", "1:9"),
        ("{string_find: [a]}", "1:15"),
        ("{string_find: [a, b, c]}", "1:15"),
        ("{string_replace: [a, b]}", "1:18"),
        ("{string_split: abc}", "1:16"),
        ("{string_lower: [a, b]}", "1:16"),
    ])
    func wrongArityOrShapeIsMalformed(text: String, position: String) {
        let (expression, diagnostics) = T.expression(text)
        #expect(diagnostics.map(\.code) == [.malformedFunctionArguments], "\(text)")
        #expect(diagnostics.first.map { T.position($0.range) } == position, "\(text)")
        #expect(diagnostics.first?.notes.contains { $0.message.hasPrefix("expected ") } == true)
        #expect(expression.call?.isMalformed == true)
    }

    @Test(arguments: [
        ("{string_find: [42, a]}", "1:16"),
        ("{string_replace: [abc, b, c, x]}", "1:30"),
        ("{string_split: [abc, b, '1']}", "1:25"),
        ("{string_upper: 3}", "1:16"),
        ("{merge: [{a: 1}, text]}", "1:18"),
    ])
    func literalArgumentsOfTheWrongTypeAreReported(text: String, position: String) {
        let (expression, diagnostics) = T.expression(text)
        #expect(diagnostics.map(\.code) == [.functionArgumentType], "\(text)")
        #expect(diagnostics.first.map { T.position($0.range) } == position, "\(text)")
        #expect(expression.call?.isMalformed == false)
    }

    @Test func nestedCallsAreWalkedOuterFirst() {
        let (expression, diagnostics) = T.expression("{concat: [{get_input: prefix}, '-', {string_upper: {get_property: [SELF, name]}}]}")
        #expect(diagnostics.isEmpty)
        #expect(expression.calls.map(\.function) == [.concat, .getInput, .stringUpper, .getProperty])
        #expect(expression.containsFunctions)
        #expect(expression.isKnownBeforeRun)
        #expect(!T.expression("{a: [{get_attribute: [vm, ip]}]}").0.isKnownBeforeRun)
        #expect(!T.expression("{concat: [{get_secret: s}]}").0.isKnownBeforeRun)
        #expect(T.expression("{a: [1, x]}").0.literalValue == Value(T.node("{a: [1, x]}")))
    }

    @Test func theFunctionsAnExpressionCallsAreKnownFromItsPartsAndFollowAChangedKind() {
        var expression = T.expression("{a: [{concat: [{get_input: p}, {string_upper: {get_secret: s}}]}], b: x}").0
        for function in IntrinsicFunction.allCases {
            #expect(expression.functions.contains(function) == [.concat, .getInput, .stringUpper, .getSecret].contains(function), "\(function)")
        }
        #expect(!T.expression("{a: [1, {b: c}]}").0.containsFunctions)
        expression.kind = T.expression("[{get_attribute: [vm, ip]}]").0.kind
        #expect(expression.functions.contains(.getAttribute) && !expression.functions.contains(.getInput))
        #expect(!expression.isKnownBeforeRun)
    }

    @Test func mappingsThatAreNotCallsStayData() {
        let (expression, diagnostics) = T.expression("{get_input: x, other: y}")
        #expect(expression.call == nil)
        #expect(diagnostics.map(\.code) == [.functionKeyAmongOthers])
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(T.expression("{merged: true}").1.isEmpty)
        #expect(T.expression("{name: x}").1.isEmpty)
    }

    @Test func misspeltFunctionNamesWarn() {
        let (expression, diagnostics) = T.expression("{get_inptu: port}")
        #expect(expression.call == nil)
        #expect(diagnostics.map(\.code) == [.misspeltFunction])
        #expect(diagnostics[0].notes.first?.message == "did you mean 'get_input'?")
        #expect(T.expression("{Get_Property: [a, b]}").1.first?.notes.first?.message == "did you mean 'get_property'?")
        #expect(T.expression("{concatenate: [a]}").1.isEmpty, "too far from concat to guess")
    }

    // MARK: Checking

    static let scope: ValuesTestScope = {
        let (inputSchemas, _) = T.schemas("""
        vcpus: {type: integer}
        server: {type: my.Server}
        """, kind: .input)
        let (registry, _) = T.registry("my.Server: {properties: {host: {type: string}, port: {type: integer, default: 22}}}")
        let (nodeSchemas, _) = T.schemas("name: {type: string}\nparams: {type: dict}\nspare: {type: string, required: false}")
        var scope = ValuesTestScope()
        scope.inputs = Dictionary(uniqueKeysWithValues: inputSchemas.map { ($0.name, $0) })
        let schemas = Dictionary(uniqueKeysWithValues: nodeSchemas.map { ($0.name, $0) })
        scope.nodes = ["vm": schemas, "network": schemas]
        scope.values = [
            "vm": ["name": T.expression("vm-1").0, "params": T.expression("{memory: 512, disks: [a, b]}").0],
            "network": ["name": T.expression("default").0, "params": T.expression("{get_input: vcpus}").0],
        ]
        scope.registry = registry
        return scope
    }()

    private func check(_ text: String, in context: ExpressionContext = .nodeProperty(node: "vm")) -> [Diagnostic] {
        let (expression, parse) = T.expression(text)
        precondition(parse.isEmpty, "\(parse)")
        return FunctionChecker.check(expression, in: context, scope: Self.scope)
    }

    @Test func validReferencesPass() {
        #expect(check("{get_input: vcpus}").isEmpty)
        #expect(check("{get_input: [server, host]}").isEmpty)
        #expect(check("{get_property: [SELF, params, disks, 1]}").isEmpty)
        #expect(check("{get_property: [network, params, whatever]}").isEmpty, "the value is a call, so its shape is unknown")
        #expect(check("{get_attribute: [TARGET, ip]}", in: .relationshipOperationInput(source: "vm", target: "network")).isEmpty)
        #expect(check("{get_property: [SOURCE, name]}", in: .relationshipProperty(source: "vm", target: "network")).isEmpty)
        #expect(check("{get_attribute: [vm, ip]}", in: .output).isEmpty)
        #expect(check("{concat: [{get_input: vcpus}, {get_property: [vm, name]}]}", in: .output).isEmpty)
    }

    @Test func unknownInputGetsDidYouMean() {
        let diagnostics = check("{concat: [x, {get_input: vpcus}]}")
        #expect(diagnostics.map(\.code) == [.unknownFunctionInput])
        #expect(T.position(diagnostics[0].range) == "1:26")
        #expect(diagnostics[0].notes.map(\.message) == ["did you mean 'vcpus'?", "declared inputs: server, vcpus"])
    }

    @Test func unknownNodeGetsDidYouMean() {
        let diagnostics = check("{get_attribute: [vn, ip]}", in: .output)
        #expect(diagnostics.map(\.code) == [.unknownFunctionNode])
        #expect(T.position(diagnostics[0].range) == "1:18")
        #expect(diagnostics[0].notes.first?.message == "did you mean 'vm'?")
        #expect(check("{get_property: [self, name]}").first?.notes.first?.message == "did you mean 'SELF'?")
    }

    @Test func unknownPropertyGetsDidYouMean() {
        let diagnostics = check("{get_property: [network, nmae]}")
        #expect(diagnostics.map(\.code) == [.unknownFunctionProperty])
        #expect(T.position(diagnostics[0].range) == "1:26")
        #expect(diagnostics[0].notes.first?.message == "did you mean 'name'?")
    }

    @Test func propertyWithoutValueCannotBeRead() {
        let diagnostics = check("{get_property: [vm, spare]}")
        #expect(diagnostics.map(\.code) == [.unknownFunctionProperty])
        #expect(diagnostics[0].message == "get_property refers to property 'spare' of node template 'vm', which has no value")
        #expect(T.position(diagnostics[0].range) == "1:21")
    }

    @Test func nestedPathsAreFollowedWhereKnown() {
        let missingKey = check("{get_property: [SELF, params, memroy]}")
        #expect(missingKey.map(\.code) == [.missingValuePath])
        #expect(missingKey[0].notes.first?.message == "did you mean 'memory'?")
        #expect(T.position(missingKey[0].range) == "1:31")
        #expect(check("{get_property: [vm, params, disks, 2]}").first?.message == "index 2 is out of range: 'vm.params.disks' has 2 items")
        #expect(check("{get_property: [vm, name, first]}").first?.message == "'vm.name' is a string (\"vm-1\"), so it has no key or index \"first\"")
        let intoDataType = check("{get_input: [server, hots]}")
        #expect(intoDataType.map(\.code) == [.missingValuePath])
        #expect(intoDataType[0].notes.first?.message == "did you mean 'host'?")
    }

    @Test func selfSourceAndTargetOnlyWhereTheyMeanSomething() {
        let selfInOutput = check("{get_attribute: [SELF, ip]}", in: .output)
        #expect(selfInOutput.map(\.code) == [.misplacedNodeReference])
        #expect(T.position(selfInOutput[0].range) == "1:18")
        let selfInRelationship = check("{get_property: [SELF, name]}", in: .relationshipProperty(source: "vm", target: "network"))
        #expect(selfInRelationship.first?.notes.first?.message == "in a relationship, use SOURCE or TARGET")
        let targetInNode = check("{get_attribute: [TARGET, ip]}", in: .operationInput(node: "vm"))
        #expect(targetInNode.map(\.code) == [.misplacedNodeReference])
        #expect(targetInNode[0].notes.first?.message == "use SELF or the node template's name")
        #expect(check("{get_property: [SELF, anything]}", in: .typeDefault).isEmpty, "the node is not known for a type default")
    }

    @Test func nodeFunctionsAreNotAllowedInInputDefaults() {
        let diagnostics = check("{get_property: [vm, name]}", in: .inputDefault)
        #expect(diagnostics.map(\.code) == [.functionNotAllowedHere])
        #expect(T.position(diagnostics[0].range) == "1:2")
        #expect(check("{get_input: vcpus}", in: .inputDefault).isEmpty)
    }

    @Test func propertyLoopsAreFoundBeforeAnythingRuns() {
        var scope = Self.scope
        scope.values["vm"]?["name"] = T.expression("{get_property: [network, name]}").0
        scope.values["network"]?["name"] = T.expression("{concat: [{get_property: [vm, name]}, x]}").0
        let (expression, _) = T.expression("{get_property: [vm, name]}")
        let diagnostics = FunctionChecker.check(expression, in: .output, scope: scope)
        #expect(diagnostics.map(\.code) == [.propertyReferenceCycle])
        #expect(diagnostics[0].message == "get_property references form a loop: vm.name -> network.name -> vm.name")
    }

    @Test func literalStringCallsAreEvaluatedWhileChecking() {
        #expect(check("{string_split: [a.b, '.', 5]}").map(\.code) == [.functionEvaluationFailed])
        #expect(check("{string_split: [a.b, '.', 1]}").isEmpty)
        #expect(check("{string_split: [{get_input: vcpus}, '.', 5]}").isEmpty, "not known before the run")
    }

    @Test func malformedCallsAreNotCheckedTwice() {
        let (expression, _) = T.expression("{get_property: [nothere]}")
        #expect(FunctionChecker.check(expression, in: .output, scope: Self.scope).isEmpty)
    }

    // MARK: Evaluation

    static let evaluator = Evaluator(
        inputs: ["prefix": .string("web"), "count": .int(3), "server": Value(T.node("{host: h1, ports: [80, 443]}")), "flag": .bool(true)],
        propertyLookup: { node, property in
            let values: [String: [String: String]] = [
                "vm": ["name": "{concat: [{get_input: prefix}, '-vm']}", "params": "{memory: 512, nics: [{get_attribute: [SELF, mac]}]}",
                       "loop": "{get_property: [network, loop]}"],
                "network": ["name": "default", "loop": "{get_property: [vm, loop]}", "uses": "{get_property: [SELF, name]}"],
            ]
            return values[node]?[property].map { ValuesTesting.expression($0).0 }
        })

    private func evaluate(_ text: String, in context: ExpressionContext = .nodeProperty(node: "vm")) -> (EvaluatedValue, [Diagnostic]) {
        let (expression, parse) = T.expression(text)
        precondition(parse.isEmpty, "\(parse)")
        var diagnostics: [Diagnostic] = []
        let value = Self.evaluator.evaluate(expression, in: context, diagnostics: &diagnostics)
        return (value, diagnostics)
    }

    @Test func evaluatesInputsPropertiesAndConcat() {
        #expect(evaluate("{get_input: prefix}").0 == .known(.string("web")))
        #expect(evaluate("{get_input: [server, ports, -1]}").0 == .known(.int(443)))
        #expect(evaluate("{get_property: [SELF, name]}").0 == .known(.string("web-vm")))
        #expect(evaluate("{get_property: [vm, params, memory]}", in: .output).0 == .known(.int(512)))
        #expect(evaluate("{get_property: [TARGET, name]}", in: .relationshipProperty(source: "vm", target: "network")).0 == .known(.string("default")))
        #expect(evaluate("{get_property: [network, uses]}").0 == .known(.string("default")), "SELF inside another node's property is that node")
        #expect(evaluate("{concat: [{get_input: prefix}, '-', {get_input: count}, '-', {get_input: flag}]}").0 == .known(.string("web-3-True")))
    }

    /// get_sys answers what a manager would from bluevirt's own deployment; without one (validate)
    /// it stays pending, and a pair Cloudify does not know is refused where it is written.
    @Test func getSysAnswersFromTheDeployment() {
        var evaluator = Self.evaluator
        let (deployment, parse) = T.expression("{get_sys: [deployment, id]}")
        #expect(parse.isEmpty, "\(parse)")
        #expect(evaluator.evaluate(deployment, in: .output).isKnown == false)
        evaluator.system = SystemValues(deployment: "lab", mainFile: "/srv/blueprints/shop/blueprint.yaml")
        #expect(evaluator.evaluate(deployment, in: .output) == .known(.string("lab")))
        #expect(evaluator.evaluate(T.expression("{get_sys: [deployment, name]}").0, in: .output) == .known(.string("lab")))
        #expect(evaluator.evaluate(T.expression("{get_sys: [deployment, blueprint]}").0, in: .output) == .known(.string("shop")))
        #expect(evaluator.evaluate(T.expression("{get_sys: [tenant, name]}").0, in: .output) == .known(.string("default_tenant")))
        #expect(evaluator.evaluate(T.expression("{concat: [{get_sys: [deployment, id]}, '-net']}").0, in: .output) == .known(.string("lab-net")))
        #expect(T.expression("{get_sys: [deployment, size]}").1.map(\.code) == [.malformedFunctionArguments])
        #expect(T.expression("{get_sys: deployment}").1.map(\.code) == [.malformedFunctionArguments])
        // An input default is bound before the deployment is named.
        #expect(FunctionChecker.check(deployment, in: .inputDefault, scope: Self.scope).map(\.code) == [.functionNotAllowedHere])
        #expect(FunctionChecker.check(deployment, in: .output, scope: Self.scope).isEmpty)
    }

    @Test func evaluatesMergeAndStringFunctions() {
        #expect(evaluate("{merge: [{a: 1, b: 2}, {b: 3, c: 4}]}").0.description == "{a: 1, b: 3, c: 4}")
        #expect(evaluate("{string_find: [hello, l]}").0 == .known(.int(2)))
        #expect(evaluate("{string_find: [hello, z]}").0 == .known(.int(-1)))
        // Python's str.find: the empty text is found where the search starts.
        #expect(evaluate("{string_find: [hello, '']}").0 == .known(.int(0)))
        #expect(evaluate("{string_replace: [a-b-c, '-', '+']}").0 == .known(.string("a+b+c")))
        #expect(evaluate("{string_replace: [a-b-c, '-', '+', 1]}").0 == .known(.string("a+b-c")))
        #expect(evaluate("{string_split: ['a,,b', ',']}").0 == .known(.list([.string("a"), .string(""), .string("b")])))
        #expect(evaluate("{string_split: [a.b.c, '.', -1]}").0 == .known(.string("c")))
        #expect(evaluate("{string_lower: {get_input: prefix}}").0 == .known(.string("web")))
        #expect(evaluate("{string_upper: [x]}".replacingOccurrences(of: "[x]", with: "abc")).0 == .known(.string("ABC")))
    }

    @Test func runtimeFunctionsStayPending() {
        let (value, diagnostics) = evaluate("{name: {get_input: prefix}, ip: {get_attribute: [vm, ip]}, all: {concat: [a, {get_secret: s}]}}")
        #expect(diagnostics.isEmpty)
        #expect(!value.isKnown)
        #expect(value.pendingParts == ["get_attribute: [vm, ip]", "concat: [a, {get_secret: s}]"])
        #expect(value.description == "{name: \"web\", ip: <get_attribute: [vm, ip]>, all: <concat: [a, {get_secret: s}]>}")
        let nics = evaluate("{get_property: [vm, params, nics, 0]}").0
        #expect(nics == .pending("get_attribute: [SELF, mac]"))
        #expect(evaluate("{get_property: [vm, params, memory]}").0 == .known(.int(512)), "a known part of a partly pending value")
    }

    @Test func evaluationProblemsAreDiagnosed() {
        let missing = evaluate("{get_input: [server, hots]}")
        #expect(missing.0 == .pending("get_input: [server, hots]"))
        #expect(missing.1.map(\.code) == [.missingValuePath])
        #expect(missing.1.first?.notes.first?.message == "did you mean 'host'?")
        #expect(evaluate("{get_input: [server, ports, 5]}").1.first?.message == "index 5 is out of range: 'server.ports' has 2 items")
        #expect(evaluate("{merge: [{a: 1}, {get_input: count}]}").1.map(\.code) == [.functionArgumentType])
        #expect(evaluate("{string_upper: {get_input: count}}").1.map(\.code) == [.functionArgumentType])
        #expect(evaluate("{string_split: [abc, '']}").1.map(\.code) == [.functionEvaluationFailed])
        #expect(evaluate("{string_split: [a.b, '.', 2]}").1.map(\.code) == [.functionEvaluationFailed])
    }

    @Test func propertyCyclesAreReportedNotFollowedForever() {
        let (value, diagnostics) = evaluate("{get_property: [vm, loop]}", in: .output)
        #expect(!value.isKnown)
        #expect(diagnostics.map(\.code) == [.propertyReferenceCycle])
        #expect(diagnostics[0].message == "get_property refers back to itself: vm.loop -> network.loop -> vm.loop")
    }

    @Test func unboundInputsAndUnknownNodesStayPending() {
        #expect(evaluate("{get_input: nothing}").0 == .pending("get_input: nothing"))
        #expect(evaluate("{get_property: [ghost, name]}").0 == .pending("get_property: [ghost, name]"))
        #expect(evaluate("{get_property: [SELF, name]}", in: .output).0 == .pending("get_property: [SELF, name]"))
    }
}
