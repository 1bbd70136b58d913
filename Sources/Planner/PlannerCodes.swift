import Diagnostics

/// Codes for problems found while planning: expanding node templates into instances and
/// ordering their operations. Stable: a code never changes meaning.
extension DiagnosticCode {
    public static let planDependencyCycle = DiagnosticCode("BV0701", "node templates depend on each other in a cycle, so no install order exists")
    public static let unknownInstanceCount = DiagnosticCode("BV0702", "an instance count is not a non-negative integer known before the run")
    public static let instanceCountOutOfRange = DiagnosticCode("BV0703", "an instance count is outside min_instances … max_instances")
    public static let unknownConnectionType = DiagnosticCode("BV0704", "a relationship's connection_type is neither all_to_all nor all_to_one")
    public static let tooManyInstances = DiagnosticCode("BV0706", "the blueprint expands to more node instances than bluevirt plans")
    public static let missingPlanTarget = DiagnosticCode("BV0707", "a relationship targets a node template that does not exist, so it cannot be planned")
    public static let scalingGroupCycle = DiagnosticCode("BV0708", "scaling groups are members of each other in a loop")
    public static let memberOfSeveralScalingGroups = DiagnosticCode("BV0709", "a node template or group is a member of more than one scaling group")
    public static let scalingGroupWithoutCommonHost = DiagnosticCode("BV0710", "the members of a scaling group are not contained in one common node template")
    public static let allToOneInScalingGroup = DiagnosticCode("BV0711", "an all_to_one relationship connects two nodes inside one scaling group")
    public static let groupOfSeveralScalingPolicies = DiagnosticCode("BV0712", "a group is the target of more than one scaling policy")

    /// Every planner code, for the catalog in docs/diagnostics.md.
    public static let plannerCodes: [DiagnosticCode] = [
        .planDependencyCycle, .unknownInstanceCount, .instanceCountOutOfRange, .unknownConnectionType,
        .tooManyInstances, .missingPlanTarget, .scalingGroupCycle, .memberOfSeveralScalingGroups,
        .scalingGroupWithoutCommonHost, .allToOneInScalingGroup, .groupOfSeveralScalingPolicies,
    ]
}
