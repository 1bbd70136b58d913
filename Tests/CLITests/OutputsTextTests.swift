import StateStore
import Testing
@testable import bluevirt

/// How apply and `bluevirt outputs` print the outputs as text.
@Suite struct OutputsTextTests {
    @Test func aValueOfSeveralLinesIsAnIndentedBlock() {
        let text = ProgressPrinter.outputsText(.object([
            "cloud_config": .string("#cloud-config\nusers:\n- name: debian\n"),
            "ip": .string("192.168.150.11"),
            "ports": .array([.integer(22), .integer(80)]),
            "odd": .string("a\u{1B}[31mred\u{7}"),
        ]))
        #expect(text == """
            outputs:
              cloud_config: |
                #cloud-config
                users:
                - name: debian
              ip: 192.168.150.11
              odd: a\\u{1B}[31mred\\u{7}
              ports: [22,80]

            """)
    }

    /// Any line feed makes a block, a Windows line end (one Character, "\r\n") too, as when the
    /// test was Foundation's `contains("\n")` (the standard library's finds no "\n" Character).
    @Test func aValueWithWindowsLineEndsIsABlock() {
        let text = ProgressPrinter.outputsText(.object(["notes": .string("one\r\ntwo\r\n")]))
        #expect(text.hasPrefix("outputs:\n  notes: |\n"), "\(text)")
    }
}
