import YAMLSource

/// Where a `cloudify.libvirt.*` node template gives its `params`. As in the Cloudify libvirt
/// plugin, they may come as the node property `params`, as the input `params` of the create or
/// configure operation, or both; both merge, and the operation input wins key by key.
public struct LibvirtParams: Sendable {
    /// An input `params` given to an operation of the template.
    public struct OperationParams: Sendable {
        public var interface: String
        public var operation: String
        public var value: Expression
    }

    /// The node property `params`, if the template (or the type's default) gives it.
    public var property: Expression?
    /// The operation inputs named `params`, in the lifecycle order create, configure.
    public var operationInputs: [OperationParams]

    public init(property: Expression?, operationInputs: [OperationParams]) {
        self.property = property
        self.operationInputs = operationInputs
    }

    /// The operations whose input `params` count, in the order they run.
    public static let operations = ["create", "configure"]
}

extension LibvirtParams {
    /// The property, then each operation input, in the order the plugin merges them (a later
    /// one's key wins), each with where it lives for evaluation.
    public func sources(node: String) -> [(expression: Expression, context: ExpressionContext)] {
        var sources: [(expression: Expression, context: ExpressionContext)] = []
        if let property { sources.append((property, .nodeProperty(node: node))) }
        for input in operationInputs { sources.append((input.value, .operationInput(node: node))) }
        return sources
    }

    /// The same expressions as ``sources(node:)``, in the same order.
    public var expressions: [Expression] {
        [property].compactMap { $0 } + operationInputs.map(\.value)
    }

    /// The params the plugin would use, as far as they are known before a run: the property's
    /// mapping with each operation input's mapping laid over it key by key (the plugin updates
    /// a dictionary, so the merge is shallow and later operations win).
    /// A part that is not a mapping leaves the whole pending.
    public func merged(by evaluator: Evaluator, node: String) -> EvaluatedValue {
        let parts = sources(node: node)
        var entries: [EvaluatedValue.Entry] = []
        var positions: [String: Int] = [:]
        for part in parts {
            let value = evaluator.evaluate(part.expression, in: part.context)
            let layer: [EvaluatedValue.Entry]
            switch value {
            case .known(.map(let known)): layer = known.map { EvaluatedValue.Entry(key: $0.key, value: .known($0.value)) }
            case .known(.null): layer = []
            case .map(let partial): layer = partial
            default: return .pending("params of '\(node)': \(value.description)")
            }
            for entry in layer {
                if let position = positions[entry.key] {
                    entries[position] = entry
                } else {
                    positions[entry.key] = entries.count
                    entries.append(entry)
                }
            }
        }
        return .collecting(entries)
    }
}
