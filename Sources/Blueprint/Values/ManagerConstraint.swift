import YAMLSource

/// The input constraints of DSL 1_4 and later that Cloudify checks by asking its manager which
/// deployments, blueprints, tenants or nodes exist (its "data-based" constraints). bluevirt has
/// no manager to ask: it checks the argument's shape, as Cloudify's parser does, and says the
/// constraint itself is not checked.
enum ManagerConstraint: String {
    case filterID = "filter_id"
    case labels
    case tenants
    case namePattern = "name_pattern"
    case deploymentID = "deployment_id"

    /// The input types Cloudify allows the constraint on.
    private var inputTypes: String {
        switch self {
        case .filterID, .labels, .tenants: "deployment_id and blueprint_id"
        case .namePattern: "deployment_id, blueprint_id, secret_key and the node, capability and scaling group id types"
        case .deploymentID: "capability_value, scaling_group, node_id, node_type, node_instance and operation_name"
        }
    }

    /// Reports a malformed argument (BV0204) or else that the constraint is not checked (BV0218).
    func report(_ argument: Node, at range: SourceRange, diagnostics: inout [Diagnostic]) {
        let (fits, expectation, hint): (Bool, String, DiagnosticNote) = switch self {
        case .filterID, .deploymentID: (argument.scalar != nil, "a string", ShapeHint.text)
        case .labels, .tenants: (argument.items != nil, "a list", ShapeHint.list)
        case .namePattern: (argument.pairs != nil, "a mapping such as {contains: web}",
                            DiagnosticNote("write {contains: web}, {starts_with: web}, {ends_with: -1} or {equals_to: web-1}"))
        }
        guard fits || argument.isFunctionCall else {
            diagnostics.append(.error(.invalidConstraint, "the argument of \(rawValue) must be \(expectation), not \(argument.kindDescription)",
                                      at: argument.range, notes: [hint]))
            return
        }
        diagnostics.append(.warning(.managerConstraint,
                                    "the constraint \(rawValue) is checked by a Cloudify manager against what it holds; bluevirt does not check it",
                                    at: range,
                                    notes: [DiagnosticNote("Cloudify allows it on inputs of type \(inputTypes)"),
                                            DiagnosticNote("bluevirt uses the input's value as given: check it yourself, or remove the constraint to silence this warning")]))
    }
}
