import Testing
import Blueprint
import Planner

@Suite("Install order")
struct InstallOrderTests {
    @Test("every step of an instance, in Cloudify's install order")
    func stepsOfOneInstance() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        #expect(plan.install.descriptions(ofInstance: "a-1") == [
            "create a-1",
            "preconfigure a-1 → net-1 (source)", "preconfigure a-1 → net-1 (target)",
            "configure a-1",
            "postconfigure a-1 → net-1 (source)", "postconfigure a-1 → net-1 (target)",
            "start a-1",
            "establish a-1 → net-1 (source)", "establish a-1 → net-1 (target)",
        ])
        let create = try plan.install.step("create a-1")
        #expect(create.operation == "cloudify.interfaces.lifecycle.create")
        #expect(create.implementation == "test.tasks.create")
        let establish = try plan.install.step("establish a-1 → net-1 (target)")
        #expect(establish.operation == "cloudify.interfaces.relationship_lifecycle.establish")
        #expect(establish.kind == StepKind.establish(.target, relationship: 0))
        #expect(establish.targetInstanceId == "net-1")
        #expect(plan.install.descriptions(ofInstance: "net-1") == ["create net-1", "configure net-1", "start net-1"])
    }

    @Test("an instance is created after the instance it is linked to has started")
    func createWaitsForTarget() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("linked_pair.yaml"))
        #expect(try plan.install.waits("create a-1") == ["start net-1"])
        #expect(try plan.install.waits("configure a-1") == ["preconfigure a-1 → net-1 (target)"])
        #expect(plan.instances.map(\.id) == ["net-1", "a-1", "b-1"])
    }

    @Test("two machines that do not depend on each other run in the same levels")
    func independentMachinesShareLevels() throws {
        let graph = try planBlueprint(PlannerFixtures.fixture("linked_pair.yaml")).install
        #expect(try graph.level(of: "create net-1") == 0)
        #expect(try graph.level(of: "start net-1") == 2)
        #expect(try graph.level(of: "create a-1") == 3)
        #expect(try graph.level(of: "create b-1") == 3)
        #expect(graph.levels[3].map { graph[$0].description } == ["create a-1", "create b-1"])
        #expect(graph.levels.count == 3 + 9)
        // Every step's dependencies sit in earlier levels.
        var levelOf: [StepID: Int] = [:]
        for (level, members) in graph.levels.enumerated() { for id in members { levelOf[id] = level } }
        #expect(levelOf.count == graph.steps.count)
        for step in graph.steps {
            for dependency in graph.dependencies(of: step.id) { #expect(levelOf[dependency]! < levelOf[step.id]!) }
        }
    }

    @Test("two-vms example: each domain is created after the network is up, both at once")
    func twoVMsExample() throws {
        let plan = try planBlueprint(PlannerFixtures.example("two-vms-one-network.yaml"))
        #expect(plan.instances.map(\.id) == ["lan-1", "web-1", "db-1"])
        let graph = plan.install
        // The plugin's network has only a create operation (it defines and starts the network).
        #expect(graph.descriptions(ofInstance: "lan-1") == ["create lan-1"])
        #expect(try graph.waits("create web-1") == ["create lan-1"])
        #expect(try graph.waits("create db-1") == ["create lan-1"])
        #expect(try graph.level(of: "create web-1") == graph.level(of: "create db-1"))
        // The libvirt plugin's connected_to implements only the target's establish and unlink.
        #expect(graph.descriptions(ofInstance: "web-1") == ["create web-1", "configure web-1", "start web-1", "establish web-1 → lan-1 (target)"])
        #expect(try graph.step("create web-1").implementation == "libvirt.cloudify_libvirt.domain_tasks.create")
    }

    @Test("scaled-cluster example: every worker waits for the head and the network")
    func scaledClusterExample() throws {
        let plan = try planBlueprint(PlannerFixtures.example("scaled-cluster.yaml"))
        #expect(plan.instances(of: "worker").map(\.id) == ["worker-1", "worker-2", "worker-3"])
        let waits = try plan.install.waits("create worker-2")
        #expect(Set(waits) == ["establish head-1 → cluster_net-1 (target)", "create cluster_net-1"])
        #expect(try plan.install.level(of: "create worker-1") == plan.install.level(of: "create worker-3"))
    }
}

@Suite("Example blueprints")
struct ExamplePlanTests {
    @Test("every example plans; every step of the install waits only for earlier install steps", arguments: [
        "two-vms-one-network.yaml", "scaled-cluster.yaml", "lxc-container.yaml", "xen-domain.yaml",
    ])
    func examplePlans(_ name: String) throws {
        let plan = try planBlueprint(PlannerFixtures.example(name))
        #expect(!plan.instances.isEmpty)
        for graph in [plan.install, plan.uninstall] {
            #expect(!graph.steps.isEmpty)
            #expect(graph.levels.joined().count == graph.steps.count)
            for step in graph.steps {
                #expect(graph.dependencies(of: step.id).allSatisfy { $0 < step.id })
            }
        }
        // Every instance is created after each instance it has a relationship to is installed.
        let order = Dictionary(uniqueKeysWithValues: plan.instances.enumerated().map { ($1.id, $0) })
        for instance in plan.instances {
            for relationship in instance.relationships {
                #expect(order[relationship.targetInstanceId]! < order[instance.id]!)
            }
        }
    }
}
