extension Array where Element == String {
    /// The names for a note, comma-separated; long lists are cut after `limit` names with a
    /// count of the rest, so a blueprint with hundreds of inputs gets a readable note.
    func listed(limit: Int = 12) -> String {
        guard count > limit else { return joined(separator: ", ") }
        return prefix(limit).joined(separator: ", ") + " and \(count - limit) more"
    }
}
