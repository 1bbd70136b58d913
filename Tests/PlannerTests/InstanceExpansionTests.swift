import Testing
import Blueprint
import Planner

@Suite("Instance expansion")
struct InstanceExpansionTests {
    @Test("instances.deploy: 3 gives web-1, web-2, web-3")
    func deployCount() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("counts.yaml"))
        let web = plan.instances(of: "web")
        #expect(web.map(\.id) == ["web-1", "web-2", "web-3"])
        #expect(web.map(\.index) == [1, 2, 3])
        #expect(web.allSatisfy { $0.hostInstanceId == nil && $0.relationships.isEmpty })
        #expect(plan.instance("web-2")?.nodeName == "web")
    }

    @Test("default_instances from get_input takes the input's default, or the value given with --input")
    func scalableCountFromInput() throws {
        let byDefault = try planBlueprint(PlannerFixtures.fixture("counts.yaml"))
        #expect(byDefault.instances(of: "worker").map(\.id) == ["worker-1", "worker-2"])
        let overridden = try planBlueprint(PlannerFixtures.fixture("counts.yaml"), inputs: ["workers=4"])
        #expect(overridden.instances(of: "worker").map(\.id) == ["worker-1", "worker-2", "worker-3", "worker-4"])
        // depends_on (all_to_all) makes every worker wait for every web instance.
        let worker = try #require(overridden.instance("worker-4"))
        #expect(worker.relationships.map(\.targetInstanceId) == ["web-1", "web-2", "web-3"])
        #expect(worker.relationships.allSatisfy { $0.isA(BaseRelationship.dependsOn) && $0.templateRelationshipIndex == 0 })
    }

    @Test("a count of zero plans no instance, and what depends on it is not held up")
    func zeroInstances() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("counts.yaml"), inputs: ["workers=0"])
        #expect(plan.instances(of: "worker").isEmpty)
        #expect(plan.instances.count == 3)
    }

    @Test("the scaled-cluster example follows its workers input")
    func scaledClusterInput() throws {
        let plan = try planBlueprint(PlannerFixtures.example("scaled-cluster.yaml"), inputs: ["workers=5"])
        #expect(plan.instances.map(\.id) == ["cluster_net-1", "head-1", "worker-1", "worker-2", "worker-3", "worker-4", "worker-5"])
        #expect(plan.instance("worker-5")?.relationships.map(\.targetInstanceId) == ["cluster_net-1", "head-1"])
    }

    @Test("all_to_all connects every source instance to every target instance")
    func allToAll() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("connections.yaml"))
        for id in ["mesh-1", "mesh-2", "mesh-3"] {
            #expect(plan.instance(id)?.relationships.map(\.targetInstanceId) == ["net-1", "net-2"])
        }
        // Each relationship instance has its own steps, in declared order.
        #expect(plan.install.descriptions(ofInstance: "mesh-2").filter { $0.hasPrefix("preconfigure") } == [
            "preconfigure mesh-2 → net-1 (source)", "preconfigure mesh-2 → net-1 (target)",
            "preconfigure mesh-2 → net-2 (source)", "preconfigure mesh-2 → net-2 (target)",
        ])
        #expect(try plan.install.waits("create mesh-1") == ["start net-1", "start net-2"])
    }

    @Test("all_to_one connects every source instance to the same, first target instance")
    func allToOne() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("connections.yaml"))
        for id in ["star-1", "star-2", "star-3"] {
            #expect(plan.instance(id)?.relationships.map(\.targetInstanceId) == ["net-1"])
        }
        #expect(try plan.install.waits("create star-3") == ["start net-1"])
    }

    @Test("contained_in places a node's instances on every host instance, counts multiplied")
    func containment() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("hosting.yaml"))
        let apps = plan.instances(of: "app")
        #expect(apps.map(\.id) == ["app-1", "app-2", "app-3", "app-4"])
        #expect(apps.map(\.hostInstanceId) == ["vm-1", "vm-1", "vm-2", "vm-2"])
        #expect(plan.instances(of: "db").map(\.hostInstanceId) == ["vm-1", "vm-2"])
        // The contained_in relationship goes to the own host only.
        #expect(plan.instance("app-3")?.relationships.first?.targetInstanceId == "vm-2")
        #expect(plan.instance("app-3")?.relationships.first?.isA(BaseRelationship.containedIn) == true)
        // Instances are in install order: hosts before what they hold.
        let order = plan.instances.map(\.id)
        #expect(order.firstIndex(of: "vm-2")! < order.firstIndex(of: "app-3")!)
        #expect(order.firstIndex(of: "db-2")! < order.firstIndex(of: "app-3")!)
    }

    @Test("a relationship between two nodes on one host connects instances on the same host instance")
    func connectionsWithinHost() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("hosting.yaml"))
        #expect(plan.instance("app-1")?.relationships.map(\.targetInstanceId) == ["vm-1", "db-1"])
        #expect(plan.instance("app-2")?.relationships.map(\.targetInstanceId) == ["vm-1", "db-1"])
        #expect(plan.instance("app-4")?.relationships.map(\.targetInstanceId) == ["vm-2", "db-2"])
        // The balancer is on no host: it connects to every app instance.
        #expect(plan.instance("balancer-1")?.relationships.map(\.targetInstanceId) == ["app-1", "app-2", "app-3", "app-4"])
    }
}
