@testable import Engine
import Foundation
import Testing

/// The host name a seed image gives a node: letters, digits and dashes, no dash at either end,
/// at most 63 characters; as it was with Foundation's trimming of dashes.
@Suite struct SeedHostnameTests {
    @Test(arguments: ["--Web_1.Example--", "db", "___", "", "-", "Ünïcode-Näme", "a--b", String(repeating: "x-", count: 40), "-\u{301}a"])
    func aNameBecomesWhatDNSAllows(name: String) {
        let mapped = String(name.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "-" })
        let expected = String(mapped.trimmingCharacters(in: ["-"]).prefix(63))
        #expect(SeedContents.hostname(name) == expected)
    }

    @Test func examples() {
        #expect(SeedContents.hostname("--Web_1.Example--") == "web-1-example")
        #expect(SeedContents.hostname("___") == "")
    }
}
