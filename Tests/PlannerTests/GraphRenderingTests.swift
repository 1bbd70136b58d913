import Testing
import Blueprint
import Planner

@Suite("Graph rendering")
struct GraphRenderingTests {
    @Test("dot: a digraph named by the workflow, one cluster per instance, one edge per dependency")
    func dot() throws {
        let graph = try planBlueprint(PlannerFixtures.example("two-vms-one-network.yaml")).install
        let text = graph.dot()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "digraph install {")
        #expect(lines.last == "}")
        #expect(text.hasSuffix("}\n"))
        #expect(lines.filter { $0.hasPrefix("  subgraph \"cluster_") }.count == 3)
        #expect(lines.contains("  subgraph \"cluster_web-1\" {"))
        #expect(lines.contains("    label=\"web-1\";"))
        let create = try graph.step("create web-1").id
        let establish = try graph.step("establish web-1 → lan-1 (target)").id
        #expect(lines.contains("    \(create) [label=\"create\"];"))
        #expect(lines.contains("    \(establish) [label=\"establish → lan-1 (target)\"];"))
        #expect(lines.contains("  \(try graph.step("create lan-1").id) -> \(create);"))
        #expect(lines.filter { $0.contains(" -> ") }.count == graph.edgeCount)
        #expect(lines.filter { $0.contains("[label=") }.count == graph.steps.count)
    }

    @Test("mermaid: a left-to-right flowchart, one subgraph per instance, one arrow per dependency")
    func mermaid() throws {
        let graph = try planBlueprint(PlannerFixtures.fixture("linked_pair.yaml")).uninstall
        let text = graph.mermaid()
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "flowchart LR")
        #expect(lines.filter { $0.hasPrefix("  subgraph ") }.count == 3)
        #expect(lines.filter { $0 == "  end" }.count == 3)
        #expect(lines.contains { $0.hasPrefix("  subgraph i") && $0.hasSuffix("[\"net-1\"]") })
        let stop = try graph.step("stop net-1").id
        #expect(lines.contains("    \(stop)[\"stop\"]"))
        #expect(lines.contains("  \(try graph.step("delete a-1").id) --> \(stop)"))
        #expect(lines.filter { $0.contains(" --> ") }.count == graph.edgeCount)
    }

    @Test("quotes in instance names cannot break out of a label")
    func quoting() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        // Node names come from YAML keys, so a quote is possible in principle.
        var template = try #require(blueprint.nodeTemplates["net"])
        template.name = "ne\"t"
        blueprint.nodeTemplates["net"] = nil
        blueprint.nodeTemplates["ne\"t"] = template
        for name in ["a", "b"] {
            var source = try #require(blueprint.nodeTemplates[name])
            source.relationships[0].target = "ne\"t"
            blueprint.nodeTemplates[name] = source
        }
        let plan = try #require(Planner.plan(blueprint).plan)
        #expect(plan.install.dot().contains("label=\"ne\\\"t-1\";"))
        #expect(plan.install.mermaid().contains("[\"ne#quot;t-1\"]"))
    }
}
