/// Text of an attribute value or element content in the XML libvirt writes, decoded. libvirt
/// writes the five named entities and, for every character outside ASCII, a numeric reference
/// (`é` in a domain's metadata comes back as `&#xE9;`), so both kinds are decoded, in one pass.
public enum XMLCharacterData {
    public static func decoded<Text: StringProtocol>(_ text: Text) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return String(text) }
        var result = ""
        var rest = text[...]
        while let ampersand = rest.firstIndex(of: "&") {
            result += rest[..<ampersand]
            rest = rest[ampersand...]
            guard let semicolon = rest.prefix(12).firstIndex(of: ";"),
                  let character = character(named: rest[rest.index(after: rest.startIndex)..<semicolon]) else {
                // Not a reference libvirt writes: kept as it stands.
                result.append("&")
                rest = rest.dropFirst()
                continue
            }
            result.append(character)
            rest = rest[rest.index(after: semicolon)...]
        }
        result += rest
        return result
    }

    /// The character of a reference's name (between `&` and `;`): a named entity or `#NNN`/`#xHH`.
    private static func character<Name: StringProtocol>(named name: Name) -> Character? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.first == "#" else { return nil }
            let digits = name.dropFirst()
            let code = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return code.flatMap(Unicode.Scalar.init).map(Character.init)
        }
    }
}
