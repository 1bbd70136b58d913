import Foundation
import Rendering
import Testing

/// Beyond the RelaxNG schemas: libvirt's own parser, in its built-in test driver (no daemon,
/// no hypervisor), accepts the documents and keeps what matters, metadata included.
@Suite("libvirt's test driver accepts the documents")
struct LibvirtTestDriverTests {
    @Test("define a QEMU and a test domain, a network, a pool and a volume with virsh -c test:///default")
    func defineAll() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/virsh") else {
            Issue.record("virsh is not installed: run scripts/setup.sh (it installs Debian's libvirt-clients)")
            return
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-virsh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let documents: [(String, String)] = [
            ("qemu.xml", renderXML(.domain, driver: .qemu, BuiltinTemplateSchemaTests.maximalDomain(for: .qemu))),
            ("test.xml", renderXML(.domain, driver: .test, BuiltinTemplateSchemaTests.maximalDomain(for: .test))),
            ("network.xml", renderXML(.network, ["name": "lan", "forward": "nat", "ips": [["address": "192.168.177.1", "dhcp": [
                "start": "192.168.177.2", "end": "192.168.177.9", "hosts": [["mac": "52:54:00:00:00:01", "name": "web-1", "ip": "192.168.177.5"]],
            ]]]])),
            ("pool.xml", renderXML(.pool, ["name": "images", "path": "/var/lib/bluevirt/images", "capacity": 1])),
            ("volume.xml", renderXML(.volume, ["name": "web.qcow2", "capacity": 16, "backing_store": "/var/lib/bluevirt/base.qcow2"])),
        ]
        for (name, xml) in documents { try xml.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let script = [
            "define --validate qemu.xml", "define --validate test.xml", "net-define --validate network.xml",
            "net-dumpxml lan", "pool-define --validate pool.xml", "vol-create default-pool volume.xml",
            "vol-dumpxml --pool default-pool web.qcow2",
        ].joined(separator: "; ")
        let log = directory.appendingPathComponent("virsh.log")
        try Data().write(to: log)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/virsh")
        process.arguments = ["-c", "test:///default", script]
        process.currentDirectoryURL = directory
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "virsh failed:\n\(text)")
        #expect(text.contains("Domain 'web-max' defined from qemu.xml"))
        #expect(text.contains("Domain 'web-max' defined from test.xml"))
        #expect(text.contains(#"<bluevirt:instance xmlns:bluevirt="https://bluevirt.dev/xmlns/instance/1" deployment="demo" node="web" instance="web-1"/>"#))
        #expect(text.contains("<host mac='52:54:00:00:00:01' name='web-1' ip='192.168.177.5'/>"))
        #expect(text.contains("<path>/var/lib/bluevirt/base.qcow2</path>"))
    }
}
