@testable import Engine
import StateStore
import Testing

/// The runtime properties steps read during a run: a snapshot keeps what it saw while later
/// changes (folded into the large dictionary or not) go on.
@Suite struct RuntimeSnapshotTests {
    private static func properties(_ index: Int) -> [String: JSONValue] { ["ip": .string("10.0.0.\(index)")] }

    @Test func aSnapshotKeepsWhatItSawWhileChangesAreFolded() {
        var recorded = RuntimeSnapshot(Dictionary(uniqueKeysWithValues: (0..<100).map { ("vm-\($0)", Self.properties($0)) }))
        let before = recorded
        // 100 instances: the recent changes are folded at the eleventh, and again later.
        for index in 0..<50 { recorded.set(["ip": .string("changed \(index)")], of: "vm-\(index)") }
        recorded.set(["new": .bool(true)], of: "added-1")
        for index in 0..<50 { #expect(recorded["vm-\(index)"] == ["ip": .string("changed \(index)")]) }
        #expect(recorded["vm-50"] == Self.properties(50))
        #expect(recorded["added-1"] == ["new": .bool(true)])
        #expect(before["vm-0"] == Self.properties(0))
        #expect(before["added-1"] == nil)
        let all = recorded.all
        #expect(all.count == 101)
        #expect(all["vm-49"] == ["ip": .string("changed 49")])
        #expect(all["vm-99"] == Self.properties(99))
    }

    @Test func replacingChangesOnlyTheCopy() {
        let recorded: RuntimeSnapshot = ["vm-1": Self.properties(1)]
        let replaced = recorded.replacing("vm-1", with: ["ip": .string("other")])
        #expect(replaced["vm-1"] == ["ip": .string("other")])
        #expect(recorded["vm-1"] == Self.properties(1))
        #expect(replaced.all == ["vm-1": ["ip": .string("other")]])
    }
}
