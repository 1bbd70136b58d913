import Diagnostics
import Platform
import StateStore

/// Where `bluevirt ssh` logs in, as whom, with which key: a node instance's address (its `ip`
/// runtime property), the deployment's `bluevirt.nodes.SSHKey` key and its user.
public struct SSHLogin: Sendable {
    public var address: String
    public var user: String
    public var privateKey: String
    /// The deployment's known hosts.
    public var knownHosts: KnownHosts
    /// `<state directory>/ssh-keys`, where the key file exists while ssh runs.
    public var keysDirectory: String

    /// Chooses the instance (an id, or a node with one instance), the key (the only one, or
    /// the one `key` names) and the user (`user`, else the key node's). Throws
    /// ``SSHLoginProblem`` saying what to do when there is nothing to log in to.
    public static func resolve(deployment: String, instance: String, user: String?, key: String?, in store: StateStore) throws -> SSHLogin {
        guard try store.deployment(named: deployment) != nil else {
            throw SSHLoginProblem(try DeploymentProblem.unknownDeployment(deployment, in: store).description)
        }
        let instances = try store.nodeInstances(deployment: deployment)
        let record = try findInstance(instance, in: instances, deployment: deployment)
        // The whole deployment, not the instance: one whose object was never begun (an apply that
        // failed before it) or that is no libvirt object has no connection of its own.
        if SimulatedWorlds.holdDeployment(of: instances) {
            throw SSHLoginProblem("""
                deployment '\(deployment)' was applied with --simulate: instance '\(record.instanceID)' exists only in libvirt's \
                test driver and its address is invented, so there is no machine to log in to; apply without --simulate to get one
                """)
        }
        guard case .string(let address)? = record.runtimeProperties["ip"], !address.isEmpty else {
            throw SSHLoginProblem("node instance '\(record.instanceID)' of deployment '\(deployment)' has no address yet (no 'ip' runtime property): apply the deployment, or, if it is applied, `bluevirt status -d \(deployment)\(store.location.commandOption)` shows whether the domain runs and has an address")
        }
        let (keyRecord, privateKey) = try findKey(key, in: instances, deployment: deployment, store: store)
        let keyUser: String? = if case .string(let name)? = keyRecord.runtimeProperties["user"] { name } else { nil }
        let login = user ?? keyUser ?? SSHKeyOperations.defaultUser
        // A login name as useradd accepts it; anything else (`-oProxyCommand=…`, `a@b`, spaces)
        // would be read by ssh as something other than a user.
        guard login.wholeMatch(of: /[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?/) != nil else {
            throw SSHLoginProblem("'\(TerminalText.bounded(login))' is not a user name ssh can log in as: use letters, digits, '_', '.' and '-', starting with a letter or '_'")
        }
        return SSHLogin(address: address, user: login, privateKey: privateKey,
                        knownHosts: KnownHosts(stateDirectory: store.location.directory, deployment: deployment),
                        keysDirectory: store.location.directory.appendingPathComponent("ssh-keys").path)
    }

    private static func findInstance(_ instance: String, in instances: [NodeInstanceRecord], deployment: String) throws -> NodeInstanceRecord {
        if let exact = instances.first(where: { $0.instanceID == instance }) { return exact }
        let ofNode = instances.filter { $0.nodeName == instance }
        if ofNode.count == 1 { return ofNode[0] }
        if ofNode.count > 1 {
            throw SSHLoginProblem("node '\(instance)' of deployment '\(deployment)' has \(ofNode.count) instances (\(ofNode.map(\.instanceID).joined(separator: ", "))); name one of them")
        }
        let known = instances.map { record in
            if case .string(let address)? = record.runtimeProperties["ip"] { "\(record.instanceID) (\(address))" } else { record.instanceID }
        }
        throw SSHLoginProblem("deployment '\(deployment)' has no node instance or node named '\(instance)'; its instances are: \(known.isEmpty ? "none" : known.joined(separator: ", "))")
    }

    /// The key instance and its private key: the only one, or the one `key` names.
    private static func findKey(_ key: String?, in instances: [NodeInstanceRecord], deployment: String,
                                store: StateStore) throws -> (NodeInstanceRecord, String) {
        var keys: [(NodeInstanceRecord, String)] = []
        for record in instances {
            if let secret = try store.secret(deployment: deployment, instance: record.instanceID, name: SSHKeyOperations.privateKeySecret) {
                keys.append((record, secret))
            } else if let privateKey = try utilitiesPrivateKey(of: record, store: store) {
                keys.append((record, privateKey))
            }
        }
        if let key {
            let chosen = keys.filter { $0.0.instanceID == key || $0.0.nodeName == key }
            if chosen.count == 1 { return chosen[0] }
            let names = keys.map(\.0.instanceID).joined(separator: ", ")
            throw SSHLoginProblem(chosen.isEmpty
                ? "deployment '\(deployment)' has no ssh key node '\(key)'; its ssh keys are: \(names.isEmpty ? "none" : names)"
                : "ssh key node '\(key)' has several instances (\(chosen.map(\.0.instanceID).joined(separator: ", "))); give --key one of them")
        }
        if keys.count == 1 { return keys[0] }
        if keys.count > 1 {
            throw SSHLoginProblem("deployment '\(deployment)' has several ssh keys (\(keys.map(\.0.instanceID).joined(separator: ", "))); choose one with --key NODE")
        }
        if let pending = instances.first(where: { $0.type == SSHKeyOperations.nodeType }) {
            throw SSHLoginProblem("the ssh key of node instance '\(pending.instanceID)' has not been made yet: apply deployment '\(deployment)' first")
        }
        throw SSHLoginProblem("deployment '\(deployment)' has no ssh key: add a node of type \(SSHKeyOperations.nodeType) to its blueprint, put its public_key into the machines' cloud-init, and apply (see docs/ssh.md)")
    }
}

extension SSHLogin {
    /// The private key of a utilities plugin RSA key node, where its create left it: the
    /// runtime property `private_key_export`, the file `private_key_path`, or the secret store's
    /// `NAME_private` (`use_secret_store`).
    fileprivate static func utilitiesPrivateKey(of record: NodeInstanceRecord, store: StateStore) throws -> String? {
        let properties = record.runtimeProperties
        if case .string(let key)? = properties["private_key_export"], !key.isEmpty { return key }
        if case .string(let path)? = properties["private_key_path"], let key = try? String(contentsOfFile: path, encoding: .utf8) {
            return key
        }
        if case .string(let name)? = properties["secret_key_name"] { return try store.secrets.value(named: name + "_private") }
        return nil
    }
}

/// Why `bluevirt ssh` has nothing to log in to; the message says what to do.
public struct SSHLoginProblem: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
