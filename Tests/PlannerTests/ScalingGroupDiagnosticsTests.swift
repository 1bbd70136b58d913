import Testing
import YAMLSource
import Blueprint
import Planner

@Suite("Scaling group diagnostics")
struct ScalingGroupDiagnosticsTests {
    /// Plans a fixture that loads cleanly but cannot be planned: no plan, and the diagnostics.
    private func refused(_ fixture: String) throws -> (blueprint: Blueprint, diagnostics: [Diagnostic]) {
        let blueprint = try loadBlueprint(PlannerFixtures.fixture(fixture))
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        return (blueprint, result.diagnostics)
    }

    @Test("groups that hold each other are BV0708, naming the loop")
    func loop() throws {
        let (blueprint, diagnostics) = try refused("group_loop.yaml")
        #expect(diagnostics.map(\.code) == [.scalingGroupCycle])
        #expect(diagnostics.first?.message == "scaling groups are members of each other in a loop: outer -> inner -> outer")
        #expect(diagnostics.first?.range == blueprint.groups["outer"]?.nameRange)
        #expect(diagnostics.first?.notes.contains { $0.message == "'inner' is a member of 'outer'" } == true)
    }

    @Test("a node template in two scaling groups is BV0709 at the second group")
    func memberOfTwoGroups() throws {
        let (blueprint, diagnostics) = try refused("group_twice.yaml")
        #expect(diagnostics.map(\.code) == [.memberOfSeveralScalingGroups])
        #expect(diagnostics.first?.message == "'vm' is a member of scaling groups 'machines' and 'storage'")
        #expect(diagnostics.first?.range == blueprint.groups["storage"]?.nameRange)
        #expect(diagnostics.first?.notes.first?.range == blueprint.groups["machines"]?.nameRange)
    }

    @Test("members of a group that share no host (one contained, one not) are BV0710, as Cloudify refuses them")
    func noCommonHost() throws {
        let (blueprint, diagnostics) = try refused("group_without_host.yaml")
        #expect(diagnostics.map(\.code) == [.scalingGroupWithoutCommonHost])
        #expect(diagnostics.first?.message == "'app' and 'disk' are in scaling group 'pair' but are not contained in a common node template")
        #expect(diagnostics.first?.range == blueprint.groups["pair"]?.nameRange)
        let notes = diagnostics.first?.notes.map(\.message) ?? []
        #expect(notes.prefix(2) == ["'app' is contained in 'vm'", "'disk' is contained in no node template"])
    }

    @Test("members contained in two different hosts are BV0710: a group instance needs one host instance")
    func twoHosts() throws {
        let (_, diagnostics) = try refused("group_two_hosts.yaml")
        #expect(diagnostics.map(\.code) == [.scalingGroupWithoutCommonHost])
        #expect(diagnostics.first?.message == "'app' and 'job' are in scaling group 'pair' but are contained in different node templates")
    }

    @Test("all_to_one between members of one group is BV0711 at the connection_type")
    func allToOneInsideAGroup() throws {
        let (blueprint, diagnostics) = try refused("group_all_to_one.yaml")
        #expect(diagnostics.map(\.code) == [.allToOneInScalingGroup])
        #expect(diagnostics.first?.message == "the relationship from 'vm' to 'disk' is all_to_one, but both are in scaling group 'pair'")
        #expect(diagnostics.first?.range == blueprint.nodeTemplates["vm"]?.relationships[0].properties["connection_type"]?.range)
    }

    @Test("a group targeted by two scaling policies is BV0712")
    func twoPolicies() throws {
        let (blueprint, diagnostics) = try refused("group_two_policies.yaml")
        #expect(diagnostics.map(\.code) == [.groupOfSeveralScalingPolicies])
        #expect(diagnostics.first?.message == "group 'machines' is the target of scaling policies 'few' and 'many', so its count is ambiguous")
        #expect(diagnostics.first?.range == blueprint.policies["many"]?.nameRange)
    }

    @Test("a group count from an input above max_instances is BV0703 at the count")
    func groupCountOutOfRange() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("scaling_group.yaml"))
        var policy = try #require(blueprint.policies["scale"])
        let count = try #require(policy.properties["default_instances"])
        policy.properties["max_instances"] = Expression(value: .int(2), range: policy.nameRange)
        blueprint.policies["scale"] = policy
        blueprint.inputValues["machines"] = .int(3)
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [.instanceCountOutOfRange])
        #expect(result.diagnostics.first?.message == "default_instances of scaling group 'vm_group' is 3, more than max_instances (2)")
        #expect(result.diagnostics.first?.range == count.range)
    }

    @Test("group counts multiply into the instance limit (BV0706)")
    func tooManyThroughGroups() throws {
        var blueprint = try loadBlueprint(PlannerFixtures.fixture("nested_groups.yaml"))
        for name in ["racks", "volume_sets"] {
            var policy = try #require(blueprint.policies[name])
            policy.properties["default_instances"] = Expression(value: .int(1_000), range: policy.nameRange)
            blueprint.policies[name] = policy
        }
        let result = Planner.plan(blueprint)
        #expect(result.plan == nil)
        #expect(result.diagnostics.map(\.code) == [.tooManyInstances])
        #expect(result.diagnostics.first?.message.contains("1000 in each of 1000 instances of scaling group 'rack'") == true)
    }
}
