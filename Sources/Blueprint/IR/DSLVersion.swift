/// The Cloudify DSL versions bluevirt reads, named as `tosca_definitions_version` names them:
/// every version Cloudify's own parser reads. Each version's own rules (what it lacks) are
/// checked by `DSLVersionChecker`.
public enum DSLVersion: String, Sendable, CaseIterable, Comparable {
    case v1_0 = "cloudify_dsl_1_0"
    case v1_1 = "cloudify_dsl_1_1"
    case v1_2 = "cloudify_dsl_1_2"
    case v1_3 = "cloudify_dsl_1_3"
    case v1_4 = "cloudify_dsl_1_4"
    case v1_5 = "cloudify_dsl_1_5"

    private var order: Int {
        switch self {
        case .v1_0: 0
        case .v1_1: 1
        case .v1_2: 2
        case .v1_3: 3
        case .v1_4: 4
        case .v1_5: 5
        }
    }

    public static func < (lhs: DSLVersion, rhs: DSLVersion) -> Bool { lhs.order < rhs.order }

    /// The valid values, for messages: "cloudify_dsl_1_0, ..., cloudify_dsl_1_5".
    public static var validList: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
