import Diagnostics

/// Everything a template is rendered from: the user's `params`, where they were written, and
/// which instance the object belongs to.
public struct TemplateParameters: Sendable {
    /// The parameters by name, as the blueprint gave them (after intrinsic functions).
    public var values: [String: RenderValue]
    /// Where the parameters were written (the `params` key, or the node template); diagnostics
    /// about a value without a more precise range point here.
    public var range: SourceRange
    /// Precise ranges of single values, by parameter path: `memory_size`, `networks[1].mac`,
    /// `ips[0].dhcp.hosts[2].ip`. A path without one falls back to its parents, then `range`.
    public var locations: any ParameterLocations
    /// The deployment, node and instance, for `<metadata>` and generated names; nil renders no
    /// metadata and needs an explicit `name`.
    public var identity: InstanceIdentity?

    public init(
        _ values: [String: RenderValue] = [:],
        at range: SourceRange,
        locations: any ParameterLocations,
        identity: InstanceIdentity? = nil
    ) {
        self.values = values
        self.range = range
        self.locations = locations
        self.identity = identity
    }

    /// Parameters whose precise ranges are a table by path.
    public init(
        _ values: [String: RenderValue] = [:],
        at range: SourceRange,
        valueRanges: [String: SourceRange] = [:],
        identity: InstanceIdentity? = nil
    ) {
        self.init(values, at: range, locations: valueRanges, identity: identity)
    }

    /// The most precise known range for a parameter path, falling back to its parents, then to
    /// the whole parameter block.
    public func range(of path: String) -> SourceRange {
        var candidate = Substring(path)
        while !candidate.isEmpty {
            if let found = locations.range(ofPath: String(candidate)) { return found }
            guard let cut = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            candidate = candidate[..<cut]
        }
        return range
    }
}
