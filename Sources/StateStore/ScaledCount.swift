/// The instance count a `scale` gave a node template or scaling group, kept with the count the
/// blueprint declared at that time: the scale holds as long as the blueprint (with its inputs)
/// still declares that count, and a changed declaration wins over it.
public struct ScaledCount: Sendable, Hashable, Codable {
    /// The count in effect (per instance of the parent: the host or enclosing group).
    public var count: Int
    /// What the blueprint declared when the scale ran.
    public var declared: Int

    public init(count: Int, declared: Int) {
        self.count = count
        self.declared = declared
    }
}
