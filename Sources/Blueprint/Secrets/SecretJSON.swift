import YAMLSource

/// Reads a secret kept as text as the structure it encodes, for `get_secret: [NAME, key, …]`:
/// Cloudify parses the secret with `json.loads`; JSON is read here by the YAML loader, which
/// accepts every JSON document.
enum SecretJSON {
    /// The structure `text` encodes, or nil when it is not a single JSON or YAML document.
    static func parse(_ text: String) -> Value? {
        let result = YAMLLoader.load(string: text, file: "<secret>")
        guard !result.diagnostics.hasErrors, result.documents.count == 1, let document = result.documents.first else { return nil }
        return Value(document)
    }
}
