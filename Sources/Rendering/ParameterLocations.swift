import Diagnostics

/// Where the values of a document's parameters were written, asked for by parameter path
/// (`memory_size`, `networks[1].mac`, `ips[0].dhcp.hosts[2].ip`) only when a diagnostic needs
/// one: a blueprint's own parameters find it in the expressions they came from, so no table of
/// every path is kept per object.
public protocol ParameterLocations: Sendable {
    /// The range of the value at `path`; nil when only a parent's range is known.
    func range(ofPath path: String) -> SourceRange?
}

/// A table of ranges by path, for parameters that were not read from a blueprint.
extension Dictionary: ParameterLocations where Key == String, Value == SourceRange {
    public func range(ofPath path: String) -> SourceRange? { self[path] }
}
