import Foundation
@testable import StateStore
import Testing
import TestSupport

/// JSONTextWriter and JSONTextReader replace JSONEncoder and JSONDecoder for the state's JSON
/// columns; text already stored must read the same and equal values must keep being written as
/// equal text. Foundation's coders, through JSONValue's Codable conformance, are the oracle.
@Suite struct JSONTextTests {
    static func foundationText(_ value: JSONValue) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }

    static func foundationValue(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Generated values, from a seed, so a failure can be replayed.
    struct Generator {
        var random: SeededGenerator
        init(state: UInt64) { random = SeededGenerator(state: state) }
        mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }

        static let pieces = ["a", "Z", "_", "10", "2", "é", "日本", "😀", "\"", "\\", "/", "\n", "\r", "\t",
                             "\u{8}", "\u{c}", "\u{1}", "\u{1f}", "\u{7f}", "\u{2028}", " ", "vm-1", "qemu:///system"]
        static let doubles: [Double] = [0.1, -2.5, 3.0, 100.0, 1e20, 1e21, 1e-7, -0.0, 5e-324, 1.7976931348623157e308,
                                        123456789012345680000.0, 1e15, 1e16, 12345.678, 9.223372036854775807e18, 0.5]

        mutating func string() -> String {
            (0..<below(6)).map { _ in Self.pieces[below(Self.pieces.count)] }.joined()
        }

        mutating func value(depth: Int = 0) -> JSONValue {
            switch below(depth > 3 ? 6 : 8) {
            case 0: return .null
            case 1: return .bool(below(2) == 0)
            case 2: return .integer([0, 1, -1, 42, Int64.max, Int64.min, Int64(below(1_000_000))][below(7)])
            case 3: return .number(Self.doubles[below(Self.doubles.count)])
            case 4, 5: return .string(string())
            case 6: return .array((0..<below(5)).map { _ in value(depth: depth + 1) })
            default:
                var members: [String: JSONValue] = [:]
                for _ in 0..<below(6) { members[string()] = value(depth: depth + 1) }
                return .object(members)
            }
        }
    }

    @Test func writesWhatJSONEncoderWritesAndReadsBackWhatJSONDecoderReads() {
        var generator = Generator(state: 2026_12_03)
        for round in 0..<3_000 {
            let value = generator.value()
            let text = value.jsonText()
            #expect(text == Self.foundationText(value) ?? "null", "round \(round): \(value)")
            #expect((try? JSONValue(jsonText: text)) == Self.foundationValue(text), "round \(round): \(text)")
        }
    }

    @Test(arguments: [
        "3.0", "3.5", "1e2", "-0", "-0.0", "0.1e1", "2.0e0", "12345678901234567890", "3.0000000000000001",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1E400", "1e-400",
        " { \"b\" : [ 1 , 2.5 , \"x\" ] , \"a\" : null } ", "\"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\"",
        "{\"a\":1,\"a\":2}", "[1,]", "{\"a\":1,}", "[]", "{}", "[[[]]]", "true", "false", "null",
        // Malformed: both refuse.
        "", "[1,,]", "[,]", "{,}", "{\"a\"}", "01", "1.", ".5", "-", "+1", "1e", "\"\\x\"", "\"a\nb\"", "\"\\ud83d\"", "[1] 2",
        "nul", "tru", "\"unterminated",
    ])
    func readsLikeJSONDecoder(text: String) {
        #expect((try? JSONValue(jsonText: text)) == Self.foundationValue(text), "\(text)")
    }

    @Test func aNumberThatIsNotFiniteMakesTheWholeValueNull() {
        #expect(JSONValue.array([.integer(1), .number(.infinity)]).jsonText() == "null")
        #expect(Self.foundationText(.array([.integer(1), .number(.infinity)])) == nil)
    }
}
