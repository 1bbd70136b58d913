import Foundation
import Testing
@testable import LibvirtBackend

@Suite struct TestWorldJournalTests {
    private func temporaryWorldPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-journal-\(UUID().uuidString).xml").path
    }

    @Test func changesReadBackInOrderAndAnAppendCutShortCountsForNothing() {
        let changes: [TestWorldJournal.Change] = [
            .domain(name: "web <1>", xml: "<domain><name>web &lt;1&gt;</name></domain>"),
            .network(name: "net", xml: "<network><name>net</name></network>"),
            .pool(name: "pool", xml: "<pool><name>pool</name></pool>", volumes: ["b.img": "<volume>b</volume>", "a.img": "<volume>a</volume>"]),
            .volume(pool: "pool", name: "c.img", xml: "<volume>c</volume>"),
            .domain(name: "web <1>", xml: nil),
        ]
        let bytes = TestWorldJournal.encode(changes)
        var expected = changes
        expected[2] = .pool(name: "pool", xml: "<pool><name>pool</name></pool>", volumes: [:])
        expected.insert(contentsOf: [.volume(pool: "pool", name: "a.img", xml: "<volume>a</volume>"),
                                     .volume(pool: "pool", name: "b.img", xml: "<volume>b</volume>")], at: 3)
        #expect(TestWorldJournal.decode(bytes) == expected)

        let second = TestWorldJournal.encode([.network(name: "other", xml: "<network/>")])
        // A kill anywhere inside the second append leaves exactly the first.
        for cut in [1, second.count / 2, second.count - 1] {
            #expect(TestWorldJournal.decode(bytes + second.prefix(cut)) == expected)
        }
        #expect(TestWorldJournal.decode(bytes + second) == expected + [.network(name: "other", xml: "<network/>")])
    }

    @Test func aWorldOpensAsItsJournalSaysUntilTheRunWritesItWhole() async throws {
        let original = try await LibvirtConnection.open(TestWorld.fixtureWorldURI)
        let path = temporaryWorldPath()
        defer {
            unlink(path)
            unlink(TestWorldJournal.path(ofWorld: path))
        }
        // The world file as a run found it, and the journal that run began and appended to.
        try WorldFile.writeAtomically(try await original.testWorldDocument(), to: path)
        try TestWorldJournal.start(worldPath: path, with: try await original.testWorldParts())
        let network = try await original.defineNetwork(xml: TestWorld.networkXML(name: "journaled-net", bridge: "jnlbr0", subnet: 97))
        try await network.start()
        try TestWorldJournal.append([.network(name: "journaled-net", xml: try await original.testWorldNetwork(named: "journaled-net"))], worldPath: path)

        // Killed here: the file lacks the network, the journal has it.
        let reopened = try await LibvirtConnection.open("test://" + path)
        #expect(try await reopened.network(named: "journaled-net").uuid == network.uuid)
        #expect(reopened.uri == "test://" + path)
        // Opening leaves the file and the journal as they were (readers write nothing).
        #expect(FileManager.default.fileExists(atPath: TestWorldJournal.path(ofWorld: path)))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("journaled-net") == false)

        try WorldFile.writeAtomically(try await reopened.testWorldDocument(), to: path)
        TestWorldJournal.finish(worldPath: path)
        #expect(!FileManager.default.fileExists(atPath: TestWorldJournal.path(ofWorld: path)))
        #expect(try await LibvirtConnection.open("test://" + path).network(named: "journaled-net").uuid == network.uuid)
    }

    /// A world file that cannot be written says what to do, by cause; the message names the
    /// world file, not the temporary file it was written through (removed by then).
    @Test func aFailedWriteSaysWhatToDoAndNamesTheWorldFile() throws {
        let full = WorldFileError(path: "/s/w.xml", operation: "write", code: ENOSPC).description
        #expect(full == "cannot write the simulated world /s/w.xml: No space left on device; free some space on its file system and run the command again (what was recorded is kept)")
        let readOnly = WorldFileError(path: "/s/w.xml", operation: "write", code: EROFS).description
        #expect(readOnly.hasSuffix("make the state directory writable and run the command again (what was recorded is kept)"))

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bluevirt-missing-\(UUID().uuidString)")
        let path = folder.appendingPathComponent("w.xml").path
        #expect(throws: WorldFileError(path: path, operation: "write", code: ENOENT)) {
            try WorldFile.writeAtomically("<node/>", to: path)
        }
    }
}
