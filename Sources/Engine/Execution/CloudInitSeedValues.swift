import Blueprint
import YAMLSource

/// What a `bluevirt.nodes.CloudInitSeed`'s `user_data`, `meta_data` and `network_config` may
/// be, one rule for validate (``CloudInitSeedCheck``) and the run (``SeedContents``):
/// - `user_data`: a mapping (written as `#cloud-config` YAML) or text written as it is (a
///   script, cloud-config text, a MIME multipart);
/// - `meta_data`, `network_config`: a mapping, or the text of such a file, read as YAML (users
///   paste cloud-init files after `|`), which must be a mapping too.
///
/// Anything else (a list, a number, text that is not YAML of a mapping) is refused: written as
/// it is, cloud-init would read a file bluevirt never meant, or none.
enum CloudInitSeedValues {
    struct Problem: Error, Equatable {
        /// Completes "PROPERTY of node template 'NAME' ...".
        var message: String
        var fix: String
    }

    /// The user data `value` gives; nil for none (null).
    static func userData(_ value: Value) -> Result<UserData?, Problem> {
        switch value {
        case .null: .success(nil)
        case .string(let text): .success(.text(text))
        case .map: .success(.cloudConfig(value))
        default:
            .failure(Problem(message: "is \(value.kindDescription), but cloud-init's user-data is a cloud-config mapping or text",
                             fix: "write cloud-config keys under user_data (packages:, users:, runcmd: …), or the text of a user-data file after 'user_data: |'"))
        }
    }

    enum UserData: Equatable {
        case text(String)
        case cloudConfig(Value)
    }

    /// The entries of the `property` (meta_data or network_config) `value` gives; nil for none
    /// (null, or text that holds no YAML value).
    static func mapping(_ value: Value, property: String) -> Result<[Value.Entry]?, Problem> {
        let fix = "write its keys under \(property) as a mapping, or the text of a YAML mapping (a pasted file) after '\(property): |'"
        switch value {
        case .null: return .success(nil)
        case .map(let entries): return .success(entries)
        case .string(let text):
            let loaded = YAMLLoader.load(string: text, file: property)
            if let problem = loaded.diagnostics.first(where: { $0.severity == .error }) {
                return .failure(Problem(message: "is text that is not YAML: line \(problem.range.start.line) of it: \(problem.message)", fix: fix))
            }
            guard loaded.documents.count <= 1 else {
                return .failure(Problem(message: "is text of \(loaded.documents.count) YAML documents, but it is one mapping", fix: fix))
            }
            guard let document = loaded.documents.first else { return .success(nil) }
            switch Value(document) {
            case .null: return .success(nil)
            case .map(let entries): return .success(entries)
            case let other: return .failure(Problem(message: "is text whose YAML is \(other.kindDescription), not a mapping", fix: fix))
            }
        default:
            return .failure(Problem(message: "is \(value.kindDescription), but it is a mapping", fix: fix))
        }
    }
}
