@testable import Engine
import Foundation
import Testing
import TestSupport

/// YAML11ImplicitTypes (Swift Regex) against the NSRegularExpression patterns it was written
/// with, on the same strings: they must say the same for every one.
@Suite struct YAML11ImplicitTypesTests {
    /// The patterns as they were before corelibs Foundation left the product.
    static let oldPatterns = [
        #"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"#,
        #"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#,
        #"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"#,
        #"^(?:<<)$"#,
        #"^(?:~|null|Null|NULL|)$"#,
        #"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"#,
        #"^(?:=)$"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    static func oldReadsAsNonString(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return oldPatterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }

    static let matching = [
        "yes", "No", "TRUE", "false", "on", "OFF", "1.5", "-1_000.5e+10", "1.", ".5", ".5E-3", "1.5e+3", ".inf", "-.Inf",
        "+.INF", ".NaN", ".nan", "190:20:30.15", "0b1010", "-0b_1", "017", "-0_7", "0", "+12", "1_000", "0x1F", "-0x_a",
        "1:30", "-190:0:5", "<<", "~", "null", "NULL", "", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5", "2001-12-15 2:59:43.10", "2001-1-2\t \t1:02:03Z", "2002-12-14T21:59:43+05:30", "=",
    ]
    static let affixes = [
        "", "\n", "\r\n", "\r", "\u{85}", "\u{2028}", "\u{2029}", "\u{0B}", "\u{0C}", "\n\n", "\r\r\n", "\n\r", " ", "\t",
        "\u{301}", "\u{338}", "x", "é", "\u{0}",
    ]

    @Test("the same answer as NSRegularExpression for known matches with things around them")
    func knownMatches() {
        for text in Self.matching {
            #expect(YAML11ImplicitTypes.readsAsNonString(text), "\(text.debugDescription)")
            for before in Self.affixes {
                for after in Self.affixes {
                    let sample = before + text + after
                    #expect(YAML11ImplicitTypes.readsAsNonString(sample) == Self.oldReadsAsNonString(sample), "\(sample.debugDescription)")
                }
            }
        }
    }

    @Test("the same answer as NSRegularExpression for random strings and mutated matches")
    func randomStrings() {
        let alphabet = Array("0123456789_.:-+eExXbBaAfFtTZ ynsoluNULIi~<=\t\n\r\u{85}\u{2028}\u{2029}\u{0B}\u{0C}\u{301}é\u{0}".unicodeScalars)
        var random = SeededGenerator(state: 11)
        var disagreements: [String] = []
        var matches = 0
        for round in 0..<40_000 {
            var scalars: [Unicode.Scalar]
            if round % 2 == 0 {
                scalars = (0..<Int.random(in: 0...14, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            } else {
                scalars = Array(Self.matching.randomElement(using: &random)!.unicodeScalars)
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let position = Int.random(in: 0...scalars.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: scalars.insert(alphabet.randomElement(using: &random)!, at: position)
                    case 1 where position < scalars.count: scalars.remove(at: position)
                    default: if position < scalars.count { scalars[position] = alphabet.randomElement(using: &random)! }
                    }
                }
            }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            let sample = String(view)
            let old = Self.oldReadsAsNonString(sample)
            if old { matches += 1 }
            if YAML11ImplicitTypes.readsAsNonString(sample) != old { disagreements.append(sample.debugDescription) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
        // Enough of them match for the comparison to mean something.
        #expect(matches > 4_000, "\(matches) of 40000 match")
    }
}
