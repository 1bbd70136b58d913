/// Where an expression lives. It decides which node references are legal (SELF inside a node
/// template, SOURCE and TARGET inside a relationship) and which functions can be evaluated.
public enum ExpressionContext: Sendable, Hashable {
    /// A property of the node template `node`.
    case nodeProperty(node: String)
    /// An input of an operation of the node template `node`.
    case operationInput(node: String)
    /// A property of a relationship from `source` to `target`.
    case relationshipProperty(source: String, target: String)
    /// An input of a source or target operation of a relationship from `source` to `target`.
    case relationshipOperationInput(source: String, target: String)
    /// An output of the blueprint.
    case output
    /// The default of a blueprint input.
    case inputDefault
    /// The default of a property declared by a node, relationship or data type; it is evaluated
    /// later in the context of whichever template uses the type.
    case typeDefault

    /// The node template SELF stands for, when known.
    public var selfNode: String? {
        switch self {
        case .nodeProperty(let node), .operationInput(let node): node
        default: nil
        }
    }

    /// The relationship's source node template, when known.
    public var sourceNode: String? {
        switch self {
        case .relationshipProperty(let source, _), .relationshipOperationInput(let source, _): source
        default: nil
        }
    }

    /// The relationship's target node template, when known.
    public var targetNode: String? {
        switch self {
        case .relationshipProperty(_, let target), .relationshipOperationInput(_, let target): target
        default: nil
        }
    }

    /// The node template `reference` (SELF, SOURCE or TARGET) stands for here, when known.
    public func node(standingFor reference: String) -> String? {
        switch reference {
        case "SELF": selfNode
        case "SOURCE": sourceNode
        case "TARGET": targetNode
        default: nil
        }
    }

    /// True for an input of a node's or a relationship's operation.
    public var isOperationInput: Bool {
        switch self {
        case .operationInput, .relationshipOperationInput: true
        default: false
        }
    }

    /// True inside a node template (or a type default, whose node is not yet known).
    public var allowsSelf: Bool {
        switch self {
        case .nodeProperty, .operationInput, .typeDefault: true
        default: false
        }
    }

    /// True inside a relationship (or a type default, which may belong to a relationship type).
    public var allowsSourceAndTarget: Bool {
        switch self {
        case .relationshipProperty, .relationshipOperationInput, .typeDefault: true
        default: false
        }
    }

    /// True where functions that read node templates can be evaluated: anywhere except input
    /// defaults, which are resolved before any node template exists.
    public var allowsNodeFunctions: Bool {
        self != .inputDefault
    }

    /// Words for messages: "a node template property", "an output", …
    public var description: String {
        switch self {
        case .nodeProperty(let node): "a property of node template '\(node)'"
        case .operationInput(let node): "an operation input of node template '\(node)'"
        case .relationshipProperty(let source, let target): "a property of the relationship from '\(source)' to '\(target)'"
        case .relationshipOperationInput(let source, let target): "an operation input of the relationship from '\(source)' to '\(target)'"
        case .output: "an output"
        case .inputDefault: "an input default"
        case .typeDefault: "a type's property default"
        }
    }
}
