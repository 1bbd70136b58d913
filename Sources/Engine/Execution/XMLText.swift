/// Text put into an XML document bluevirt writes itself (a snapshot document); XMLCharacterData
/// reads it back.
enum XMLText {
    /// `text` as element content.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// `text` inside a single-quoted attribute.
    static func attribute(_ text: String) -> String {
        escaped(text).replacingOccurrences(of: "'", with: "&apos;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
