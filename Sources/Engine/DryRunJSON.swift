import Platform
import Planner
import Diagnostics

/// `bluevirt dry-run --json`: one document with the plan, every object with its XML, and the
/// diagnostics (in the shape `validate --json` uses).
public struct DryRunJSON: Codable, Sendable {
    public struct Step: Codable, Sendable {
        /// The step's id within its workflow, e.g. `s3`.
        public var id: String
        public var instance: String
        public var node: String
        /// The full operation name, e.g. `cloudify.interfaces.lifecycle.create`.
        public var operation: String
        public var implementation: String
        public var target: String?
        public var description: String
        /// The ids of the steps this one waits for.
        public var waitsFor: [String]
    }

    public struct Workflow: Codable, Sendable {
        public var steps: [Step]
        /// Step ids by level: the steps of one level may run together; levels run in order.
        public var levels: [[String]]
    }

    public struct Plan: Codable, Sendable {
        public var instances: [String]
        public var install: Workflow
        public var uninstall: Workflow
    }

    public struct Object: Codable, Sendable {
        public var kind: String
        public var name: String
        public var connection: String
        public var pool: String?
        public var node: String
        public var instance: String
        public var external: Bool
        /// The file `--output-dir` writes, when the object has a document.
        public var file: String?
        public var xml: String?
        /// Domains: how apply's document may differ (``LibvirtObject/runtimeNote``).
        public var note: String?
        /// ISO images: the volume label and each file's text, by path.
        public var imageLabel: String?
        public var imageFiles: [String: String]?
    }

    public var deployment: String
    public var plan: Plan?
    public var objects: [Object]
    public var diagnostics: DiagnosticJSON

    /// The document for a dry run, with `diagnostics` (which may add the `--validate` results
    /// to the run's own).
    public init(_ run: DryRun, diagnostics: [Diagnostic]) {
        deployment = run.deployment
        plan = run.plan.map { plan in
            Plan(instances: plan.instances.map(\.id), install: Self.workflow(plan.install), uninstall: Self.workflow(plan.uninstall))
        }
        objects = run.documents.objects.map { object in
            Object(kind: object.kind.rawValue, name: object.name, connection: object.connection, pool: object.pool,
                   node: object.node, instance: object.instance, external: object.isExternal,
                   file: object.xml == nil ? nil : object.fileName, xml: object.xml, note: object.runtimeNote, imageLabel: object.imagePreview?.label,
                   imageFiles: object.imagePreview.map { Dictionary($0.files.map { ($0.path, $0.text) }, uniquingKeysWith: { _, last in last }) })
        }
        self.diagnostics = DiagnosticJSON(diagnostics)
    }

    /// The document for a blueprint that did not load or has errors before any plan: the same
    /// keys, so that a script reads `.diagnostics.errorCount` whatever the outcome.
    public init(deployment: String, diagnostics: [Diagnostic]) {
        self.deployment = deployment
        plan = nil
        objects = []
        self.diagnostics = DiagnosticJSON(diagnostics)
    }

    private static func workflow(_ graph: OperationGraph) -> Workflow {
        Workflow(
            steps: graph.steps.map { step in
                Step(id: step.id.description, instance: step.instanceId, node: step.nodeName, operation: step.operation,
                     implementation: step.implementation, target: step.targetInstanceId, description: step.description,
                     waitsFor: graph.dependencies(of: step.id).map(\.description))
            },
            levels: graph.levels.map { $0.map(\.description) })
    }

    /// The JSON text: sorted keys, slashes unescaped, pretty-printed.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
        // Strings, integers and booleans always encode.
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
