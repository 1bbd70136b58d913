import YAMLSource

/// How many instances of a node template to deploy: the legacy `instances.deploy`, or
/// `capabilities.scalable.properties` with default, minimum and maximum (each may be an
/// expression such as `{ get_input: count }`).
public struct Instances: Sendable {
    public var deploy: Expression?
    public var defaultInstances: Expression?
    public var minInstances: Expression?
    public var maxInstances: Expression?
    /// Where the counts were written, nil when the template relies on the default of one.
    public var range: SourceRange?

    public init(deploy: Expression? = nil, defaultInstances: Expression? = nil, minInstances: Expression? = nil,
                maxInstances: Expression? = nil, range: SourceRange? = nil) {
        self.deploy = deploy
        self.defaultInstances = defaultInstances
        self.minInstances = minInstances
        self.maxInstances = maxInstances
        self.range = range
    }

    /// True when the template writes no counts (most templates).
    var isEmpty: Bool {
        // By pattern: `== nil` chose Expression's `==` and copied each count to compare it.
        guard case .none = deploy, case .none = defaultInstances, case .none = minInstances, case .none = maxInstances,
              case .none = range else { return false }
        return true
    }

    /// The value Cloudify writes for an unbounded maximum.
    public static let unbounded = "UNBOUNDED"
}
