import Foundation
import Testing
import TestSupport

/// Python scripts in the shapes of the libvirt plugin's examples (disk_prepere.py, copy_disk.py,
/// vm_preconfigure.py, vm_fillip.py), our own, applied and destroyed on the simulated hypervisor
/// through the built binary: inputs copied into runtime properties, nested runtime properties
/// edited in place on both ends of a relationship, `ctx.instance.relationships`, resources, and a
/// script that fails under Python 3 reported with its file and line.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3"), "needs python3"))
struct PythonScriptShapesTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://cloudify.co/spec/cloudify/6.4.0/types.yaml
        inputs:
          fail_on_mac: { default: false }
        node_templates:
          disk:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create:
                  implementation: scripts/prepare.py
                  inputs: { image: base.qcow2, size: 10G }
                configure: scripts/copy.py
          vm:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/vm_create.py
            relationships:
              - type: cloudify.relationships.depends_on
                target: disk
                source_interfaces:
                  cloudify.interfaces.relationship_lifecycle:
                    preconfigure:
                      implementation: scripts/attach.py
                      inputs: { fail_on_mac: { get_input: fail_on_mac } }
          address:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/fill_ip.py
            relationships:
              - { type: cloudify.relationships.depends_on, target: vm }
        outputs:
          disk: { value: { get_attribute: [ disk, copy ] } }
          disk_size: { value: { get_attribute: [ disk, size ] } }
          disk_format: { value: { get_attribute: [ disk, format ] } }
          scratch: { value: { get_attribute: [ disk, scratch ] } }
          attached_to: { value: { get_attribute: [ disk, attached_to ] } }
          params: { value: { get_attribute: [ vm, params ] } }
          ip: { value: { get_attribute: [ address, ip ] } }
          kinds: { value: { get_attribute: [ address, kinds ] } }
        """

    private static let scripts: [String: String] = [
        "prepare.py": """
            from cloudify import ctx
            from cloudify.state import ctx_parameters as inputs

            if __name__ == '__main__':
                for key in ['image', 'size', 'missing']:
                    if key in inputs:
                        ctx.instance.runtime_properties[key] = inputs[key]
                ctx.instance.runtime_properties['scratch'] = True
            """,
        "copy.py": """
            #!/usr/bin/env python
            import os
            from cloudify import ctx
            from cloudify import exceptions

            if __name__ == '__main__':
                props = ctx.instance.runtime_properties
                if 'image' not in props:
                    raise exceptions.NonRecoverableError('no image')
                folder = props.get('storage_path', '/var/lib/disks')
                props['copy'] = '{}/{}.qcow2'.format(folder, ctx.instance.id)
                props.setdefault('size', '1G')
                del props['scratch']
                props.update({'format': 'qcow2'})
                with open(ctx.download_resource('files/meta.txt')) as meta:
                    props['meta'] = meta.read().strip()
                assert ctx.get_resource('files/meta.txt') == b'seed\\n'
                ctx.logger.info('copied %s (%s) in %s of %s', props['copy'], props['size'], ctx.operation.name, ctx.blueprint.id)
            """,
        "vm_create.py": """
            from cloudify import ctx

            ctx.instance.runtime_properties['params'] = {'networks': [{'network': 'default'}, {'network': 'lan', 'mac': '52:54:00:aa:bb:cc'}]}
            ctx.instance.runtime_properties['ip'] = '10.0.0.7'
            """,
        "attach.py": """
            from cloudify import ctx
            from cloudify.state import ctx_parameters as inputs
            import time

            if __name__ == '__main__':
                ctx.logger.info('attach {} to {}'.format(repr(ctx.source.instance.id), repr(ctx.target.instance.id)))
                if 'params' not in ctx.source.instance.runtime_properties:
                    ctx.source.instance.runtime_properties['params'] = {}
                ctx.source.instance.runtime_properties['params']['disks'] = []
                disks = ctx.source.instance.runtime_properties['params']['disks']
                disks.append({'bus': 'virtio', 'file': ctx.target.instance.runtime_properties.get('copy')})
                for network in ctx.source.instance.runtime_properties['params'].get('networks'):
                    if not network.get('type'):
                        network['type'] = 'virtio'
                    if not network.get('mac'):
                        counter = 0x123456 if not inputs['fail_on_mac'] else time.time() * 1000
                        network['mac'] = '52:54:00:%02x:%02x:%02x' % (counter // 65536 % 256, counter // 256 % 256, counter % 256)
                ctx.source.instance.runtime_properties._set_changed()
                ctx.target.instance.runtime_properties['attached_to'] = ctx.source.instance.id
            """,
        "fill_ip.py": """
            from cloudify import ctx

            if __name__ == '__main__':
                props = ctx.instance.runtime_properties
                props['kinds'] = []
                for relationship in ctx.instance.relationships:
                    if relationship.type in ['cloudify.relationships.contained_in', 'cloudify.relationships.depends_on']:
                        ip = relationship.target.instance.runtime_properties.get('ip')
                        if ip:
                            props['ip'] = ip
                        props['kinds'].append(relationship.target.node.type)
            """,
    ]

    private static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-pyshapes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("files"), withIntermediateDirectories: true)
        try Self.blueprint.write(to: folder.appendingPathComponent("machines.yaml"), atomically: true, encoding: .utf8)
        try "seed\n".write(to: folder.appendingPathComponent("files/meta.txt"), atomically: true, encoding: .utf8)
        for (name, text) in Self.scripts {
            // Not executable and no #! line, as the examples' scripts: run with python3 for their .py.
            try text.write(to: folder.appendingPathComponent("scripts/\(name)"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func theExamplesShapesApplyAndDestroy() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blueprint = folder.appendingPathComponent("machines.yaml").path
        let state = folder.appendingPathComponent("state").path

        let apply = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--state-dir", state])
        #expect(apply.status == 0, "\(apply.standardOutput)\(apply.standardError)")
        #expect(apply.standardError.contains("[info] copied /var/lib/disks/disk-1.qcow2 (10G) in cloudify.interfaces.lifecycle.configure of \(folder.lastPathComponent)"),
                "\(apply.standardError)")

        let outputs = try BluevirtProcess.run(["outputs", "-d", "machines", "--state-dir", state, "--json"])
        let values = try #require(try JSONSerialization.jsonObject(with: Data(outputs.standardOutput.utf8)) as? [String: Any], "\(outputs.standardError)")
        #expect(values["disk"] as? String == "/var/lib/disks/disk-1.qcow2")
        #expect(values["disk_size"] as? String == "10G")
        #expect(values["attached_to"] as? String == "vm-1", "the target's runtime property written by the relationship's script")
        let params = try #require(values["params"] as? [String: Any])
        let disks = try #require(params["disks"] as? [[String: Any]])
        #expect(disks.first?["file"] as? String == "/var/lib/disks/disk-1.qcow2")
        let networks = try #require(params["networks"] as? [[String: Any]])
        #expect(networks.map { $0["mac"] as? String } == ["52:54:00:12:34:56", "52:54:00:aa:bb:cc"])
        #expect(networks.map { $0["type"] as? String } == ["virtio", "virtio"])
        #expect(values["ip"] as? String == "10.0.0.7")
        #expect(values["kinds"] as? [String] == ["cloudify.nodes.Root"])

        #expect(values["disk_format"] as? String == "qcow2")
        #expect(values["scratch"] is NSNull, "a runtime property the script deleted is gone")

        let destroy = try BluevirtProcess.run(["destroy", "-d", "machines", "--state-dir", state])
        #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
    }

    @Test func aScriptThatFailsUnderPython3NamesItsLineAndDestroyCleansUp() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blueprint = folder.appendingPathComponent("machines.yaml").path
        let state = folder.appendingPathComponent("state").path

        let apply = try BluevirtProcess.run(["apply", blueprint, "--simulate", "--state-dir", state, "--input", "fail_on_mac=true"])
        let text = apply.standardOutput + apply.standardError
        #expect(apply.status == 1, "\(text)")
        #expect(text.contains("script 'scripts/attach.py' exited with status 1: TypeError at scripts/attach.py, line 17"), "\(text)")
        #expect(text.contains("%x format: an integer is required, not float"), "\(text)")
        #expect(!text.contains("Fatal error"), "\(text)")

        let destroy = try BluevirtProcess.run(["destroy", "-d", "machines", "--state-dir", state])
        #expect(destroy.status == 0, "\(destroy.standardOutput)\(destroy.standardError)")
        let list = try BluevirtProcess.run(["list", "--state-dir", state])
        #expect(list.standardOutput.contains("machines  uninstalled"), "\(list.standardOutput)")
    }
}
