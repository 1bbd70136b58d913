/// The built-in value types a property or input may declare, beside data type names.
public enum PrimitiveType: String, Sendable, Hashable, CaseIterable {
    case string, integer, float, boolean, list, dict, regex
    /// A multi-line string (Cloudify 1_5 user interface hint); checked as a string.
    case textarea
    // Types whose values name Cloudify manager entities (DSL 1_4 and later); bluevirt has no
    // manager, so their values are checked as strings.
    case blueprintID = "blueprint_id"
    case deploymentID = "deployment_id"
    case capabilityValue = "capability_value"
    case secretKey = "secret_key"
    case nodeID = "node_id"
    case nodeType = "node_type"
    case nodeInstance = "node_instance"
    case scalingGroup = "scaling_group"
    case operationName = "operation_name"

    /// Every primitive type name.
    public static let names: [String] = allCases.map(\.rawValue)

    /// True for the types that take any scalar as text (string and the entity types).
    public var isStringLike: Bool {
        switch self {
        case .integer, .float, .boolean, .list, .dict, .regex: false
        default: true
        }
    }

    /// "an integer", "a list", … for messages.
    public var phrase: String {
        switch self {
        case .integer: "an integer"
        case .float: "a number"
        case .boolean: "a boolean"
        case .list: "a list"
        case .dict: "a map"
        case .regex: "a regular expression (a string)"
        default: "a string"
        }
    }
}
