import Foundation
import Testing
import TestSupport

/// A function that cannot be evaluated with the values a run gives it (a string_split index
/// read from a runtime property that is text) is an error naming the output or the operation
/// input and the place, not a null without a word or "no value yet".
@Suite struct UnevaluableOutputTests {
    private static let blueprint = """
        tosca_definitions_version: cloudify_dsl_1_3
        imports:
          - http://www.getcloudify.org/spec/cloudify/5.0.5/types.yaml
        node_templates:
          a:
            type: cloudify.nodes.Root
            interfaces:
              cloudify.interfaces.lifecycle:
                create: scripts/set.sh
        outputs:
          part: { value: { string_split: [ "a,b,c", ",", { get_attribute: [ a, index ] } ] } }
          all: { value: [ { get_attribute: [ a, index ] }, { string_upper: { get_attribute: [ a, index ] } }, { string_split: [ "a,b", ",", { get_attribute: [ a, index ] } ] } ] }
          missing: { value: { get_attribute: [ a, nothing ] } }
        """

    @Test func anOutputThatCannotBeEvaluatedIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-unevaluable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        let blueprint = folder.appendingPathComponent("split.yaml")
        try Self.blueprint.write(to: blueprint, atomically: true, encoding: .utf8)
        let script = folder.appendingPathComponent("scripts/set.sh")
        try "#!/bin/sh\nset -eu\nctx instance runtime-properties index one\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let state = folder.appendingPathComponent("state")

        let apply = try BluevirtProcess.run(["apply", blueprint.path, "--simulate", "--state-dir", state.path])
        #expect(apply.status == 0, "the deployment is applied: \(apply.standardOutput)\(apply.standardError)")
        #expect(apply.standardError.contains(
            "error: \(blueprint.path):11:50: output 'part' cannot be evaluated: argument 3 of string_split must be an integer, but it is a string (\"one\")"),
            "\(apply.standardError)")
        #expect(apply.standardError.contains(":12:133:") && apply.standardError.contains("output 'all' cannot be evaluated"), "\(apply.standardError)")
        #expect(!apply.standardError.contains("output 'missing'"), "an attribute not set is null, as in Cloudify")
        #expect(apply.standardOutput.contains("part: null"))
    }
}
