import Foundation
@testable import StateStore

/// A state store on a fresh SQLite file in a temporary directory, with one deployment
/// `web` and two registered node instances, `net-1` and `vm-1`.
struct StoreFixture {
    let directory: TemporaryDirectory
    let store: StateStore
    static let deployment = "web"

    init(durability: Durability = .powerLoss) throws {
        directory = try TemporaryDirectory()
        store = try StateStore(location: StateLocation(directory: directory.url.appendingPathComponent("state"), source: .option), durability: durability)
    }

    static func withDeployment(durability: Durability = .powerLoss) throws -> StoreFixture {
        let fixture = try StoreFixture(durability: durability)
        try fixture.store.saveDeployment(name: deployment, blueprintPath: "/blueprints/web.yaml", blueprintDigest: "sha256:b1", inputsDigest: "sha256:i1")
        try fixture.store.registerNodeInstances([
            NodeInstanceRecord(
                deployment: deployment, instanceID: "net-1", nodeName: "net", type: "cloudify.libvirt.network",
                connectionURI: "qemu:///system", objectKind: "network", objectName: "web-net"),
            NodeInstanceRecord(
                deployment: deployment, instanceID: "vm-1", nodeName: "vm", type: "cloudify.libvirt.domain",
                connectionURI: "qemu+ssh://root@host2/system", objectKind: "domain", objectName: "web-vm-1"),
        ])
        return fixture
    }
}
