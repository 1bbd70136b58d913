import Testing
import YAMLSource
import Blueprint
import Planner

@Suite("Planner diagnostics")
struct PlanDiagnosticsTests {
    @Test("a count above max_instances (from an input) is BV0703 at the count")
    func countAboveMaximum() throws {
        let blueprint = try loadBlueprint(PlannerFixtures.fixture("counts.yaml"), inputs: ["workers=5"])
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .instanceCountOutOfRange)
        #expect(diagnostic.message == "default_instances of 'worker' is 5, more than max_instances (4)")
        #expect(diagnostic.range == blueprint.nodeTemplates["worker"]?.instances.defaultInstances?.range)
        #expect(diagnostic.notes.contains { $0.message == "max_instances is here" && $0.range != nil })
    }

    @Test("a count that is not an integer is BV0702")
    func countNotAnInteger() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("counts.yaml"))
        blueprint.inputValues["workers"] = .string("many")
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [.unknownInstanceCount])
        #expect(result.diagnostics.first?.message.hasPrefix("default_instances of 'worker' evaluates to") == true)
        #expect(result.diagnostics.first?.message.contains("many") == true)
    }

    @Test("the checker rejects a connection_type outside its valid_values before planning")
    func unknownConnectionTypeIsCaughtByTheChecker() throws {
        let loaded = BlueprintLoader.load(path: PlannerFixtures.fixture("bad_connection_type.yaml"))
        #expect(loaded.blueprint == nil)
        let diagnostic = try #require(loaded.diagnostics.first { $0.severity == .error })
        #expect(diagnostic.code == .constraintViolated)
        #expect(diagnostic.range.start.line == 17)
    }

    @Test("a connection_type other than all_to_all or all_to_one (bypassing the checker) is BV0704 at the value")
    func unknownConnectionType() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        var node = try #require(blueprint.nodeTemplates["a"])
        let range = node.relationships[0].targetRange
        node.relationships[0].properties["connection_type"] = Expression(value: .string("one_to_one"), range: range)
        blueprint.nodeTemplates["a"] = node
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(diagnostic.code == .unknownConnectionType)
        #expect(diagnostic.range == range)
        #expect(diagnostic.message.contains("one_to_one"))
    }

    @Test("counts that multiply down contained_in past the limit are BV0706")
    func tooManyInstances() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("hosting.yaml"))
        var vm = try #require(blueprint.nodeTemplates["vm"])
        vm.instances.deploy = Expression(value: .int(1_000), range: vm.nameRange)
        blueprint.nodeTemplates["vm"] = vm
        var app = try #require(blueprint.nodeTemplates["app"])
        app.instances.defaultInstances = Expression(value: .int(1_000), range: app.nameRange)
        blueprint.nodeTemplates["app"] = app
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [.tooManyInstances])
        #expect(result.diagnostics.first?.message.contains("1000 on each of 1000 host instances") == true)
    }

    @Test("every planner code is BV07xx, listed once")
    func catalog() {
        let ids = DiagnosticCode.plannerCodes.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("BV07") })
    }
}
