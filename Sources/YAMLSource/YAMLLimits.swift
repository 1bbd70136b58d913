/// Bounds that keep a hostile or broken file from exhausting time, memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// The deepest nesting of collections allowed; deeper documents are refused.
    public var maxDepth: Int
    /// The largest file accepted, in bytes.
    public var maxDocumentBytes: Int
    /// How many nodes all alias expansions of one document may produce together
    /// (an alias of a 10-node list counts 10).
    public var maxAliasExpansion: Int

    public init(maxDepth: Int, maxDocumentBytes: Int, maxAliasExpansion: Int) {
        self.maxDepth = maxDepth
        self.maxDocumentBytes = maxDocumentBytes
        self.maxAliasExpansion = maxAliasExpansion
    }

    /// Far beyond any real blueprint: 256 levels, 64 MiB, one million nodes from aliases.
    public static let standard = YAMLLimits(maxDepth: 256, maxDocumentBytes: 64 << 20, maxAliasExpansion: 1_000_000)
}
