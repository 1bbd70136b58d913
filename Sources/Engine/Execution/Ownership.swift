/// Whether a libvirt object belongs to a node instance: domains and networks bluevirt creates
/// carry `<bluevirt:instance deployment="…" instance="…"/>` in their metadata (Rendering's
/// metadata partial), so an object of the right name without it was made by another hand.
enum Ownership {
    static func isOwned(metadata: String?, deployment: String, instance: String) -> Bool {
        guard let metadata else { return false }
        return metadata.contains("deployment=\"\(deployment)\"") && metadata.contains("instance=\"\(instance)\"")
    }
}
