import Foundation
import Testing
import TestSupport
@testable import bluevirt

/// A big blueprint's heap is advised for huge pages, a small one's is not: seen from outside,
/// in the system calls of a real `bluevirt validate` (the heap grows by the break on the main
/// thread only, which a test's own thread is not).
@Suite struct MallocTuningTests {
    static let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The lengths of the ranges `bluevirt validate BLUEPRINT` advised for huge pages.
    static func advisedLengths(validating blueprint: String) throws -> [Int] {
        let trace = blueprint + ".trace"
        let result = try BluevirtProcess.runTool(strace!, ["-e", "trace=madvise", "-o", trace, BluevirtProcess.binary.path, "validate", blueprint])
        #expect(result.status == 0, "\(result.standardError)")
        // madvise(0x5650b2800000, 31457280, MADV_HUGEPAGE) = 0
        return try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("MADV_HUGEPAGE") && $0.hasSuffix("= 0") }
            .compactMap { line in line.split(separator: ",").dropFirst().first.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } }
    }

    /// A valid blueprint of `bytes` bytes or a few more: one node template and a comment.
    static func blueprint(of bytes: Int, at path: String) throws {
        let head = """
            tosca_definitions_version: cloudify_dsl_1_4
            imports:
              - http://www.getcloudify.org/spec/cloudify/6.4.0/types.yaml
              - plugin:cloudify-libvirt-plugin
            node_templates:
              net:
                type: cloudify.libvirt.network

            """
        let line = "# " + String(repeating: "x", count: 97) + "\n"
        let text = head + String(repeating: line, count: max(0, bytes - head.utf8.count) / line.utf8.count + 1)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test(.enabled(if: strace != nil, "strace is not installed (scripts/setup.sh installs it)"),
          .enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel/mm/transparent_hugepage/enabled"),
                   "the kernel was built without transparent huge pages"))
    func aBigBlueprintsHeapIsAdvisedForHugePagesAndASmallOnesIsNot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("malloc-tuning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = directory.appendingPathComponent("small.yaml").path
        let big = directory.appendingPathComponent("big.yaml").path
        try Self.blueprint(of: 100_000, at: small)
        try Self.blueprint(of: MallocTuning.hugePagesFromBlueprintBytes, at: big)

        #expect(try Self.advisedLengths(validating: small) == [])
        let advised = try Self.advisedLengths(validating: big)
        let hugePage = 2 * 1024 * 1024
        #expect(advised.count == 1, "\(advised)")
        // Whole huge pages, together about what the blueprint's checking is expected to take.
        #expect(advised.allSatisfy { $0 > 0 && $0 % hugePage == 0 }, "\(advised)")
        #expect(advised.reduce(0, +) >= MallocTuning.hugePagesFromBlueprintBytes * MallocTuning.heapBytesPerBlueprintByte - 2 * hugePage, "\(advised)")
    }
}
