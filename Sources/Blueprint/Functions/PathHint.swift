import YAMLSource

/// What to write instead of a path item the value it walks does not have (BV0309).
enum PathHint {
    /// For an item that is no index of a list of `count` items, or one out of its range: the
    /// indexes it has. A negative index counts from the end, as Python's do in Cloudify's walk,
    /// and as bluevirt's walk reads them.
    static func index(count: Int) -> DiagnosticNote {
        count == 0
            ? DiagnosticNote("the list is empty, so no index reaches into it: remove the path items from here on")
            : DiagnosticNote("use an index from 0 to \(count - 1), or from -1 to -\(count) to count from the end")
    }

    /// For a key `walked` lacks, with `keys` those it has: after a did-you-mean (`suggested`),
    /// just the keys; else also the step, naming one or (`canAdd`: a value of the blueprint's,
    /// not a data type's fixed fields) giving the value the key.
    static func keys(_ keys: [String], of walked: String, missing key: Value, suggested: Bool, canAdd: Bool) -> DiagnosticNote {
        let add = canAdd ? "give '\(walked)' the key \(key)" : nil
        if keys.isEmpty {
            return DiagnosticNote("'\(walked)' has no keys: " + (add.map { "\($0), or remove the path items from here on" } ?? "remove the path items from here on"))
        }
        let listing = "'\(walked)' has: \(keys.listed())"
        if suggested { return DiagnosticNote(listing) }
        return DiagnosticNote(listing + "; name one of these" + (add.map { ", or \($0)" } ?? ""))
    }
}
