import Foundation

/// PyYAML's implicit resolvers (YAML 1.1): the plain scalars that read back as a boolean, a
/// number, null, a timestamp or a merge key rather than a string. A string that matches one
/// must be quoted when dumped.
enum YAML11ImplicitTypes {
    private static let patterns: [NSRegularExpression] = [
        #"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"#,
        #"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#,
        #"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"#,
        #"^(?:<<)$"#,
        #"^(?:~|null|Null|NULL|)$"#,
        #"^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$"#,
        #"^(?:=)$"#,
    ].map { pattern in
        // The patterns are constants: a failure is a programming error caught by every test.
        try! NSRegularExpression(pattern: pattern)
    }

    /// True when PyYAML would read `text`, written plain, as something other than a string.
    static func readsAsNonString(_ text: String) -> Bool {
        let range = NSRange(text.startIndex..., in: text)
        return patterns.contains { $0.firstMatch(in: text, range: range) != nil }
    }
}
