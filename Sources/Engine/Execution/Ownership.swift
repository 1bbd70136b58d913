/// Whether a libvirt object belongs to a node instance: domains and networks bluevirt creates
/// carry `<bluevirt:instance deployment="…" instance="…"/>` in their metadata (Rendering's
/// metadata partial), so an object of the right name without it was made by another hand.
enum Ownership {
    static func isOwned(metadata: String?, deployment: String, instance: String) -> Bool {
        // Read as libvirt writes it back: a name outside ASCII comes as character references.
        guard let metadata, let attribute = MetadataSearch.instanceAttributes(in: metadata) else { return false }
        return attribute("deployment") == deployment && attribute("instance") == instance
    }
}
