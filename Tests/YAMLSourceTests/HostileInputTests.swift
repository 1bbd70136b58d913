import Foundation
import Testing
@testable import YAMLSource

/// Inputs that once hung, exhausted memory or reached the terminal raw (issue 11).
@Suite struct HostileInputTests {
    @Test func aFIFOWhoseWriterOpensLateIsReadToItsEnd() throws {
        // It was opened without waiting and read as empty ("does not declare
        // tosca_definitions_version") when the writer came after bluevirt had opened it.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bv-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let text = "tosca_definitions_version: cloudify_dsl_1_3\n" + String(repeating: "# padding\n", count: 20_000)
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.5)
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            // In two parts with a pause between: the reader must wait for the end, not a pause.
            let bytes = Array(text.utf8)
            let half = bytes.count / 2
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, half) }
            Thread.sleep(forTimeInterval: 0.3)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + half, bytes.count - half) }
            close(descriptor)
        }
        writer.start()
        guard case .success(let bytes) = SourceFile.read(path, maxBytes: 1 << 20) else {
            Issue.record("the FIFO should be read")
            return
        }
        #expect(String(decoding: bytes, as: UTF8.self) == text)
        // Quoting a line of it later must not wait for a writer that is gone.
        guard case .success(let again) = SourceFile.read(path, maxBytes: 1 << 20, waitingForWriter: false) else {
            Issue.record("the FIFO should read as empty without a writer")
            return
        }
        #expect(again.isEmpty)
    }

    @Test func anEndlessDeviceStopsAtTheSizeLimitAtOnce() {
        // /dev/zero as the blueprint: the read grows its buffer up to the 64 MiB limit and stops;
        // it once took minutes there, growing the buffer byte by byte.
        let start = ContinuousClock.now
        let result = SourceFile.read("/dev/zero", maxBytes: YAMLLimits.standard.maxDocumentBytes)
        guard case .failure(.streamTooLarge) = result else {
            Issue.record("/dev/zero should be refused as too large")
            return
        }
        #expect(ContinuousClock.now - start < .seconds(20))
    }

    @Test func controlCharactersAreEscapedAndLongTextIsShortened() {
        #expect(TerminalText.bounded("a\u{1B}[31mb\u{07}c\rd") == "a\\u{1B}[31mb\\u{7}c\\u{D}d")
        #expect(TerminalText.escapingControls("x\u{85}y") == "x\\u{85}y")
        #expect(TerminalText.escapingControls("line\nnext\tcol") == "line\nnext\tcol")
        #expect(TerminalText.escapingControls("line\nnext", keepingLineBreaks: false) == "line\\u{A}next")
        let long = TerminalText.bounded(String(repeating: "x", count: 10_000_000))
        #expect(long.count < 500)
        #expect(long.contains("characters left out"))
    }

    @Test func aHugeNameInADiagnosticPrintsABoundedExcerpt() {
        let name = String(repeating: "n", count: 1_000_000)
        let text = "type: \(name)\n"
        let diagnostic = Diagnostic.error(.unreadableFile, "unknown node type '\(name)'", at: SourceRange(
            file: "big.yaml", start: SourceLocation(line: 1, column: 7), end: SourceLocation(line: 1, column: 7 + name.count)))
        let printed = DiagnosticPrinter(color: false) { _ in text }.render(diagnostic)
        #expect(printed.utf8.count < 2_000, "printed \(printed.utf8.count) bytes")
    }

    @Test func resourcePathsStayInsideTheBlueprintsFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bv-res-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createSymbolicLink(atPath: base.appendingPathComponent("scripts/shadow").path, withDestinationPath: "/etc/passwd")
        #expect(try ResourcePath.resolve("scripts/a.sh", inside: base.path).get() == base.appendingPathComponent("scripts/a.sh").path)
        #expect(try ResourcePath.resolve(base.path + "/scripts/a.sh", inside: base.path).get() == base.appendingPathComponent("scripts/a.sh").path)
        #expect(ResourcePath.resolve("/etc/passwd", inside: base.path) == .failure(.absolute))
        #expect(ResourcePath.resolve("scripts/../../x", inside: base.path) == .failure(.climbsOut))
        #expect(ResourcePath.resolve("scripts/shadow", inside: base.path) == .failure(.linksOutside(target: "/etc/passwd")))
    }
}
