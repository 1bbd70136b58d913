import Blueprint
import Engine
import Foundation
import Testing

/// Every example in blueprints/ and the plugin-style fixture: one object per libvirt node
/// instance, every document accepted by libvirt's schemas.
@Suite struct ExampleDocumentsTests {
    static let blueprints = Paths.examples + [Paths.fixture("plugin-style.yaml")]

    @Test func examplesExist() {
        #expect(Paths.examples.count >= 4)
    }

    @Test(arguments: blueprints)
    func oneSchemaValidDocumentPerInstance(_ path: String) throws {
        let blueprint = try #require(BlueprintLoader.load(path: path).blueprint)
        let run = DryRun(blueprint: blueprint, deployment: "demo")
        let plan = try #require(run.plan)
        #expect(errors(run.diagnostics).isEmpty, "\(describe(run.diagnostics))")
        // One object per instance of a cloudify.libvirt.* node template, in the plan's order.
        let libvirtInstances = plan.instances.filter { instance in
            blueprint.nodeTemplates[instance.nodeName]?.typeHierarchy.contains { $0.hasPrefix("cloudify.libvirt.") } ?? false
        }
        #expect(run.documents.objects.map(\.instance) == libvirtInstances.map(\.id))
        #expect(!run.documents.objects.isEmpty)
        for object in run.documents.objects where object.kind != .iso9660 {
            let xml = try #require(object.xml, "\(object.kind) \(object.name) has no document")
            #expect(try schemaProblems(of: xml, kind: object.kind) == nil, "\(object.fileName)")
        }
    }

    @Test func scaledClusterFollowsTheWorkersInput() throws {
        let path = Paths.repositoryRoot.appendingPathComponent("blueprints/scaled-cluster.yaml").path
        let run = try #require(dryRun(path, deployment: "lab", inputs: ["workers=5"]))
        let names = run.documents.objects.filter { $0.kind == .domain }.map(\.name)
        #expect(names == ["lab-head-1", "lab-worker-1", "lab-worker-2", "lab-worker-3", "lab-worker-4", "lab-worker-5"])
        // Every worker is attached to the one network, named as the plan names it.
        for object in run.documents.objects where object.kind == .domain {
            #expect(object.xml?.contains(#"<source network="lab-cluster_net-1"/>"#) == true)
        }
    }

    @Test func pluginStyleBlueprintCountsFollowInstanceExpansion() throws {
        let run = try #require(dryRun(Paths.fixture("plugin-style.yaml")))
        let kinds = Dictionary(grouping: run.documents.objects, by: \.kind).mapValues(\.count)
        #expect(kinds == [.network: 1, .pool: 1, .volume: 2, .iso9660: 1, .domain: 2])
        #expect(run.documents.objects.filter { $0.xml != nil }.count == 6)
        let volumes = run.documents.objects.filter { $0.kind == .volume }
        #expect(volumes.map(\.name) == ["demo-data_disk-1.qcow2", "demo-data_disk-2.qcow2"])
        #expect(volumes.allSatisfy { $0.pool == "demo-base_pool-1" })
        #expect(volumes.map(\.fileName) == ["volume-demo-data_disk-1.qcow2.xml", "volume-demo-data_disk-2.qcow2.xml"])
    }

    @Test func pluginStylePlanCreatesVolumesAfterTheirPoolStarted() throws {
        let run = try #require(dryRun(Paths.fixture("plugin-style.yaml")))
        let install = try #require(run.plan?.install)
        func level(_ description: String) throws -> Int {
            try #require(install.levels.firstIndex { level in level.contains { install[$0].description == description } },
                         "no step '\(description)'")
        }
        #expect(try level("start base_pool-1") < level("create data_disk-1"))
        #expect(try level("create data_disk-1") == level("create data_disk-2"))
        #expect(try level("start data_disk-2") < level("create vm-1"))
        #expect(try level("create vm-1") == level("create vm-2"))
    }
}
