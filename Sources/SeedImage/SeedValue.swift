/// A configuration value for a seed file (cloud-config user-data, meta-data, network-config):
/// what YAML can say, with the order of mapping keys kept as the blueprint wrote them.
public indirect enum SeedValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case list([SeedValue])
    case map([Entry])

    /// One key and value of a mapping.
    public struct Entry: Sendable, Hashable {
        public var key: String
        public var value: SeedValue

        public init(key: String, value: SeedValue) {
            self.key = key
            self.value = value
        }
    }
}
