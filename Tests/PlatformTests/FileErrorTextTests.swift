import Testing
import Platform

@Suite("file error text")
struct FileErrorTextTests {
    @Test("a failed file operation is its path and the system's words")
    func fileOperation() {
        do {
            _ = try String(contentsOfFile: "/nonexistent-bluevirt/file", encoding: .utf8)
            Issue.record("reading a missing file succeeded")
        } catch {
            #expect(FileErrorText.of(error) == "/nonexistent-bluevirt/file: No such file or directory")
        }
        do {
            try FileManager.default.createDirectory(atPath: "/proc/bluevirt/x", withIntermediateDirectories: true)
            Issue.record("creating a directory under /proc succeeded")
        } catch {
            #expect(FileErrorText.of(error) == "/proc/bluevirt: No such file or directory")
        }
    }

    @Test("other errors are as SystemErrorText gives them")
    func otherErrors() {
        struct Problem: Error, CustomStringConvertible { var description: String { "a problem" } }
        #expect(FileErrorText.of(Problem()) == "a problem")
        #expect(FileErrorText.of(POSIXError(.EACCES)) == "Permission denied")
    }
}
