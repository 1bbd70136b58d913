import Platform
import StateStore

/// The operations of the utilities plugin's `cloudify.nodes.keys.RSAKey` (and its older name
/// `cloudify.keys.nodes.RSAKey`): `keys.cloudify_ssh_key.operations.create` makes an RSA key
/// pair as the plugin's code does, with its properties, inputs and runtime properties;
/// `delete` removes what create stored. Runs on this host, on `--simulate` too.
///
/// Runtime properties, as the plugin's: `public_key_export` (unless store_public_key_material
/// is false), `private_key_export` (when store_private_key_material is true; kept in the state
/// store, never printed), `private_key_path` and `public_key_path` (the files written),
/// `secret_key_name` and `secrets_key_owner` (with use_secret_store).
public enum RSAKeyOperations {
    public static let createTask = "keys.cloudify_ssh_key.operations.create"
    public static let deleteTask = "keys.cloudify_ssh_key.operations.delete"

    private static let createdProperties = ["secret_key_name", "public_key_path", "private_key_path", "public_key_export", "private_key_export", "secrets_key_owner"]

    public static func create(_ context: OperationContext) throws -> [String: JSONValue] {
        // The plugin refuses to make a second key over the first.
        if let existing = createdProperties.first(where: { context.runtimeProperties[$0] != nil }) {
            context.log("\(context.instanceID) already has a key (runtime property \(existing)); run delete before create: nothing done")
            return [:]
        }
        // The whole resource_config from the first place that gives one (the plugin's get_desired_value).
        let config = [context.inputs["resource_config"], context.runtimeProperties["resource_config"], context.nodeProperties["resource_config"]]
            .first { PythonTruth.of($0) }.flatMap { value -> [String: JSONValue]? in
                if case .object(let fields)? = value { return fields }
                return nil
            } ?? [:]
        let problem = { (text: String) in BackendProblem("node '\(context.nodeName)': \(text)") }

        let privateKeyPath = try string("private_key_path", in: config, context: context)
        let publicKeyPath = try string("public_key_path", in: config, context: context)
        let comment = try string("comment", in: config, context: context)
        if PythonTruth.of(config["passphrase"]) { context.log("resource_config.passphrase is not implemented by the utilities plugin; the private key is not encrypted") }
        if PythonTruth.of(config["unvalidated"]) { context.log("resource_config.unvalidated is not implemented by the utilities plugin; ignored") }
        if case .bool(false)? = config["openssh_format"] {
            throw problem("resource_config.openssh_format is false, but only the OpenSSH format is made (as by the utilities plugin); leave it out or set it to true")
        }
        // An absent field takes the data type's default, as Cloudify fills it in.
        let algorithm = try string("algorithm", in: config, context: context) ?? "RSA"
        guard algorithm == "RSA" else {
            throw problem("resource_config.algorithm is '\(algorithm)', but only RSA keys are made (as by the utilities plugin); set it to RSA")
        }
        let bits: Int
        switch config["bits"] {
        case nil, .null?: bits = 2048
        case .integer(let number)? where RSAKeyPair.sizes.contains(Int(number)): bits = Int(number)
        case let other?:
            throw problem("resource_config.bits is \(other.jsonText()); give a key size from \(RSAKeyPair.sizes.lowerBound) to \(RSAKeyPair.sizes.upperBound), such as 2048 or 4096")
        }
        let useSecretStore = PythonTruth.of(config["use_secret_store"]) || PythonTruth.of(context.nodeProperties["use_secret_store"])
        let useSecretsIfExist = PythonTruth.of(config["use_secrets_if_exist"]) || PythonTruth.of(context.nodeProperties["use_secrets_if_exist"])
        let keyName = try string("key_name", in: config, context: context).flatMap { $0.isEmpty ? nil : $0 }
            ?? "\(context.deployment)-\(context.instanceID)"
        let storePrivate = PythonTruth.of(context.inputs["store_private_key_material"])
        let storePublic = context.inputs["store_public_key_material"].map { PythonTruth.of($0) } ?? true
        if !useSecretStore && useSecretsIfExist {
            throw problem("use_secrets_if_exist is true but use_secret_store is false; set use_secret_store to true too (as the utilities plugin requires)")
        }
        if (privateKeyPath ?? "").isEmpty && !useSecretStore && !storePrivate {
            throw problem("the private key would be kept nowhere: give resource_config.private_key_path, set use_secret_store to true, "
                          + "or give the create operation the input store_private_key_material: true (the utilities plugin requires one)")
        }

        let pair = try RSAKeyPair(bits: bits)
        var privateKey = pair.privateKeyPEM
        var publicKey = pair.publicKeyLine
        // The plugin logs that it does not implement the comment; bluevirt puts it on the key line.
        if let comment, !comment.isEmpty {
            guard !comment.contains(where: \.isNewline) else { throw problem("resource_config.comment contains a line break; use one line of text") }
            publicKey += " " + comment
        }
        var produced: [String: JSONValue] = [:]
        // Decided first, stored last: a key file that cannot be written leaves no secret behind
        // that a retry would find in its way.
        var secretsToSave: KeySecrets?
        if useSecretStore {
            let secrets = KeySecrets(context: context, keyName: keyName)
            let existing = (private: try secrets.read(.private), public: try secrets.read(.public))
            if useSecretsIfExist, let storedPrivate = existing.private, let storedPublic = existing.public {
                privateKey = storedPrivate
                publicKey = storedPublic
                produced["secrets_key_owner"] = .bool(false)
                context.log("using the existing secrets \(secrets.name(.private)) and \(secrets.name(.public))")
            } else if useSecretsIfExist && (existing.private != nil) != (existing.public != nil) {
                throw problem("cannot use the existing secrets \(secrets.name(.public)) and \(secrets.name(.private)): only one of them exists")
            } else if existing.private != nil || existing.public != nil {
                throw problem("the secret \(secrets.name(existing.private != nil ? .private : .public)) exists already; "
                              + "set use_secrets_if_exist to true to use it, or give resource_config.key_name another name")
            } else {
                secretsToSave = secrets
                produced["secrets_key_owner"] = .bool(true)
            }
            produced["secret_key_name"] = .string(keyName)
        }
        if let privateKeyPath, !privateKeyPath.isEmpty {
            try writeKeyFile(privateKeyPath, privateKey, mode: 0o600, context: context)
            produced["private_key_path"] = .string(privateKeyPath)
        }
        if let publicKeyPath, !publicKeyPath.isEmpty {
            try writeKeyFile(publicKeyPath, publicKey, mode: 0o644, context: context)
            produced["public_key_path"] = .string(publicKeyPath)
        }
        if let secrets = secretsToSave {
            try secrets.save(.private, privateKey)
            try secrets.save(.public, publicKey)
            context.log("stored the key as the secrets \(secrets.name(.private)) and \(secrets.name(.public))")
        }
        if storePublic { produced["public_key_export"] = .string(publicKey) }
        if storePrivate { produced["private_key_export"] = .string(privateKey) }
        if produced["secrets_key_owner"] != .bool(false) { context.log("generated a \(bits)-bit RSA key for \(context.instanceID)") }
        return produced
    }

