import Diagnostics

/// Everything a template is rendered from: the user's `params`, where they were written, and
/// which instance the object belongs to.
public struct TemplateParameters: Sendable, Hashable {
    /// The parameters by name, as the blueprint gave them (after intrinsic functions).
    public var values: [String: RenderValue]
    /// Where the parameters were written (the `params` key, or the node template); diagnostics
    /// about a value without a more precise range point here.
    public var range: SourceRange
    /// Precise ranges of single values, keyed by parameter path: `memory_size`,
    /// `networks[1].mac`, `ips[0].dhcp.hosts[2].ip`. Missing entries fall back to `range`.
    public var valueRanges: [String: SourceRange]
    /// The deployment, node and instance, for `<metadata>` and generated names; nil renders no
    /// metadata and needs an explicit `name`.
    public var identity: InstanceIdentity?

    public init(
        _ values: [String: RenderValue] = [:],
        at range: SourceRange,
        valueRanges: [String: SourceRange] = [:],
        identity: InstanceIdentity? = nil
    ) {
        self.values = values
        self.range = range
        self.valueRanges = valueRanges
        self.identity = identity
    }

    /// The most precise known range for a parameter path, falling back to its parents, then to
    /// the whole parameter block.
    public func range(of path: String) -> SourceRange {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let found = valueRanges[String(candidate)] { return found }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return range
    }
}
