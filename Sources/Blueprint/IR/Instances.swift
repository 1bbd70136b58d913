import YAMLSource

/// How many instances of a node template to deploy: the legacy `instances.deploy`, or
/// `capabilities.scalable.properties` with default, minimum and maximum (each may be an
/// expression such as `{ get_input: count }`).
public struct Instances: Sendable {
    /// The counts, boxed and absent when none is written (most templates): every node template
    /// holds an `Instances`, and four optional expressions inline were half its size.
    private var box: Box?

    private struct Counts: Sendable {
        var deploy, defaultInstances, minInstances, maxInstances: Expression?
        var range: SourceRange?
    }

    private final class Box: Sendable {
        let counts: Counts
        init(_ counts: Counts) { self.counts = counts }
    }

    private var counts: Counts {
        get { box?.counts ?? Counts() }
        set { box = Box(newValue) }
    }

    public var deploy: Expression? {
        get { counts.deploy }
        set { counts.deploy = newValue }
    }
    public var defaultInstances: Expression? {
        get { counts.defaultInstances }
        set { counts.defaultInstances = newValue }
    }
    public var minInstances: Expression? {
        get { counts.minInstances }
        set { counts.minInstances = newValue }
    }
    public var maxInstances: Expression? {
        get { counts.maxInstances }
        set { counts.maxInstances = newValue }
    }
    /// Where the counts were written, nil when the template relies on the default of one.
    public var range: SourceRange? {
        get { counts.range }
        set { counts.range = newValue }
    }

    public init(deploy: Expression? = nil, defaultInstances: Expression? = nil, minInstances: Expression? = nil,
                maxInstances: Expression? = nil, range: SourceRange? = nil) {
        let counts = Counts(deploy: deploy, defaultInstances: defaultInstances, minInstances: minInstances,
                            maxInstances: maxInstances, range: range)
        box = deploy == nil && defaultInstances == nil && minInstances == nil && maxInstances == nil && range == nil
            ? nil : Box(counts)
    }

    /// The value Cloudify writes for an unbounded maximum.
    public static let unbounded = "UNBOUNDED"
}
