import Testing
import Blueprint
import Planner

@Suite("Uninstall order")
struct UninstallOrderTests {
    @Test("per instance: stop, unlink (source, then target), delete")
    func stepsOfOneInstance() throws {
        let graph = try planBlueprint(PlannerFixtures.fixture("linked_pair.yaml")).uninstall
        #expect(graph.workflow == .uninstall)
        #expect(graph.descriptions(ofInstance: "a-1") == ["stop a-1", "unlink a-1 → net-1 (source)", "unlink a-1 → net-1 (target)", "delete a-1"])
        #expect(graph.descriptions(ofInstance: "net-1") == ["stop net-1", "delete net-1"])
        #expect(try graph.step("unlink a-1 → net-1 (target)").operation == "cloudify.interfaces.relationship_lifecycle.unlink")
    }

    @Test("sources go before targets: the network stops after both machines are deleted")
    func sourcesBeforeTargets() throws {
        let graph = try planBlueprint(PlannerFixtures.fixture("linked_pair.yaml")).uninstall
        #expect(Set(try graph.waits("stop net-1")) == ["delete a-1", "delete b-1"])
        #expect(try graph.waits("stop a-1").isEmpty)
        #expect(try graph.level(of: "stop a-1") == 0)
        #expect(try graph.level(of: "stop b-1") == 0)
        #expect(try graph.level(of: "stop net-1") == 4)
    }

    @Test("uninstall reverses install: hosts go after everything they hold")
    func reverseOfInstall() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("hosting.yaml"))
        let graph = plan.uninstall
        #expect(Set(try graph.waits("stop vm-1")) == ["delete app-1", "delete app-2", "delete db-1"])
        #expect(Set(try graph.waits("stop db-2")) == ["delete app-3", "delete app-4"])
        #expect(Set(try graph.waits("stop app-1")) == ["delete balancer-1"])
        // Relationships unlink last declared first.
        #expect(graph.descriptions(ofInstance: "app-1") == [
            "stop app-1", "unlink app-1 → db-1 (source)", "unlink app-1 → db-1 (target)", "delete app-1",
        ])
        // Every instance that is installed after another is uninstalled before it.
        let installPosition = Dictionary(uniqueKeysWithValues: plan.instances.enumerated().map { ($1.id, $0) })
        for step in graph.steps {
            for dependency in graph.dependencies(of: step.id) where graph[dependency].instanceId != step.instanceId {
                #expect(installPosition[graph[dependency].instanceId]! > installPosition[step.instanceId]!)
            }
        }
    }

    @Test("two-vms example: domains unlink and go before the network is deleted")
    func twoVMsExample() throws {
        let graph = try planBlueprint(PlannerFixtures.example("two-vms-one-network.yaml")).uninstall
        #expect(graph.descriptions(ofInstance: "web-1") == ["stop web-1", "unlink web-1 → lan-1 (target)", "delete web-1"])
        #expect(Set(try graph.waits("delete lan-1")) == ["delete web-1", "delete db-1"])
    }
}
