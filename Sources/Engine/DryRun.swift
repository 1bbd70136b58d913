import Blueprint
import Planner
import Diagnostics

/// What `bluevirt dry-run` shows: the plan (which steps run in which order, which together)
/// and every libvirt object with its exact XML. Nothing is touched.
public struct DryRun: Sendable {
    public var deployment: String
    /// The plan; nil when the planner found errors (a cycle, a bad instance count).
    public var plan: DeploymentPlan?
    public var documents: DeploymentDocuments
    /// The planner's and the document builder's diagnostics.
    public var diagnostics: [Diagnostic]
    /// Operations the blueprint writes that neither install nor uninstall runs (``OperationsNotRun``).
    public var operationsNotRun: [String]

    /// Plans `blueprint` and renders the documents of its instances, named for `deployment`.
    /// `connect` (`--connect`, else LIBVIRT_DEFAULT_URI) is the connection of every object whose
    /// node names none, as `apply` will use it, and its driver chooses their domains' templates;
    /// nil keeps the plugin's default, qemu:///system.
    /// `counts` replaces declared instance counts, by node template or scaling group (a scale).
    public init(blueprint: Blueprint, deployment: String, connect: String? = nil, counts: [String: Int] = [:]) {
        let (plan, planDiagnostics) = Planner.plan(blueprint, counts: counts)
        self.deployment = deployment
        self.plan = plan
        let instances = plan?.instances.map(InstanceReference.init) ?? []
        documents = DeploymentDocuments.build(blueprint: blueprint, instances: instances, deployment: deployment, connect: connect)
        diagnostics = Self.allDiagnostics(blueprint, plan: planDiagnostics, instances: instances, documents: documents.diagnostics)
        operationsNotRun = OperationsNotRun.of(blueprint)
    }

    /// The diagnostics of a dry-run, without its output: what `validate` reports. The plan's
    /// workflows are not built (they add no diagnostic) and the documents' text is made only
    /// where a check reads it, so validate's peak memory and time are well under dry-run's.
    /// `connect` as for ``init(blueprint:deployment:connect:counts:)``.
    public static func diagnostics(blueprint: Blueprint, deployment: String, connect: String? = nil) -> [Diagnostic] {
        let (planned, planDiagnostics) = Planner.instances(blueprint)
        let instances = planned?.map(InstanceReference.init) ?? []
        let documents = DeploymentDocuments.build(blueprint: blueprint, instances: instances, deployment: deployment, connect: connect,
                                                  producingText: false)
        return allDiagnostics(blueprint, plan: planDiagnostics, instances: instances, documents: documents.diagnostics)
    }

    private static func allDiagnostics(_ blueprint: Blueprint, plan: [Diagnostic], instances: [InstanceReference], documents: [Diagnostic]) -> [Diagnostic] {
        plan + LibvirtTaskCheck.check(blueprint) + ForeignTaskCheck.check(blueprint) + documents + OutputInstanceCheck.check(blueprint, instances: instances)
            + ComputedReferenceCheck.check(blueprint, reportedAlready: documents) + ComputedArgumentCheck.check(blueprint)
            + TypedOperationInputCheck.check(blueprint) + TypeDefaultNodeReferenceCheck.check(blueprint)
            + UtilitiesChecks.diagnostics(blueprint) + CloudInitSeedCheck.diagnostics(blueprint) + ImageNameCheck.diagnostics(blueprint)
            + UnorderedAttributeCheck.check(blueprint)
            + UnrunnableWorkflowCheck.check(blueprint)
    }
}

extension InstanceReference {
    /// The planner's instance: its relationship targets and its host count as related.
    public init(_ instance: NodeInstance) {
        var related: [String: [String]] = [:]
        for relationship in instance.relationships where !(related[relationship.targetNodeName]?.contains(relationship.targetInstanceId) ?? false) {
            related[relationship.targetNodeName, default: []].append(relationship.targetInstanceId)
        }
        self.init(id: instance.id, node: instance.nodeName, related: related)
    }
}
