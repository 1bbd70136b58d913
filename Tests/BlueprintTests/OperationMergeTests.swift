import Testing
import YAMLSource
@testable import Blueprint

@Suite("Operation merging")
struct OperationMergeTests {
    let range = SourceRange.wholeFile("test.yaml")

    func operation(_ implementation: String?, inputs: [String: String], retries: Int? = nil) -> Operation {
        var table = NameTable<Expression>()
        for (name, text) in inputs.sorted(by: { $0.key < $1.key }) {
            table[name] = Expression(value: .string(text), range: range)
        }
        return Operation(name: "create", implementation: implementation, inputs: table, inputSchemas: NameTable(),
                         executor: nil, maxRetries: retries, retryInterval: nil, range: range)
    }

    @Test("an override without implementation keeps the implementation and adds its inputs over the inherited ones")
    func inputsOnly() {
        let inherited = operation("libvirt.tasks.create", inputs: ["params": "type", "template_resource": "a.xml"], retries: 3)
        let merged = inherited.overridden(by: operation(nil, inputs: ["params": "template"]))
        #expect(merged.implementation == "libvirt.tasks.create")
        #expect(merged.inputs["params"]?.literalValue == .string("template"))
        #expect(merged.inputs["template_resource"]?.literalValue == .string("a.xml"))
        #expect(merged.maxRetries == 3)
    }

    @Test("an override with another implementation replaces the operation, inputs included")
    func otherImplementation() {
        let inherited = operation("libvirt.tasks.create", inputs: ["params": "type"])
        let merged = inherited.overridden(by: operation("scripts/create.sh", inputs: ["X": "1"]))
        #expect(merged.implementation == "scripts/create.sh")
        #expect(merged.inputs.names == ["X"])
    }

    @Test("relationship types flatten their source and target interfaces; a relationship adds its own")
    func relationshipInterfaces() throws {
        let files = TemporaryBlueprints()
        defer { files.remove() }
        files.write("scripts/attach.sh", "#!/bin/sh\n")
        files.write("scripts/report.sh", "#!/bin/sh\n")
        let loaded = files.load("main.yaml", libvirtHeader + """
            relationships:
              lab.attached_to:
                derived_from: cloudify.libvirt.relationships.connected_to
                source_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    preconfigure: scripts/attach.sh
            node_templates:
              net: {type: cloudify.libvirt.network}
              vm:
                type: cloudify.libvirt.domain
                relationships:
                  - type: lab.attached_to
                    target: net
                    target_interfaces:
                      cloudify.interfaces.relationship_lifecycle:
                        postconfigure:
                          implementation: scripts/report.sh
                          inputs: {who: {get_property: [SOURCE, libvirt_auth]}}
            """)
        #expect(loaded.diagnostics.errors.isEmpty, "\(loaded.diagnostics)")
        let blueprint = try #require(loaded.blueprint)
        let type = try #require(blueprint.relationshipTypes["lab.attached_to"])
        #expect(type.hierarchy == ["lab.attached_to", "cloudify.libvirt.relationships.connected_to",
                                   "cloudify.relationships.connected_to", "cloudify.relationships.depends_on"])
        #expect(type.properties.contains("connection_type"))
        let relationship = try #require(blueprint.nodeTemplates["vm"]?.relationships.first)
        let source = relationship.sourceInterfaces["cloudify.interfaces.relationship_lifecycle"]
        #expect(source?.operations["preconfigure"]?.implementation == "scripts/attach.sh")
        let target = relationship.targetInterfaces["cloudify.interfaces.relationship_lifecycle"]
        #expect(target?.operations["postconfigure"]?.implementation == "scripts/report.sh")
        #expect(target?.operations["establish"] != nil)
        #expect(relationship.properties["connection_type"]?.literalValue == .string("all_to_all"))
    }
}
