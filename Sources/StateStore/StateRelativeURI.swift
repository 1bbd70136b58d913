import Platform

/// Connection URIs that point into the state directory (the worlds of `--simulate`,
/// `test:///STATE/simulated/…`) are stored relative to it, as `state:simulated/…`, so that a
/// state directory that is moved or copied keeps its worlds: records read back name the world
/// in the directory the store was opened from, not the one that wrote them. Every other URI is
/// stored as it is, and so are rows written before this form existed.
struct StateRelativeURI: Sendable {
    /// `test://` and the state directory, with a closing `/`.
    private let absolutePrefix: String
    static let storedPrefix = "state:"

    init(directory: URL) {
        let path = directory.path
        absolutePrefix = "test://" + path + (path.hasSuffix("/") ? "" : "/")
    }

    /// The text stored for `uri`.
    func stored(_ uri: String?) -> String? {
        guard let uri, uri.hasPrefix(absolutePrefix) else { return uri }
        return Self.storedPrefix + uri.dropFirst(absolutePrefix.count)
    }

    /// The URI that the stored `text` stands for in this state directory.
    func uri(_ text: String?) -> String? {
        guard let text, text.hasPrefix(Self.storedPrefix) else { return text }
        return absolutePrefix + text.dropFirst(Self.storedPrefix.count)
    }
}
