/// The Cloudify DSL versions bluevirt reads, named as `tosca_definitions_version` names them.
public enum DSLVersion: String, Sendable, CaseIterable, Comparable {
    case v1_3 = "cloudify_dsl_1_3"
    case v1_4 = "cloudify_dsl_1_4"
    case v1_5 = "cloudify_dsl_1_5"

    private var order: Int {
        switch self {
        case .v1_3: 3
        case .v1_4: 4
        case .v1_5: 5
        }
    }

    public static func < (lhs: DSLVersion, rhs: DSLVersion) -> Bool { lhs.order < rhs.order }

    /// The valid values, for messages: "cloudify_dsl_1_3, cloudify_dsl_1_4, cloudify_dsl_1_5".
    public static var validList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
