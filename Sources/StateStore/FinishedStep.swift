/// One finished step for `StateStore.recordSteps` and `recordStepsFinished`: what `recordStepFinished` takes,
/// less the execution.
public struct FinishedStep: Sendable, Hashable {
    public var instance: String
    /// The stable step id, e.g. `web-1/create`.
    public var step: String
    /// The instance's state after the step; nil keeps it.
    public var state: NodeInstanceState?
    /// The instance's whole set of runtime properties after the step; nil keeps them.
    public var runtimeProperties: [String: JSONValue]?
    /// The event message; nil for "<step> finished".
    public var message: String?
    /// Other instances whose runtime properties the step changed (a relationship's operation
    /// writing its target's), by id: their whole sets after the step.
    public var otherInstances: [String: [String: JSONValue]]
    /// The document the step left the instance's object defined with (a domain's start: drift
    /// compares the live object with it); nil keeps the recorded one.
    public var definedDocument: String?

    public init(
        instance: String, step: String, state: NodeInstanceState? = nil,
        runtimeProperties: [String: JSONValue]? = nil, message: String? = nil,
        otherInstances: [String: [String: JSONValue]] = [:], definedDocument: String? = nil
    ) {
        self.instance = instance
        self.step = step
        self.state = state
        self.runtimeProperties = runtimeProperties
        self.message = message
        self.otherInstances = otherInstances
        self.definedDocument = definedDocument
    }
}
