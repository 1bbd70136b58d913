/// Suggests the name a user probably meant, for "did you mean …?" notes.
public enum DidYouMean {
    /// Names longer than this get no suggestion.
    static let maximumNameLength = 256
    /// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo:
    /// at most a third of the name's length (and at least 1), case differences counting as half.
    public static func suggestion(for name: String, among candidates: some Sequence<String>) -> String? {
        // No real name is this long; comparing a huge one to every candidate would take minutes.
        guard name.unicodeScalars.count <= maximumNameLength else { return nil }
        let limit = max(1, name.count / 3)
        let wanted = Array(name.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            // The distance is at least the difference in length: skip the alignment when that is too far.
            let other = Array(candidate.lowercased().unicodeScalars)
            guard abs(other.count - wanted.count) <= limit else { continue }
            let distance = editDistance(wanted, other)
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The candidate that `name` is most likely a slip of, judged more strictly than
    /// ``suggestion(for:among:)``: at most two edits away, or the candidate's own last dotted
    /// parts (`lifecycle` for `cloudify.interfaces.lifecycle`). For names a user may also make up
    /// (an interface of their own), where a looser match would flag a deliberate name.
    public static func nearMiss(of name: String, among candidates: some Sequence<String>) -> String? {
        guard name.unicodeScalars.count <= maximumNameLength else { return nil }
        let wanted = Array(name.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let lowered = candidate.lowercased()
            let other = Array(lowered.unicodeScalars)
            let distance = lowered.hasSuffix("." + name.lowercased()) ? 0
                : abs(other.count - wanted.count) <= 2 ? editDistance(wanted, other) : 3
            guard distance <= 2 else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// A note for a diagnostic, or nil when nothing is close.
    public static func note(for name: String, among candidates: some Sequence<String>) -> String? {
        suggestion(for: name, among: candidates).map { "did you mean '\($0)'?" }
    }

    /// When nothing is close: the candidates in the same dotted namespace as `name` (a plugin's
    /// `cloudify.libvirt.relationships.` types), so that a name remembered wrongly still shows
    /// the right ones. Nil when the namespace has none or too many to list.
    public static func namespaceNote(for name: String, among candidates: some Sequence<String>, kind: String) -> String? {
        guard let lastDot = name.lastIndex(of: "."), name.unicodeScalars.count <= maximumNameLength else { return nil }
        let namespace = name[...lastDot]
        let siblings = candidates.filter { $0.hasPrefix(namespace) && $0 != name }.sorted()
        guard !siblings.isEmpty, siblings.count <= 12 else { return nil }
        let listed = siblings.map { "'\($0)'" }.joined(separator: ", ")
        return siblings.count == 1 ? "the only \(kind) in '\(namespace.dropLast())' is \(listed)"
            : "the \(kind)s in '\(namespace.dropLast())' are \(listed)"
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    /// neighbours each cost 1 (a swap is the commonest typo: `domian`).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
