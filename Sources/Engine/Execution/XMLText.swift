/// Text put into an XML document bluevirt writes itself (a snapshot document); XMLCharacterData
/// reads it back.
enum XMLText {
    /// `text` as element content.
    static func escaped(_ text: String) -> String {
        text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
    }

    /// `text` inside a single-quoted attribute.
    static func attribute(_ text: String) -> String {
        escaped(text).replacing("'", with: "&apos;").replacing("\"", with: "&quot;")
    }
}
