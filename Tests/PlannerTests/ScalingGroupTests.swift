import Testing
import Blueprint
import Planner

@Suite("Scaling groups")
struct ScalingGroupTests {
    @Test("default_instances 2 gives each member two instances, numbered across the deployment")
    func membersPerGroupInstance() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"))
        #expect(plan.instances(of: "vm").map(\.id) == ["vm-1", "vm-2"])
        #expect(plan.instances(of: "disk").map(\.id) == ["disk-1", "disk-2"])
        #expect(plan.instances(of: "seed").map(\.id) == ["seed-1", "seed-2"])
        #expect(plan.instances(of: "lan").map(\.id) == ["lan-1"])
        #expect(plan.instances(of: "base").map(\.id) == ["base-1"])
        #expect(plan.instances.allSatisfy { $0.hostInstanceId == nil })
    }

    @Test("relationships between members stay inside one group instance; to a non-member they reach the one instance")
    func pairsShareTheIndex() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"))
        #expect(plan.instance("vm-1")?.relationships.map(\.targetInstanceId) == ["disk-1", "seed-1", "lan-1"])
        #expect(plan.instance("vm-2")?.relationships.map(\.targetInstanceId) == ["disk-2", "seed-2", "lan-1"])
        #expect(plan.instance("disk-1")?.relationships.map(\.targetInstanceId) == ["base-1"])
        #expect(plan.instance("disk-2")?.relationships.map(\.targetInstanceId) == ["base-1"])
        #expect(plan.instance("vm-2")?.relationships.map(\.targetNodeName) == ["disk", "seed", "lan"])
    }

    @Test("the engine's related map, built from the relationships, sends vm-2's get_attribute to disk-2 and seed-2")
    func relatedInstancesOfTheSecondMachine() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"))
        let vm = try #require(plan.instance("vm-2"))
        // The same grouping the engine's InstanceReference.related holds: target node → instances.
        let related = Dictionary(grouping: vm.relationships, by: \.targetNodeName).mapValues { $0.map(\.targetInstanceId) }
        #expect(related == ["disk": ["disk-2"], "seed": ["seed-2"], "lan": ["lan-1"]])
    }

    @Test("the group's count follows an input")
    func countFromInput() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"), inputs: ["machines=3"])
        #expect(plan.instances(of: "vm").map(\.id) == ["vm-1", "vm-2", "vm-3"])
        #expect(plan.instance("vm-3")?.relationships.map(\.targetInstanceId) == ["disk-3", "seed-3", "lan-1"])
        let none = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"), inputs: ["machines=0"])
        #expect(none.instances.map(\.id) == ["lan-1", "base-1"])
    }

    @Test("install order still follows the relationships: each vm waits for its own disk and seed and for the network")
    func installOrder() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"))
        let order = plan.instances.map(\.id)
        for (vm, disk) in [("vm-1", "disk-1"), ("vm-2", "disk-2")] {
            #expect(order.firstIndex(of: disk)! < order.firstIndex(of: vm)!)
        }
        #expect(order.firstIndex(of: "base-1")! < order.firstIndex(of: "disk-1")!)
        #expect(Set(try plan.install.waits("create vm-2")) == ["start disk-2", "start seed-2", "start lan-1"])
        #expect(try plan.install.waits("create disk-2") == ["start base-1"])
        // Uninstall: a disk goes after its own vm only.
        #expect(try plan.uninstall.waits("stop disk-1") == ["delete vm-1"])
        #expect(Set(try plan.uninstall.waits("stop lan-1")) == ["delete vm-1", "delete vm-2"])
    }

    @Test("dot and mermaid output show the paired instances, one box per instance")
    func graphs() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("scaling_group.yaml"))
        let dot = plan.install.dot()
        #expect(dot.hasPrefix("digraph install {"))
        for instance in ["vm-1", "vm-2", "disk-1", "disk-2", "seed-1", "seed-2", "lan-1", "base-1"] {
            #expect(dot.contains("subgraph \"cluster_\(instance)\""))
        }
        #expect(dot.contains("label=\"preconfigure → disk-2 (source)\""))
        #expect(!dot.contains("group"))
        let mermaid = plan.install.mermaid()
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.components(separatedBy: "\n").filter { $0.hasPrefix("  subgraph ") }.count == 8)
    }

    @Test("nested groups multiply: 3 volume groups in each of 2 racks give 6 volumes, each on its own rack's host")
    func nestedGroups() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("nested_groups.yaml"))
        #expect(plan.instances(of: "host").map(\.id) == ["host-1", "host-2"])
        #expect(plan.instances(of: "ip").map(\.id) == ["ip-1", "ip-2"])
        #expect(plan.instances(of: "volume").map(\.id) == (1...6).map { "volume-\($0)" })
        #expect(plan.instance("host-2")?.relationships.map(\.targetInstanceId) == ["ip-2"])
        for index in 1...6 {
            let host = index <= 3 ? "host-1" : "host-2"
            #expect(plan.instance("volume-\(index)")?.relationships.map(\.targetInstanceId) == [host])
        }
    }

    @Test("a node contained in a member is multiplied by its host; a member contained in a member leaves the group")
    func containmentInGroups() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("group_containment.yaml"))
        #expect(plan.instances(of: "vm").map(\.id) == ["vm-1", "vm-2"])
        #expect(plan.instance("vm-2")?.relationships.map(\.targetInstanceId) == ["disk-2"])
        // app: 2 on each vm; a group that no scaling policy targets changes nothing.
        #expect(plan.instances(of: "app").map(\.hostInstanceId) == ["vm-1", "vm-1", "vm-2", "vm-2"])
        // agent is listed in the group and contained in vm: one per vm, not one per vm per group instance.
        #expect(plan.instances(of: "agent").map(\.id) == ["agent-1", "agent-2"])
        #expect(plan.instances(of: "agent").map(\.hostInstanceId) == ["vm-1", "vm-2"])
        #expect(plan.instance("agent-2")?.relationships.map(\.targetInstanceId) == ["vm-2"])
    }

    @Test("a group whose members are contained in a host outside it gets its count on every host instance")
    func groupOnAHost() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("group_containment.yaml"))
        let workers = plan.instances(of: "worker")
        #expect(workers.map(\.id) == ["worker-1", "worker-2", "worker-3", "worker-4"])
        #expect(workers.map(\.hostInstanceId) == ["host-1", "host-1", "host-2", "host-2"])
        #expect(workers.map { $0.relationships.map(\.targetInstanceId) } == [["host-1"], ["host-1"], ["host-2"], ["host-2"]])
        #expect(try plan.install.waits("create worker-3") == ["start host-2"])
    }

    @Test("an uncontained member sharing an outer group with the other member's host is accepted; the inner group is placed on that host")
    func innerGroupOnAHostOfTheOuterGroup() throws {
        let plan = try planBlueprint(PlannerFixtures.fixture("group_in_outer_group.yaml"))
        #expect(plan.instances(of: "vm").map(\.id) == ["vm-1", "vm-2"])
        #expect(plan.instances(of: "app").map(\.hostInstanceId) == ["vm-1", "vm-2"])
        #expect(plan.instances(of: "disk").map(\.id) == ["disk-1", "disk-2"])
        #expect(plan.instance("app-2")?.relationships.map(\.targetInstanceId) == ["vm-2", "disk-2"])
    }
}
