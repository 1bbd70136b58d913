import Platform

/// PyYAML's implicit resolvers (YAML 1.1): the plain scalars that read back as a boolean, a
/// number, null, a timestamp or a merge key rather than a string. A string that matches one
/// must be quoted when dumped.
enum YAML11ImplicitTypes {
    // On Unicode scalars, as ICU (NSRegularExpression, which these were written for) matched
    // code points: "1\u{301}" is a digit and a combining accent, not one digit-like character.
    // Regex is not Sendable, but these are never changed, and a Regex compiles its program once,
    // stored atomically, whichever thread matches first.
    private nonisolated(unsafe) static let patterns: [Regex<Substring>] = [
        #/^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/#,
        #/^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/#,
        #/^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/#,
        #/^(?:<<)$/#,
        #/^(?:~|null|Null|NULL|)$/#,
        #/^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/#,
        #/^(?:=)$/#,
    ].map { $0.matchingSemantics(.unicodeScalar) }

    /// True when PyYAML would read `text`, written plain, as something other than a string.
    static func readsAsNonString(_ text: String) -> Bool {
        let body = withoutFinalLineBreak(text)
        // Most text starts with a character no pattern starts with: no need to run them.
        if let first = body.unicodeScalars.first, !firstCharacters.contains(first) { return false }
        return patterns.contains { body.firstMatch(of: $0) != nil }
    }

    /// What a match of one of the patterns can start with.
    private static let firstCharacters = Set("yYnNtTfFoO~<=+-.0123456789".unicodeScalars)

    /// `text` without one line break at its end: ICU's `$` matches before a final
    /// line break too, Swift's only at the very end. No pattern matches a line break itself.
    private static func withoutFinalLineBreak(_ text: String) -> Substring {
        let scalars = text.unicodeScalars
        if scalars.last == "\n", scalars.dropLast().last == "\r" {
            return Substring(scalars.dropLast(2))
        }
        if let last = scalars.last, ["\n", "\u{0B}", "\u{0C}", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(last) {
            return Substring(scalars.dropLast())
        }
        return Substring(text)
    }
}
