/// Cloudify's namespaced import, `NAMESPACE--path`: the imported file's names are read as
/// `NAMESPACE--name`, so one file can be imported twice without its names colliding.
///
/// As Cloudify splits it: the namespace is everything before the last `--`, the path everything
/// after; an empty namespace (`--path`) is no namespace. A namespaced file that imports with a
/// namespace of its own nests it (`outer--inner--name`); one that imports without a namespace
/// passes its own on.
struct ImportNamespace {
    static let delimiter = "--"

    /// The namespace written before the path (nil when there is none) and the path.
    var namespace: String?
    var path: String

    init(splitting text: String) {
        guard let last = Self.lastDelimiter(in: text) else {
            namespace = nil
            path = text
            return
        }
        let written = String(text[..<last.lowerBound])
        namespace = written.isEmpty ? nil : written
        path = String(text[last.upperBound...])
    }

    /// The rightmost `--`, as Python's rpartition finds it: in `a---b` the one before `b`.
    private static func lastDelimiter(in text: String) -> Range<String.Index>? {
        var start = text.endIndex
        while start > text.startIndex {
            text.formIndex(before: &start)
            if text[start...].hasPrefix(delimiter) { return start..<text.index(start, offsetBy: delimiter.count) }
        }
        return nil
    }

    /// True when the written namespace itself holds `--` (`a--b--path`, `a----path`), which
    /// Cloudify refuses: nesting comes from imports inside imported files, not from one entry.
    var namespaceHasDelimiter: Bool {
        namespace?.contains(Self.delimiter) ?? false
    }

    /// The namespace of the imported file, inside a file of namespace `parent`.
    func combined(withParent parent: String?) -> String? {
        switch (parent, namespace) {
        case (let parent?, let own?): parent + Self.delimiter + own
        case (let parent?, nil): parent
        case (nil, let own): own
        }
    }

    /// `name` as the file of `namespace` means it: prefixed, except Cloudify's own names
    /// (`cloudify.*`), which a namespace never changes.
    static func qualified(_ name: String, in namespace: String?) -> String {
        guard let namespace, !name.hasPrefix("cloudify.") else { return name }
        return namespace + delimiter + name
    }
}
