import Rendering
import Testing
@testable import Engine

@Suite struct ObjectNamingTests {
    let identity = InstanceIdentity(deployment: "demo", node: "web", instance: "web-2")

    @Test func nameWinsOverResourceIdAndDefault() {
        let naming = ObjectNaming.name(kind: .domain, values: ["name": "front", "resource_id": "other"], identity: identity)
        #expect(naming.name == "front")
        #expect(naming.parameter == "name")
        #expect(naming.isKnown)
    }

    @Test func resourceIdNamesWhenNameIsEmpty() {
        let naming = ObjectNaming.name(kind: .domain, values: ["name": "", "resource_id": "legacy"], identity: identity)
        #expect(naming.name == "legacy")
        #expect(naming.parameter == "resource_id")
    }

    @Test func defaultIsDeploymentAndInstance() {
        #expect(ObjectNaming.name(kind: .network, values: [:], identity: identity).name == "demo-web-2")
        #expect(ObjectNaming.name(kind: .volume, values: [:], identity: identity).name == "demo-web-2.qcow2")
        #expect(ObjectNaming.name(kind: .volume, values: ["format": "raw"], identity: identity).name == "demo-web-2.raw")
    }

    @Test func runTimeNameIsNotKnown() {
        let naming = ObjectNaming.name(kind: .domain, values: ["name": .pending("get_attribute: [x, y]")], identity: identity)
        #expect(!naming.isKnown)
        #expect(naming.name == "${get_attribute: [x, y]}")
    }

    @Test func defaultDeploymentNameIsTheFileStem() {
        #expect(DeploymentName.default(forBlueprint: "blueprints/two-vms-one-network.yaml") == "two-vms-one-network")
        #expect(DeploymentName.default(forBlueprint: "app.v2.yml") == "app.v2")
    }
}
