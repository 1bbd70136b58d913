/// The path operations bluevirt used from NSString, on plain strings. They treat `/` as the only
/// separator and never touch the file system. Unlike corelibs Foundation's, which stops the
/// process on a path of one relative component (`"a"`), they give Darwin's answers.
extension StringProtocol {
    /// `"/a/b/c.txt"` → `"c.txt"`; trailing slashes are ignored; `"/"` → `"/"`.
    public var lastPathComponent: String {
        let trimmed = withoutTrailingSlashes
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// `"/a/b/c.txt"` → `"/a/b"`, `"/a"` → `"/"`, `"a"` → `""`.
    public var deletingLastPathComponent: String {
        let trimmed = withoutTrailingSlashes
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        let parent = String(trimmed[..<slash]).withoutTrailingSlashes
        return parent.isEmpty ? "/" : parent
    }

    /// `"x.tar.gz"` → `"gz"`; a leading dot (`".hidden"`) starts a name, not an extension.
    public var pathExtension: String {
        let name = lastPathComponent
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// `"/a/b"` + `"c"` → `"/a/b/c"`; an empty path gives the component alone.
    public func appendingPathComponent(_ component: String) -> String {
        if isEmpty { return component }
        if hasSuffix("/") { return String(self) + component }
        return String(self) + "/" + component
    }

    /// `~` and `~/…` with the user's home directory ($HOME, else the password database), and
    /// `~name/…` with that user's; a user the system does not know leaves the path as written.
    public var expandingTildeInPath: String {
        guard first == "~" else { return String(self) }
        let rest = dropFirst()
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let user = rest[..<slash]
        guard let home = user.isEmpty ? currentHomeDirectory : homeDirectory(of: String(user)) else { return String(self) }
        return home + rest[slash...]
    }

    private var withoutTrailingSlashes: String {
        var text = Substring(self)
        while text.count > 1, text.last == "/" { text = text.dropLast() }
        return String(text)
    }
}

private var currentHomeDirectory: String {
    if let home = getenv("HOME") { return String(cString: home) }
    if let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir { return String(cString: directory) }
    return "/"
}

private func homeDirectory(of user: String) -> String? {
    guard let entry = getpwnam(user), let directory = entry.pointee.pw_dir else { return nil }
    return String(cString: directory)
}
