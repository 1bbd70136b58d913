import Foundation
import Testing
import Platform

@Suite("text helpers")
struct TextTests {
    static let samples = ["  a b \t", "\n a \n", "\u{00A0}x\u{2028}", "", " ", "\t\n", "plain", "\u{3000}wide\u{3000}", "a\r\n"]

    @Test("trimming as CharacterSet's whitespace sets", arguments: samples)
    func trimming(text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespaceAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("padding as NSString's")
    func padding() {
        for (text, length) in [("ab", 5), ("abcdef", 3), ("", 2), ("abc", 3)] {
            #expect(text.padded(toLength: length) == text.padding(toLength: length, withPad: " ", startingAt: 0))
        }
    }

    @Test("printf formats as String(format:)")
    func printf() {
        #expect(String(printf: "%.1f", 2.25) == String(format: "%.1f", 2.25))
        #expect(String(printf: "%.3f s", 0.0005) == String(format: "%.3f s", 0.0005))
        #expect(String(printf: "%04X", 0xBEEF as UInt32) == "BEEF")
        #expect(String(printf: "%%%02X", 7 as UInt32) == "%07")
        #expect(String(printf: "\\u%04x", 0x1F as UInt32) == "\\u001f")
        #expect(String(printf: "%.\(2)f", 1.005) == String(format: "%.2f", 1.005))
        #expect(String(printf: "%d items", 12) == "12 items")
    }
}
