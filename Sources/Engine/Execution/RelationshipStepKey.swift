/// A relationship step's key read back (``PlanStep/workKey``): `lb-1/unlink/source/0/app-1`,
/// also with an update's teardown prefix before it. Recorded steps carry only their keys.
struct RelationshipStepKey: Hashable {
    var instance: String
    /// `preconfigure`, `postconfigure`, `establish` or `unlink`.
    var operation: String
    var side: String
    var index: String
    var target: String

    /// nil for a node's own step (`web-1/create`) and a relationship step planned without a target.
    init?(_ key: String) {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, ["source", "target"].contains(parts[2]) else { return nil }
        instance = parts[0].hasPrefix(UpdateTeardown.keyPrefix) ? String(parts[0].dropFirst(UpdateTeardown.keyPrefix.count)) : parts[0]
        operation = parts[1]
        side = parts[2]
        index = parts[3]
        target = parts[4]
    }
}
