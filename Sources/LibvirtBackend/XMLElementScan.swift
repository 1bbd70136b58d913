/// The elements of one name in a document libvirt wrote (or bluevirt rendered), found by plain
/// text scanning (``ASCIISearch``), for the readers that need a few attributes of them
/// (``DomainNetworks``, ``DomainDisks``, the engine's host-file check) and no XML library.
/// Elements of these names (`disk`, `interface`) do not nest in libvirt's documents.
public enum XMLElementScan {
    /// Each `<name …>…</name>` of `xml`, in order, from just after its name to just before its
    /// closing tag: its attributes, then its content. `<name/>` and longer names that start with
    /// `name` are skipped.
    public static func elements(_ name: String, in xml: String) -> [Substring] {
        var found: [Substring] = []
        var rest = xml[...]
        while let start = rest.firstRange(ofASCII: "<" + name) {
            let tail = rest[start.upperBound...]
            guard let next = tail.first, next == " " || next == ">" || next == "\n" || next == "\t" else {
                rest = tail
                continue
            }
            guard let end = tail.firstRange(ofASCII: "</\(name)>") else { break }
            found.append(tail[..<end.lowerBound])
            rest = tail[end.upperBound...]
        }
        return found
    }

    /// The attributes of an element ``elements(_:in:)`` returned: the text up to its first `>`.
    public static func opening(of element: Substring) -> Substring {
        element.prefix { $0 != ">" }
    }

    /// The quoted text right after `prefix` (such as `<source network=`) in `text`, without
    /// its quotes (either kind); nil when there is none.
    public static func quotedValue(after prefix: String, in text: Substring) -> String? {
        guard let found = text.firstRange(ofASCII: prefix) else { return nil }
        let quoted = text[found.upperBound...]
        guard let quote = quoted.first, quote == "'" || quote == "\"",
              let close = quoted.dropFirst().firstIndex(of: quote) else { return nil }
        return String(quoted[quoted.index(after: quoted.startIndex)..<close])
    }
}
