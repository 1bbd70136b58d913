/// Checks a file path given for an image and splits it into its names.
///
/// Every name must be storable as a Rock Ridge NM entry (in one directory record) and as a
/// Joliet identifier (at most 64 UCS-2 characters, none of `* / : ; ? \`).
enum ImagePath {
    /// Joliet allows at most 64 characters in an identifier.
    static let maximumNameCharacters = 64
    /// A file's directory record holds at most 254 bytes (its length is even): after the
    /// header with the longest level-1 name (48), the PX entry (36) and the NM entry's own
    /// 5 bytes, 165 bytes remain for the name.
    static let maximumNameBytes = 165
    /// ECMA-119 6.8.2.1 allows eight levels of directories, the root included.
    static let maximumDepth = 8

    static func components(of path: String) throws(ISO9660Error) -> [String] {
        if path.isEmpty {
            throw .invalidPath(path: path, reason: "is empty; give a relative path such as 'user-data'")
        }
        if path.hasPrefix("/") {
            throw .invalidPath(path: path, reason: "starts with '/'; write it relative to the image root, e.g. '\(path.drop(while: { $0 == "/" }))'")
        }
        let names = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if names.count > maximumDepth {
            throw .invalidPath(path: path, reason: "is \(names.count) levels deep; ISO 9660 allows at most \(maximumDepth), so flatten the directories")
        }
        for name in names {
            try check(name: name, in: path)
        }
        return names
    }

    private static func check(name: String, in path: String) throws(ISO9660Error) {
        if name.isEmpty {
            throw .invalidPath(path: path, reason: "has an empty name (a doubled or trailing '/'); remove the extra '/'")
        }
        if name == "." || name == ".." {
            throw .invalidPath(path: path, reason: "contains '\(name)'; write the path without '.' and '..'")
        }
        if name.utf16.count > maximumNameCharacters || name.utf8.count > maximumNameBytes {
            throw .invalidPath(path: path, reason: "has the name '\(name)', longer than \(maximumNameCharacters) characters (\(maximumNameBytes) UTF-8 bytes); shorten it")
        }
        if let bad = name.unicodeScalars.first(where: isForbidden) {
            let shown = bad.properties.generalCategory == .control
                ? "U+" + String(bad.value, radix: 16, uppercase: true) : "'\(bad)'"
            throw .invalidPath(path: path, reason: "has the name '\(name)' with the character \(shown), which Joliet names cannot hold; rename it")
        }
    }

    private static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || "*:;?\\".unicodeScalars.contains(scalar)
    }
}
