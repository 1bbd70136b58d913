/// Where an `{% include %}` tag stands: the template it is in (its loader's path; nil for the
/// main one) and the tag's position. A render records the templates each tag named, so that a
/// check after it can read the templates a computed name (`kind ~ '.xml.j2'`) led to.
public struct IncludeSite: Sendable, Hashable {
    public var template: String?
    public var position: SourcePosition

    public init(template: String?, position: SourcePosition) {
        self.template = template
        self.position = position
    }
}