    /// Removes the secrets create stored (only when it made them) and the key files it wrote.
    public static func delete(_ context: OperationContext) throws {
        if case .string(let keyName)? = context.runtimeProperties["secret_key_name"], case .bool(true)? = context.runtimeProperties["secrets_key_owner"] {
            let secrets = KeySecrets(context: context, keyName: keyName)
            try secrets.delete(.private)
            try secrets.delete(.public)
        } else {
            context.log("no secrets to delete: this deployment did not create them")
        }
        for name in ["private_key_path", "public_key_path"] {
            guard case .string(let path)? = context.runtimeProperties[name] else { continue }
            let expanded = path.expandingTildeInPath
            guard FileManager.default.fileExists(atPath: expanded) else { continue }
            do {
                try FileManager.default.removeItem(atPath: expanded)
            } catch {
                throw BackendProblem("node '\(context.nodeName)': cannot remove the key file '\(path)': \(SystemErrorText.of(error))")
            }
        }
    }

    private static func string(_ name: String, in config: [String: JSONValue], context: OperationContext) throws -> String? {
        switch config[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?:
            throw BackendProblem("node '\(context.nodeName)': resource_config.\(name) must be text, not \(other.jsonText())")
        }
    }

    /// Writes a key file as the plugin does: `~` expanded, missing directories made, the file
    /// replaced whole (written beside it, then renamed), the private key readable by its owner only.
    private static func writeKeyFile(_ path: String, _ text: String, mode: Int, context: OperationContext) throws {
        let expanded = path.expandingTildeInPath
        let url = URL(fileURLWithPath: expanded)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).bluevirt-\(UUID().uuidString)")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw BackendProblem("cannot create '\(temporary.path)'")
            }
            guard rename(temporary.path, expanded) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw BackendProblem(reason)
            }
        } catch {
            throw BackendProblem("node '\(context.nodeName)': cannot write the key file '\(path)': \(SystemErrorText.of(error)); check that its folder is writable")
        }
    }
}

/// Where use_secret_store keeps a key: the secrets `{key_name}_private` and `{key_name}_public`
/// in the state's secret store (`bluevirt secret list` names them, `get_secret` reads them), as
/// the plugin keeps them in the manager's.
struct KeySecrets {
    enum Half: String { case `private`, `public` }

    let context: OperationContext
    let keyName: String

    func name(_ half: Half) -> String { "\(keyName)_\(half.rawValue)" }

    func read(_ half: Half) throws -> String? {
        try context.store.secrets.value(named: name(half))
    }

    func save(_ half: Half, _ value: String) throws {
        if let problem = SecretStore.nameProblem(name(half)) {
            throw BackendProblem("node '\(context.nodeName)': the secret name '\(name(half))' is unusable: \(problem); give resource_config.key_name another name")
        }
        try context.store.secrets.set(name(half), to: value)
    }

    func delete(_ half: Half) throws {
        try context.store.secrets.delete(name(half))
    }
}
