import Blueprint
import Diagnostics

/// Turns a checked blueprint into a deployment plan: node instances (counts multiplied down
/// `contained_in` and scaling groups), and the install and uninstall operation graphs over them.
///
/// Counts and connection types are evaluated with the blueprint's bound inputs
/// (`Blueprint.inputValues`, defaults and given values). Linear in node templates,
/// relationships and steps, apart from all_to_all relationships between scaled nodes, whose
/// instance relationships are as many as the product of the counts.
public enum Planner {
    /// The most node instances a plan may have; counts multiply down contained_in, so a few
    /// small numbers can ask for millions.
    public static let maximumInstances = 100_000

    /// The plan for `blueprint`, or nil with diagnostics (BV07xx) when there is none. `counts`
    /// replaces the declared instance count of node templates and scaling groups, by name (what
    /// a `scale` recorded); the plan's `declaredCounts` keep what the blueprint says.
    public static func plan(_ blueprint: Blueprint, counts: [String: Int] = [:]) -> (plan: DeploymentPlan?, diagnostics: [Diagnostic]) {
        let (expanded, diagnostics) = expand(blueprint, counts: counts)
        guard let (templates, expansion) = expanded else { return (nil, diagnostics) }
        let workflows = WorkflowBuilder(templates: templates, expansion: expansion)
        var plan = DeploymentPlan(instances: expansion.instances, install: workflows.install(), uninstall: workflows.uninstall())
        plan.declaredCounts = expansion.declaredCounts
        return (plan, diagnostics)
    }

    /// The plan's node instances and the same diagnostics, without its workflows (which add
    /// none): what `validate` needs. The install workflow's steps were the largest part of a
    /// large blueprint's plan (19 MB at 10,000 node templates). `counts` as for ``plan(_:counts:)``.
    public static func instances(_ blueprint: Blueprint, counts: [String: Int] = [:]) -> (instances: [NodeInstance]?, diagnostics: [Diagnostic]) {
        let (expanded, diagnostics) = expand(blueprint, counts: counts)
        return (expanded?.expansion.instances, diagnostics)
    }

    private static func expand(_ blueprint: Blueprint, counts: [String: Int])
        -> (expanded: (templates: [NodeTemplate], expansion: InstanceExpansion)?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let templates = blueprint.nodeTemplates.elements
        let positions = Dictionary(uniqueKeysWithValues: blueprint.nodeTemplates.names.enumerated().map { ($1, $0) })
        guard let order = TemplateOrder(templates: templates, positions: positions).compute(diagnostics: &diagnostics) else {
            return (nil, diagnostics.sortedBySource)
        }
        let evaluator = Evaluator(blueprint: blueprint)
        let expander = InstanceExpander(templates: templates, positions: positions, groups: blueprint.groups, policies: blueprint.policies,
                                        evaluator: evaluator, maximumInstances: maximumInstances, countOverrides: counts)
        guard let expansion = expander.expand(order: order, diagnostics: &diagnostics), !diagnostics.hasErrors else {
            return (nil, diagnostics.sortedBySource)
        }
        return ((templates, expansion), diagnostics.sortedBySource)
    }
}
