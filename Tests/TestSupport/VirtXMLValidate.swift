import Foundation

/// libvirt's own RelaxNG check of a document, `virt-xml-validate FILE SCHEMA` (Debian's
/// libvirt-clients, running xmllint from libxml2-utils), for the tests of every target that
/// renders libvirt XML.
public enum VirtXMLValidate {
    /// nil when the document is valid against `schema` (domain, network, storagepool,
    /// storagevol), else what the validator said, or what is missing to run it.
    public static func problems(of xml: String, schema: String) throws -> String? {
        guard let validator = ["/usr/bin/virt-xml-validate", "/usr/local/bin/virt-xml-validate"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return "virt-xml-validate is not installed: run scripts/setup.sh (it installs Debian's libvirt-clients)"
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint") else {
            return "xmllint, which virt-xml-validate runs, is not installed: run scripts/setup.sh (it installs Debian's libxml2-utils)"
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-schema-\(UUID().uuidString).xml")
        try xml.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        // The validator's output goes to a file: reading a pipe from many concurrent tests can be
        // interrupted (EINTR), which Foundation's FileHandle turns into a crash.
        let log = file.appendingPathExtension("log")
        try Data().write(to: log)
        defer { try? FileManager.default.removeItem(at: log) }
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: validator)
        process.arguments = [file.path, schema]
        process.standardOutput = output
        process.standardError = output
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus == 0 { return nil }
        return (try? String(contentsOf: log, encoding: .utf8)) ?? "exit status \(process.terminationStatus)"
    }
}
