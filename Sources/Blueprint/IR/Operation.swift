import YAMLSource

/// One operation of an interface, such as `cloudify.interfaces.lifecycle.create`, in the short
/// form (`create: plugin.module.task`) or the long form with inputs and retry settings.
///
/// In a type, operation inputs are declared as schemas (`params: {default: {}}`); in a node
/// template or relationship they are values. `inputs` holds the values (the template's over the
/// schemas' defaults), `inputSchemas` the declarations that came from types.
public struct Operation: Sendable {
    public var name: String
    /// What runs: a plugin task (`libvirt.cloudify_libvirt.domain_tasks.create`) or a script path;
    /// nil when only inputs are given (the type's implementation applies).
    public var implementation: String?
    /// Where the implementation is written, when it is.
    public var implementationRange: SourceRange?
    public var inputs: NameTable<Expression>
    public var inputSchemas: NameTable<PropertySchema>
    /// `central_deployment_agent` or `host_agent`, when given.
    public var executor: String?
    public var maxRetries: Int?
    /// Seconds between retries.
    public var retryInterval: Double?
    /// Seconds the operation may run before it is stopped (Cloudify's `timeout`), when given.
    public var timeout: Double?
    /// Whether a timed-out run counts as a recoverable failure and is retried
    /// (Cloudify's `timeout_recoverable`), when given.
    public var timeoutRecoverable: Bool?
    public var range: SourceRange

    /// The longest `timeout` or `retry_interval`, in seconds: a year. Cloudify sets none, but no
    /// run waits longer than that on purpose (leave `timeout` out for none), and seconds beyond
    /// what a clock holds (1e17, `.inf`) would stop bluevirt rather than wait.
    public static let longestWait: Double = 365 * 24 * 60 * 60

    public init(name: String, implementation: String?, implementationRange: SourceRange? = nil, inputs: NameTable<Expression>,
                inputSchemas: NameTable<PropertySchema>, executor: String?, maxRetries: Int?,
                retryInterval: Double?, timeout: Double? = nil, timeoutRecoverable: Bool? = nil, range: SourceRange) {
        self.name = name
        self.implementation = implementation
        self.implementationRange = implementationRange
        self.inputs = inputs
        self.inputSchemas = inputSchemas
        self.executor = executor
        self.maxRetries = maxRetries
        self.retryInterval = retryInterval
        self.timeout = timeout
        self.timeoutRecoverable = timeoutRecoverable
        self.range = range
    }

    /// This operation as overridden by `other` (a derived type's or a node template's version):
    /// an override that names no implementation, or the same one, keeps this implementation and
    /// adds its inputs over these; an override with another implementation replaces it, as in
    /// Cloudify.
    public func overridden(by other: Operation) -> Operation {
        if let implementation = other.implementation, implementation != self.implementation {
            return other
        }
        var merged = self
        for (name, schema) in other.inputSchemas.entries { merged.inputSchemas[name] = schema }
        for (name, input) in other.inputs.entries { merged.inputs[name] = input }
        merged.executor = other.executor ?? executor
        merged.maxRetries = other.maxRetries ?? maxRetries
        merged.retryInterval = other.retryInterval ?? retryInterval
        merged.timeout = other.timeout ?? timeout
        merged.timeoutRecoverable = other.timeoutRecoverable ?? timeoutRecoverable
        merged.range = other.range
        return merged
    }
}
