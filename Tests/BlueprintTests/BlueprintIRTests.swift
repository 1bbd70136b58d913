import Testing
import YAMLSource
@testable import Blueprint

@Suite("Blueprint IR")
struct BlueprintIRTests {
    let files = TemporaryBlueprints()

    @Test("node types are flattened along derived_from: properties and operations inherited and overridden")
    func flattening() throws {
        defer { files.remove() }
        files.write("scripts/start_worker.sh", "#!/bin/sh\n")
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_types:
              lab.Worker:
                derived_from: cloudify.libvirt.domain
                properties:
                  role: {default: worker}
                  libvirt_auth: {default: 'qemu+ssh://root@lab/system'}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    start: scripts/start_worker.sh
            node_templates:
              w:
                type: lab.Worker
            """)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let blueprint = try #require(loaded.blueprint)
        let worker = try #require(blueprint.nodeTypes["lab.Worker"])
        #expect(worker.hierarchy == ["lab.Worker", "cloudify.libvirt.domain", "cloudify.nodes.Compute", "cloudify.nodes.Root"])
        #expect(worker.properties.contains("params"))
        #expect(worker.properties.contains("agent_config"))
        #expect(worker.properties["libvirt_auth"]?.default?.literalValue == .string("qemu+ssh://root@lab/system"))
        let lifecycle = try #require(worker.interfaces["cloudify.interfaces.lifecycle"])
        #expect(lifecycle.operations["start"]?.implementation == "scripts/start_worker.sh")
        #expect(lifecycle.operations["create"]?.implementation == "libvirt.cloudify_libvirt.domain_tasks.create")
        // The template gets the type's defaults as its property values.
        let template = try #require(blueprint.nodeTemplates["w"])
        #expect(template.properties["role"]?.literalValue == .string("worker"))
        #expect(template.isA("cloudify.nodes.Compute"))
    }

    @Test("params as a property and as operation inputs are both kept; a template's inputs keep the type's implementation")
    func libvirtParams() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: {vcpu: 1, memory_size: 524288}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params: {vcpu: 4}
                    configure:
                      inputs:
                        params: {domain_type: kvm}
                      max_retries: 5
            """)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let vm = try #require(loaded.blueprint?.nodeTemplates["vm"])
        let params = try #require(vm.libvirtParams)
        #expect(params.property?.mapEntries?.map(\.key) == ["vcpu", "memory_size"])
        #expect(params.operationInputs.map(\.operation) == ["create", "configure"])
        let create = try #require(vm.interfaces["cloudify.interfaces.lifecycle"]?.operations["create"])
        #expect(create.implementation == "libvirt.cloudify_libvirt.domain_tasks.create")
        #expect(create.inputs["params"]?.mapEntries?.map(\.key) == ["vcpu"])
        #expect(create.inputs.contains("template_resource"))
        #expect(vm.interfaces["cloudify.interfaces.lifecycle"]?.operations["configure"]?.maxRetries == 5)
    }

    @Test("params given only as an operation input satisfy the type; a typo in them is caught")
    func paramsTypoInOperationInput() {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params:
                          memmory_size: 524288
            """)
        let errors = loaded.diagnostics.errors
        #expect(errors.count == 1)
        #expect(errors.first?.range.start.line == 13)
        #expect(errors.first?.notes.contains { $0.message == "did you mean 'memory_size'?" } == true)
    }

    @Test("relationships, instances, outputs, groups and policies are kept with their ranges")
    func sections() throws {
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            inputs:
              count: {type: integer, default: 2}
            node_templates:
              net:
                type: cloudify.libvirt.network
              vm:
                type: cloudify.libvirt.domain
                capabilities:
                  scalable:
                    properties:
                      default_instances: {get_input: count}
                      max_instances: 5
                relationships:
                  - type: cloudify.libvirt.relationships.connected_to
                    target: net
            groups:
              vms: {members: [vm]}
            policies:
              scale: {type: cloudify.policies.scaling, targets: [vms], properties: {default_instances: 2}}
            outputs:
              ip: {description: address, value: {get_attribute: [vm, ip]}}
            workflows:
              reboot: libvirt.cloudify_libvirt.workflows.reboot
            """)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let blueprint = try #require(loaded.blueprint)
        let vm = try #require(blueprint.nodeTemplates["vm"])
        #expect(vm.relationships.first?.target == "net")
        #expect(vm.relationships.first?.isA(BaseRelationship.connectedTo) == true)
        #expect(vm.relationships.first?.targetRange.start.line == 19)
        #expect(vm.instances.defaultInstances?.containsFunctions == true)
        #expect(vm.instances.maxInstances?.literalValue == .int(5))
        #expect(blueprint.groups["vms"]?.members == ["vm"])
        #expect(blueprint.policies["scale"]?.targets == ["vms"])
        #expect(blueprint.outputs["ip"]?.description == "address")
        #expect(blueprint.workflows["reboot"]?.mapping == "libvirt.cloudify_libvirt.workflows.reboot")
        #expect(blueprint.workflows["install"] != nil)
        #expect(blueprint.inputValues["count"] == .int(2))
        #expect(blueprint.dslVersion == .v1_3)
    }

    @Test("provided inputs are bound; a missing required input is an error at its declaration")
    func inputs() {
        defer { files.remove() }
        let text = libvirtHeader + """
            inputs:
              name: {type: string}
            node_templates:
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: {name: {get_input: name}}
            """
        let missing = files.load("main.yaml", text)
        #expect(missing.diagnostics.errors.count == 1)
        #expect(missing.diagnostics.errors.first?.range.start.line == 6)
        let (given, _) = ProvidedInput.parse(assignment: "name=web1")
        let bound = files.load("main.yaml", text, inputs: [given].compactMap { $0 })
        #expect(bound.diagnostics.errors.isEmpty)
        #expect(bound.blueprint?.inputValues["name"] == .string("web1"))
    }
}

@Suite("Libvirt params")
struct LibvirtParamsTests {
    @Test("params merge key by key, operation inputs over the property, runtime values pending")
    func merged() throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        let loaded = files.load("main.yaml", libvirtHeader + """
            inputs:
              cpus: {default: 4}
            node_templates:
              net: {type: cloudify.libvirt.network}
              vm:
                type: cloudify.libvirt.domain
                properties:
                  params: {vcpu: 1, memory_size: 524288}
                interfaces:
                  cloudify.interfaces.lifecycle:
                    create:
                      inputs:
                        params: {vcpu: {get_input: cpus}}
                    configure:
                      inputs:
                        params:
                          networks: [{network: {get_attribute: [net, resource_id]}}]
            """)
        let blueprint = try #require(loaded.blueprint, "\(loaded.diagnostics)")
        let vm = try #require(blueprint.nodeTemplates["vm"])
        let evaluator = Evaluator(blueprint: blueprint, secrets: Secrets())
        let params = try #require(vm.libvirtParams).merged(by: evaluator, node: "vm")
        guard case .map(let entries) = params else {
            Issue.record("expected a partly known map, got \(params)")
            return
        }
        #expect(entries.map(\.key) == ["vcpu", "memory_size", "networks"])
        #expect(entries[0].value == .known(.int(4)))
        #expect(entries[1].value == .known(.int(524288)))
        #expect(entries[2].value.isKnown == false)
    }
}
