import Testing
import YAMLSource
import Blueprint
import Planner

/// The checker rejects cycles before planning (BV0116), so these tests make the cycle in a
/// loaded blueprint value: the planner must still refuse it, naming the loop.
@Suite("Cycles")
struct CycleTests {
    /// linked_pair.yaml with `net` given a relationship back to `a`.
    private func blueprintWithLoop() throws -> Blueprint {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        var net = try #require(blueprint.nodeTemplates["net"])
        var back = try #require(blueprint.nodeTemplates["a"]?.relationships.first)
        back.target = "a"
        net.relationships.append(back)
        blueprint.nodeTemplates["net"] = net
        return blueprint
    }

    @Test("a cycle is BV0701, names the loop and points at each relationship in it")
    func loopIsNamed() throws {
        let blueprint = try blueprintWithLoop()
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        let diagnostic = try #require(result.diagnostics.first)
        #expect(result.diagnostics.count == 1)
        #expect(diagnostic.code == .planDependencyCycle)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.message.hasSuffix("net -> a -> net"))
        let relationshipNotes = diagnostic.notes.filter { $0.range != nil }
        #expect(relationshipNotes.map(\.message) == [
            "'net' waits for 'a' through test.linked_to",
            "'a' waits for 'net' through test.linked_to",
        ])
        let aToNet = try #require(blueprint.nodeTemplates["a"]?.relationships.first)
        #expect(relationshipNotes[1].range == aToNet.targetRange)
        #expect(diagnostic.range == blueprint.nodeTemplates["net"]!.relationships.last!.targetRange)
    }

    @Test("a template that only waits on a cycle is not reported as part of it")
    func downstreamIsNotInLoop() throws {
        // b waits for net, which is in the loop net -> a -> net; one diagnostic, without b.
        let result = Planner.plan(try blueprintWithLoop())
        #expect(result.diagnostics.map(\.code) == [.planDependencyCycle])
        #expect(!result.diagnostics[0].message.contains("b"))
    }

    @Test("a relationship to itself is a loop of one")
    func selfLoop() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        var a = try #require(blueprint.nodeTemplates["a"])
        a.relationships[0].target = "a"
        blueprint.nodeTemplates["a"] = a
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [.planDependencyCycle])
        #expect(result.diagnostics.first?.message.hasSuffix(": a -> a") == true)
    }

    @Test("a relationship to a template that does not exist is BV0707")
    func missingTarget() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        var b = try #require(blueprint.nodeTemplates["b"])
        b.relationships[0].target = "nett"
        blueprint.nodeTemplates["b"] = b
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [.missingPlanTarget])
        #expect(result.diagnostics.first?.range == b.relationships[0].targetRange)
    }
}
