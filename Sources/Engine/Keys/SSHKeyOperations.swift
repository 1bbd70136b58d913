import StateStore

/// The operations of `bluevirt.nodes.SSHKey` (`bluevirt.keys.create`, `bluevirt.keys.delete`):
/// an Ed25519 key pair per node instance, whose private key stays in the state store's secrets
/// (read by `bluevirt ssh`) and whose public key becomes a runtime property a blueprint can
/// put into cloud-init with `get_attribute: [key, public_key]`.
public enum SSHKeyOperations {
    /// The node type whose instances these operations serve.
    public static let nodeType = "bluevirt.nodes.SSHKey"
    /// The name of the secret holding an instance's private key (`openssh-key-v1` text).
    public static let privateKeySecret = "ssh_private_key"
    /// The login user when the node sets no `user` property.
    public static let defaultUser = "root"

    /// Makes the instance's key pair, or reuses the one already stored (a resumed or repeated
    /// apply keeps the key the guests already trust). Returns the runtime properties
    /// `public_key` (`ssh-ed25519 AAAA… comment`), `fingerprint` (`SHA256:…`) and `user`.
    public static func create(_ context: OperationContext) async throws -> [String: JSONValue] {
        let user = try stringProperty("user", of: context) ?? defaultUser
        guard !user.isEmpty, !user.contains(where: { $0.isWhitespace || $0 == "@" }) else {
            throw SSHKeyError.invalidProperty(
                node: context.nodeName, property: "user",
                problem: "is '\(user)', which is not a login name; give a user name such as 'root' or 'debian'")
        }
        // The type's default is '': no comment given.
        let given = try stringProperty("comment", of: context) ?? ""
        let comment = given.isEmpty ? "bluevirt-\(context.deployment)" : given
        guard !comment.contains(where: \.isNewline) else {
            throw SSHKeyError.invalidProperty(
                node: context.nodeName, property: "comment", problem: "contains a line break; use one line of text")
        }
        let keyPair: SSHKeyPair
        if let stored = try context.store.secret(deployment: context.deployment, instance: context.instanceID, name: privateKeySecret) {
            keyPair = try SSHKeyPair(openSSHPrivateKey: stored)
            context.log("reusing the ssh key of \(context.instanceID) (\(keyPair.fingerprint))")
        } else {
            keyPair = SSHKeyPair()
            try context.store.saveSecret(
                deployment: context.deployment, instance: context.instanceID, name: privateKeySecret,
                value: keyPair.openSSHPrivateKey(comment: comment))
            context.log("generated ssh key \(keyPair.fingerprint) for \(context.instanceID)")
        }
        return [
            "public_key": .string(keyPair.publicKeyLine(comment: comment)),
            "fingerprint": .string(keyPair.fingerprint),
            "user": .string(user),
        ]
    }

    /// Forgets the instance's private key; nothing to do when it is already gone.
    public static func delete(_ context: OperationContext) async throws {
        try context.store.deleteSecret(deployment: context.deployment, instance: context.instanceID, name: privateKeySecret)
    }

    /// A string property; nil when absent or null. Numbers and booleans are refused rather
    /// than turned into text: `user: 0` is a mistake, not a login name.
    private static func stringProperty(_ name: String, of context: OperationContext) throws(SSHKeyError) -> String? {
        switch context.nodeProperties[name] {
        case nil, .null?: nil
        case .string(let value)?: value
        case let other?:
            throw .invalidProperty(node: context.nodeName, property: name, problem: "must be a string, not \(other.jsonText())")
        }
    }
}
