/// What jinja2's `namespace()` makes: named attributes that `{% set ns.name = … %}` changes in
/// place. A reference, so a change made inside a loop is seen after it, as in jinja2.
/// `@unchecked Sendable`: a namespace exists only during the one rendering that made it, which
/// runs on one thread.
public final class Namespace: @unchecked Sendable, Hashable {
    var attributes: Value.Dictionary

    init(_ attributes: Value.Dictionary) {
        self.attributes = attributes
    }

    public static func == (a: Namespace, b: Namespace) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
