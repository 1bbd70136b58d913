/// The values `get_secret` reads in one run, by name, each with where it came from.
///
/// Three sources, the first that has a name wins: `--secret NAME=VALUE` on the command line,
/// then `--secrets FILE` (later files win over earlier ones), then the secret store of the state
/// directory (`bluevirt secret set`). Values may be text or, from a `--secrets` file,
/// structured (a map or a list); see `SecretMask` for how they are kept out of what is printed.
public struct Secrets: Sendable, Hashable {
    /// Where a secret's value was given.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case commandLine
        case file(String)
        case store

        public var description: String {
            switch self {
            case .commandLine: "--secret"
            case .file(let path): "--secrets \(path)"
            case .store: "the secret store"
            }
        }
    }

    /// One secret's value and source.
    public struct Secret: Sendable, Hashable {
        public var value: Value
        public var source: Source

        public init(value: Value, source: Source) {
            self.value = value
            self.source = source
        }
    }

    public private(set) var byName: [String: Secret]

    /// No secrets: get_secret finds nothing.
    public init() {
        byName = [:]
    }

    public init(_ byName: [String: Secret]) {
        self.byName = byName
    }

    /// The value given for `name`, if any.
    public func value(named name: String) -> Value? {
        byName[name]?.value
    }

    public var isEmpty: Bool { byName.isEmpty }

    /// These secrets with `others` added where a name has no value yet: merging sources from the
    /// highest precedence down.
    public func adding(_ others: [String: Secret]) -> Secrets {
        Secrets(byName.merging(others) { kept, _ in kept })
    }

    /// What hides these values in printed text.
    public var mask: SecretMask { SecretMask(self) }
}
