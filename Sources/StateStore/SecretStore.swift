import Platform

/// The user's secrets in the state directory (`bluevirt secret set|list|delete`): one text value
/// per name, shared by every deployment of the state, read by `get_secret` when neither
/// `--secret` nor a `--secrets` file gives the name. The values live in the state database
/// (mode 0600) and nowhere else; nothing but `value(named:)` and `values()` ever returns them.
public struct SecretStore: Sendable {
    public let state: StateStore

    public init(state: StateStore) {
        self.state = state
    }

    /// What makes `name` unusable as a secret name, or nil. Names are what Cloudify accepts for
    /// a secret key: letters, digits, `_`, `-` and `.`, at most 255 of them.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "a secret name cannot be empty" }
        if name.utf8.count > 255 { return "a secret name has at most 255 characters" }
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "_-.".unicodeScalars.contains(scalar)
        }
        return allowed ? nil : "a secret name may hold only ASCII letters, digits, '_', '-' and '.'"
    }

    /// Keeps `value` under `name`, replacing an earlier value; true when it replaced one.
    @discardableResult
    public func set(_ name: String, to value: String) throws(StateStoreError) -> Bool {
        if let problem = Self.nameProblem(name) { throw .invalidSecretName(name: name, problem: problem) }
        return try state.write("saving secret '\(name)'") { db in
            let existed = try db.fetchOne(Bool.self, sql: "SELECT 1 FROM stored_secret WHERE name = ?", arguments: [name]) ?? false
            try db.execute(sql: """
                INSERT INTO stored_secret (name, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, arguments: [name, value, StoredTime.now()])
            return existed
        }
    }

    /// The value kept under `name`; nil if there is none.
    public func value(named name: String) throws(StateStoreError) -> String? {
        try state.read("reading secret '\(name)'") { db in
            try db.fetchOne(String.self, sql: "SELECT value FROM stored_secret WHERE name = ?", arguments: [name])
        }
    }

    /// Every name kept, sorted: what `bluevirt secret list` shows (never the values).
    public func names() throws(StateStoreError) -> [String] {
        try state.read("listing secrets") { db in
            try db.fetchAll(String.self, sql: "SELECT name FROM stored_secret ORDER BY name")
        }
    }

    /// Every name with its value: what get_secret may read.
    public func values() throws(StateStoreError) -> [String: String] {
        try state.read("reading secrets") { db in
            var result: [String: String] = [:]
            for row in try db.fetchAll(sql: "SELECT name, value FROM stored_secret") {
                result[try row.value("name")] = try row.value("value") as String
            }
            return result
        }
    }

    /// Removes the secret `name`; false when there was none.
    @discardableResult
    public func delete(_ name: String) throws(StateStoreError) -> Bool {
        try state.write("deleting secret '\(name)'") { db in
            try db.execute(sql: "DELETE FROM stored_secret WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    /// The values kept in the state at `location`, without creating anything there: commands
    /// that only read a blueprint (validate, dry-run) must not make a state directory.
    public static func values(at location: StateLocation) throws(StateStoreError) -> [String: String] {
        guard FileManager.default.fileExists(atPath: location.databaseURL.path) else { return [:] }
        return try SecretStore(state: StateStore(location: location, access: .look)).values()
    }
}

extension StateStore {
    /// The user's secrets kept in this state.
    public var secrets: SecretStore { SecretStore(state: self) }
}
