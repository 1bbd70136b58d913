import Foundation
import Testing
import YAMLSource
import Blueprint
import Planner

/// Plans generated blueprints of 10,000 node templates: the planner is linear, and deep chains
/// do not overflow the stack. (No time is asserted; the test prints it.)
@Suite("Large blueprints")
struct LargeBlueprintTests {
    /// 100 networks and 9,900 machines, each machine linked to one network.
    static func wideBlueprint(networks: Int = 100, machines: Int = 9_900) -> String {
        var text = "tosca_definitions_version: cloudify_dsl_1_3\nimports:\n  - \(PlannerFixtures.fixture("test_types.yaml"))\nnode_templates:\n"
        for index in 0..<networks { text += "  net\(index):\n    type: test.Thing\n" }
        for index in 0..<machines {
            text += "  vm\(index):\n    type: test.Thing\n    relationships:\n      - type: test.linked_to\n        target: net\(index % networks)\n"
        }
        return text
    }

    /// 10,000 templates, each depending on the one before.
    static func chainBlueprint(length: Int = 10_000) -> String {
        var text = "tosca_definitions_version: cloudify_dsl_1_3\nimports:\n  - \(PlannerFixtures.fixture("test_types.yaml"))\nnode_templates:\n"
        text += "  n0:\n    type: test.Thing\n"
        for index in 1..<length {
            text += "  n\(index):\n    type: test.Thing\n    relationships:\n      - type: cloudify.relationships.depends_on\n        target: n\(index - 1)\n"
        }
        return text
    }

    private func plan(_ text: String, name: String) throws -> DeploymentPlan {
        let path = NSTemporaryDirectory() + "bluevirt-planner-\(name)-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let blueprint = try loadBlueprint(path)
        let clock = ContinuousClock()
        var result: (plan: DeploymentPlan?, diagnostics: [Diagnostic])?
        let elapsed = clock.measure { result = Planner.plan(blueprint) }
        print("planned \(blueprint.nodeTemplates.count) node templates (\(name)) in \(elapsed)")
        #expect(result?.diagnostics.isEmpty == true)
        return try #require(result?.plan)
    }

    @Test("10,000 node templates, wide: 100 networks, 9,900 machines in parallel")
    func wide() throws {
        let plan = try plan(Self.wideBlueprint(), name: "wide")
        #expect(plan.instances.count == 10_000)
        // 3 steps per network, 9 per machine (create, configure, start and 6 relationship steps).
        #expect(plan.install.steps.count == 100 * 3 + 9_900 * 9)
        #expect(plan.install.levels.count == 3 + 9)
        #expect(plan.install.levels[3].count == 9_900)
        #expect(plan.uninstall.steps.count == 100 * 2 + 9_900 * 4)
        #expect(plan.uninstall.levels.count == 4 + 2)
    }

    @Test("10,000 node templates in one chain")
    func chain() throws {
        let plan = try plan(Self.chainBlueprint(), name: "chain")
        #expect(plan.instances.first?.id == "n0-1")
        #expect(plan.instances.last?.id == "n9999-1")
        // depends_on has no operations: only create, configure, start, each after the last.
        #expect(plan.install.levels.count == 30_000)
        #expect(plan.install.levels.allSatisfy { $0.count == 1 })
        #expect(try plan.install.waits("create n9999-1") == ["start n9998-1"])
        #expect(try plan.uninstall.waits("stop n0-1") == ["delete n1-1"])
    }
}
