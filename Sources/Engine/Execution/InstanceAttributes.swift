import Blueprint

/// The attributes every node instance has without an operation setting them, as Cloudify's
/// get_attribute answers them when the instance's runtime properties do not have the name (and
/// before its node's properties): `node_instance_id`, the instance's id, and
/// `node_instance_index`, its number among its node's instances, from 1 (`web-2` → 2), as
/// Cloudify numbers a node's instances.
enum InstanceAttributes {
    static func value(of name: String, instance id: String) -> Value? {
        switch name {
        case "node_instance_id": .string(id)
        case "node_instance_index": index(of: id).map(Value.int)
        default: nil
        }
    }

    /// `web-12` → 12: instance ids are the node name, a dash and the number.
    private static func index(of id: String) -> Int? {
        guard let dash = id.lastIndex(of: "-") else { return nil }
        return Int(id[id.index(after: dash)...])
    }
}
