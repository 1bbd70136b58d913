/// An http or https address taken apart just enough to recognize well-known imports.
struct HTTPAddress {
    var host: String
    /// The path's non-empty components, without query or fragment.
    var pathComponents: [String]

    init?(_ text: String) {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else {
            return nil
        }
        let withoutQuery = rest.prefix { $0 != "?" && $0 != "#" }
        let parts = withoutQuery.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let host = parts.first else { return nil }
        self.host = host.lowercased()
        self.pathComponents = Array(parts.dropFirst())
    }
}
