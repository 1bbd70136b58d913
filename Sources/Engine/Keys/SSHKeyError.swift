/// What can go wrong with a generated ssh key or its node.
public enum SSHKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stored private key that is not an unencrypted OpenSSH Ed25519 key; the reason says where.
    case malformedPrivateKey(String)
    /// A node property with an unusable value.
    case invalidProperty(node: String, property: String, problem: String)

    public var description: String {
        switch self {
        case .malformedPrivateKey(let reason):
            "the stored ssh private key is not an unencrypted OpenSSH Ed25519 key: \(reason); destroy and apply the deployment again to make a new key"
        case .invalidProperty(let node, let property, let problem):
            "node '\(node)': property '\(property)' \(problem)"
        }
    }
}
