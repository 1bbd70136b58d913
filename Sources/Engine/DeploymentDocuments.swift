import Blueprint
import LibvirtBackend
import Platform
import Rendering
import Diagnostics
import SeedImage

/// Every libvirt object a deployment would create, with its exact XML: what `dry-run` shows
/// and `apply` sends. One object per node instance of a `cloudify.libvirt.*` type.
public struct DeploymentDocuments: Sendable {
    /// The objects in the order of the instances they came from.
    public var objects: [LibvirtObject]
    /// Problems found while evaluating parameters, rendering, and naming; each once.
    public var diagnostics: [Diagnostic]

    public init(objects: [LibvirtObject], diagnostics: [Diagnostic]) {
        self.objects = objects
        self.diagnostics = diagnostics
    }

    /// The connection an object is created on when its node names none and no `connect` is
    /// given (the plugin's default).
    public static let defaultConnection = "qemu:///system"

    /// Builds the documents of `instances` (in the order given). Object names start with
    /// `deployment`; `template_resource` paths are relative to the blueprint's directory.
    /// `connect` (`--connect`, else $LIBVIRT_DEFAULT_URI) is the connection of every node that
    /// writes no `libvirt_auth`, and its driver chooses their domains' templates (``Connection``).
    /// With `producingText` false every check runs with the same diagnostics, but the objects
    /// get no XML where none is needed for a check (``DryRun/diagnostics(blueprint:deployment:)``).
    public static func build(blueprint: Blueprint, instances: [InstanceReference], deployment: String, connect: String? = nil,
                             producingText: Bool = true) -> DeploymentDocuments {
        DocumentBuilder(blueprint: blueprint, instances: instances, deployment: deployment, connect: connect, producingText: producingText).build()
    }
}

/// One libvirt node instance on its way to a document.
struct PendingObject: Sendable {
    let instance: InstanceReference
    /// Its node template's index among the blueprint's (``DocumentBuilder/template(of:)``); not
    /// a copy of the template, which would make each object three times as large.
    let templateIndex: Int
    let kind: LibvirtObjectKind
    let identity: InstanceIdentity
    /// Its evaluated parameters, while they are needed: the first pass keeps none (keeping all
    /// of them raised validate's peak by 20 MB at 50,000 objects); for an object it did not
    /// render, the second evaluates them again and lets go of them once it is rendered.
    var params: ParamsResolver.Resolved?
    /// The object, when the first pass could render it already (``RenderedEarly``).
    var renderedEarly: RenderedEarly?
    /// The object's name; `nameIsKnown` is false when it comes from a run-time value.
    var name: String
    var nameIsKnown: Bool
    /// Where the name was written, for duplicate diagnostics.
    var nameRange: SourceRange
    /// The name is the generated `DEPLOYMENT-INSTANCE`, which changes with the deployment's name.
    var nameIsGenerated: Bool
    /// What rendering it found, and its `disks` parameter (for
    /// ``DocumentBuilder/markAttachedImages(_:disks:)``), read once every object is rendered.
    var renderDiagnostics: [Diagnostic] = []
    var disks: RenderValue?
    /// The MAC addresses and bridge its parameters give, for ``SharedDevices``.
    var devices: DeviceClaims?
    /// Domains, volumes and seed images: the networks or pool their params name in plain text
    /// (``WrittenObjectNames``).
    var writtenNames: [WrittenObjectNames.Written] = []

    /// Pools and volumes: clones find their base's pool and format among them.
    var holdsBackingVolumes: Bool { kind == .pool || kind == .volume }
}

/// An object the first pass rendered: its parameters asked for no other object's name (no
/// `get_attribute` at all), so the second pass would evaluate them to the same values, and it
/// is no pool or volume, which the second pass needs all together. Skipping that second
/// evaluation was 7% of validate at 1,000 node templates. A reference, so that a pending object
/// grows by 8 bytes, not by a whole object.
final class RenderedEarly: Sendable {
    let object: LibvirtObject
    init(_ object: LibvirtObject) { self.object = object }
}

/// Does the work of ``DeploymentDocuments/build(blueprint:instances:deployment:)``.
private struct DocumentBuilder: Sendable {
    let blueprint: Blueprint
    let instances: [InstanceReference]
    let deployment: String
    let connect: String?
    let evaluator: Evaluator
    let renderer: TemplateRenderer
    let instancesByNode: [String: [String]]
    /// Volume nodes ISO images are written into (raw unless their params say otherwise).
    let imageVolumes: Set<String>
    /// The kinds of object the deployment makes: names of other kinds need no checking.
    let madeKinds: Set<LibvirtObjectKind>
    let producingText: Bool

    init(blueprint: Blueprint, instances: [InstanceReference], deployment: String, connect: String?, producingText: Bool) {
        self.blueprint = blueprint
        self.instances = instances
        self.deployment = deployment
        self.connect = connect
        self.producingText = producingText
        evaluator = Evaluator(blueprint: blueprint, deployment: deployment)
        renderer = TemplateRenderer(folder: BlueprintFolder(blueprintFile: blueprint.mainFile))
        let instancesByNode = Dictionary(grouping: instances, by: \.node).mapValues { $0.map(\.id) }
        self.instancesByNode = instancesByNode
        imageVolumes = ImageVolumes.nodes(in: blueprint)
        madeKinds = Set(blueprint.nodeTemplates.elements.lazy.filter { instancesByNode[$0.name] != nil }
            .compactMap { LibvirtObjectKind(typeHierarchy: $0.typeHierarchy) })
    }

    func build() -> DeploymentDocuments {
        // First pass, on every core: parameters without run-time values, which is enough to name
        // every object and to find what is wrong in them, and to render the objects that need
        // no other's name.
        var diagnostics: [Diagnostic] = []
        var pending: [PendingObject] = []
        pending.reserveCapacity(instances.count)
        for (object, found) in instances.parallelMap(named) {
            diagnostics += found
            if let object { pending.append(object) }
        }
        // A loop, not `pending.filter`: the filtered copy of the objects, growing by doubling,
        // was validate's peak at 10,000 objects (15.7 MB) only to read two strings of each.
        // By index, as the loops below: `for object in pending` copied each whole object.
        var firstNames: [String: String] = [:]
        for index in pending.indices where pending[index].nameIsKnown && firstNames[pending[index].instance.id] == nil {
            firstNames[pending[index].instance.id] = pending[index].name
        }
        let knownNames = firstNames
        let nameRanges = pending.map(\.nameRange)
        // Second pass, on every core: the parameters again, `get_attribute: [NODE, resource_id]`
        // now answered by the first pass's names, then each object rendered. The first pass
        // reported the evaluation's diagnostics already. Pools and volumes go first: clones
        // look up their base among them before any volume is rendered.
        pending.parallelUpdate { object in
            if object.holdsBackingVolumes { evaluateAgain(&object, knownNames: knownNames) }
        }
        var objects = renderAll(&pending, knownNames: knownNames)
        for index in pending.indices { diagnostics += pending[index].renderDiagnostics }
        let disks = pending.map(\.disks)
        let devices = pending.map(\.devices)
        diagnostics += WrittenObjectNames.check(objects, written: pending.map(\.writtenNames),
                                                generatedNames: pending.map(\.nameIsGenerated), deployment: deployment)
        pending = []
        Self.markAttachedImages(&objects, disks: disks)
        if producingText { previewImages(&objects) }
        diagnostics += DuplicateNames.check(objects, nameRanges: nameRanges)
        diagnostics += SharedDevices.check(objects, claims: devices)
        return DeploymentDocuments(objects: objects, diagnostics: Self.unique(diagnostics))
    }

    /// The first pass for one instance: its object, named (and rendered, when its parameters
    /// need no other object's name), and the problems of its parameters; no object when the
    /// instance's node is not a libvirt one.
    private func named(_ instance: InstanceReference) -> (object: PendingObject?, diagnostics: [Diagnostic]) {
        guard let templateIndex = blueprint.nodeTemplates.position(of: instance.node) else { return (nil, []) }
        let template = blueprint.nodeTemplates.elements[templateIndex]
        guard let kind = LibvirtObjectKind(typeHierarchy: template.typeHierarchy) else { return (nil, []) }
        var diagnostics: [Diagnostic] = []
        var askedForAttribute = false
        // The closure keeps the table it reads, not a copy of the whole builder.
        let byNode = instancesByNode
        let params = evaluatedParams(of: template, kind: kind, knownAttribute: { call in
            if let own = Self.instanceAttribute(asked: call, from: instance, instancesByNode: byNode) { return own }
            askedForAttribute = true
            return nil
        }, diagnostics: &diagnostics)
        let identity = InstanceIdentity(deployment: deployment, node: template.name, instance: instance.id)
        let naming = ObjectNaming.name(kind: kind, values: params.values, identity: identity)
        let nameRange = naming.parameter.map { params.ranges[$0] ?? params.range } ?? template.nameRange
        // Templates check the names they render; a seed image is named here only, and its
        // name becomes a volume, and so a file, in a pool.
        if kind == .iso9660, naming.isKnown, let problem = ValueChecks.problem(withObjectName: naming.name) {
            diagnostics.append(.error(.invalidObjectName, "the seed image's volume name '\(naming.name)' \(problem)",
                                      at: nameRange,
                                      notes: [DiagnosticNote("a volume name is a plain file name such as 'web-1-seed.iso'")]))
        }
        var object = PendingObject(
            instance: instance, templateIndex: templateIndex, kind: kind, identity: identity, params: nil,
            name: naming.name, nameIsKnown: naming.isKnown, nameRange: nameRange, nameIsGenerated: naming.parameter == nil)
        if !askedForAttribute, !object.holdsBackingVolumes {
            object.disks = params.values["disks"]
            object.devices = DeviceClaims(kind: kind, params: params)
            object.writtenNames = writtenNames(by: kind, in: params)
            // Into a local first: rendering `object` while writing into it made a copy of the whole object.
            var renderDiagnostics: [Diagnostic] = []
            object.renderedEarly = RenderedEarly(render(object, of: template, params: params, diagnostics: &renderDiagnostics))
            object.renderDiagnostics = renderDiagnostics
        }
        return (object, diagnostics)
    }

    /// Renders `pending` on every core (taking the objects the first pass rendered as they are),
    /// leaving in each what rendering found and its `disks` parameter. Each object's parameters
    /// are evaluated (unless they already are) just before it is rendered and let go right
    /// after, so that only the objects being rendered hold theirs.
    private func renderAll(_ pending: inout [PendingObject], knownNames: [String: String]) -> [LibvirtObject] {
        // A closure, not the key path `\.holdsBackingVolumes`, which copied every object to ask it.
        let backingVolumes = BackingVolumes(pending.filter { $0.holdsBackingVolumes })
        return pending.parallelMap(updating: { object in
            if let early = object.renderedEarly {
                object.renderedEarly = nil
                return early.object
            }
            if object.params == nil { evaluateAgain(&object, knownNames: knownNames) }
            var params = object.params!
            object.params = nil
            // Into a local, as in the first pass: reading `object` while writing into it copied it whole.
            var renderDiagnostics: [Diagnostic] = []
            backingVolumes.resolve(&params, of: object, diagnostics: &renderDiagnostics)
            object.disks = params.values["disks"]
            object.devices = DeviceClaims(kind: object.kind, params: params)
            object.writtenNames = writtenNames(by: object.kind, in: params)
            let rendered = render(object, of: template(of: object), params: params, diagnostics: &renderDiagnostics)
            object.renderDiagnostics = renderDiagnostics
            return rendered
        })
    }

    /// The names an object of `kind` writes as text for others (``WrittenObjectNames``); none
    /// when the deployment makes no object of the kind they name, which leaves nothing to check.
    private func writtenNames(by kind: LibvirtObjectKind, in params: ParamsResolver.Resolved) -> [WrittenObjectNames.Written] {
        guard let named = WrittenObjectNames.namedKind(by: kind), madeKinds.contains(named) else { return [] }
        return WrittenObjectNames.written(by: kind, in: params)
    }

    /// Evaluates `object`'s parameters again, `get_attribute: [NODE, resource_id]` now
    /// answered by the names of the first pass, and names it by them.
    private func evaluateAgain(_ object: inout PendingObject, knownNames: [String: String]) {
        let template = template(of: object)
        let instance = object.instance
        var ignored: [Diagnostic] = []
        let byNode = instancesByNode
        let params = evaluatedParams(of: template, kind: object.kind, knownAttribute: {
            Self.resourceId(asked: $0, from: instance, knownNames: knownNames, instancesByNode: byNode).map(Value.string)
                ?? Self.instanceAttribute(asked: $0, from: instance, instancesByNode: byNode)
        }, diagnostics: &ignored)
        // A name built from another object's resource id is known now.
        object.name = ObjectNaming.name(kind: object.kind, values: params.values, identity: object.identity).name
        object.params = params
    }

    /// `template`'s parameters as the plan knows them (`knownAttribute` answers the
    /// `get_attribute` calls it can), with `resource_id` adopted when they name nothing, and an
    /// image volume's format raw unless given: what both passes evaluate.
    private func evaluatedParams(of template: NodeTemplate, kind: LibvirtObjectKind, knownAttribute: @escaping (FunctionCall) -> Value?,
                                 diagnostics: inout [Diagnostic]) -> ParamsResolver.Resolved {
        let resolver = ParamsResolver(evaluator: evaluator, template: template, knownAttribute: knownAttribute)
        var params = resolver.resolve(diagnostics: &diagnostics)
        adoptResourceId(of: template, into: &params, knownAttribute: knownAttribute, diagnostics: &diagnostics)
        if kind == .volume, imageVolumes.contains(template.name) { ImageVolumes.defaultToRaw(&params.values) }
        return params
    }

    /// `resource_id` (the node property, or an input of create or configure: the last one
    /// given) names the object when its parameters name none. `knownAttribute` answers the
    /// `get_attribute` calls whose values the plan knows.
    private func adoptResourceId(of template: NodeTemplate, into params: inout ParamsResolver.Resolved,
                                 knownAttribute: (FunctionCall) -> Value?, diagnostics: inout [Diagnostic]) {
        guard params.values["name"].isAbsent, params.values["resource_id"].isAbsent else { return }
        for (expression, context) in ExternalResource.places(of: "resource_id", in: template).reversed() {
            let substituted = expression.substitutingAttributes(knownAttribute)
            guard let value = ParameterConversion.renderValue(evaluator.evaluate(substituted, in: context, diagnostics: &diagnostics)),
                  value != .string("") else { continue }
            params.values["resource_id"] = value
            params.ranges.assign(expression.range, to: "resource_id")
            return
        }
    }

    /// The name of the object `call` (`get_attribute: [NODE, resource_id]`) asks for, seen
    /// from `instance`.
    private static func resourceId(asked call: FunctionCall, from instance: InstanceReference, knownNames: [String: String],
                                   instancesByNode: [String: [String]]) -> String? {
        guard call.arguments[1].stringLiteral == "resource_id" else { return nil }
        return answeringInstance(call, from: instance, instancesByNode: instancesByNode).flatMap { knownNames[$0] }
    }

    /// The id or index (``InstanceAttributes``) `call` (`get_attribute: [NODE,
    /// node_instance_id]`) asks for, seen from `instance`: known before anything runs.
    private static func instanceAttribute(asked call: FunctionCall, from instance: InstanceReference, instancesByNode: [String: [String]]) -> Value? {
        guard let name = call.arguments[1].stringLiteral,
              let target = answeringInstance(call, from: instance, instancesByNode: instancesByNode) else { return nil }
        return InstanceAttributes.value(of: name, instance: target)
    }

    /// The instance a `get_attribute: [NODE, NAME]` (no path) reads from `instance`: SELF, the
    /// only instance of NODE, or the one `instance` is related to.
    private static func answeringInstance(_ call: FunctionCall, from instance: InstanceReference, instancesByNode: [String: [String]]) -> String? {
        guard call.function == .getAttribute, call.arguments.count == 2, let node = call.arguments[0].stringLiteral else { return nil }
        if node == "SELF" { return instance.id }
        if let candidates = instancesByNode[node], candidates.count == 1 { return candidates[0] }
        if let related = instance.related[node], related.count == 1 { return related[0] }
        return nil
    }

    private func template(of object: PendingObject) -> NodeTemplate {
        blueprint.nodeTemplates.elements[object.templateIndex]
    }

    /// `template`: the object's node template (`template(of:)`), given by a caller that has it.
    private func render(_ object: PendingObject, of template: NodeTemplate, params: ParamsResolver.Resolved,
                        diagnostics: inout [Diagnostic]) -> LibvirtObject {
        let connection = Connection.of(template, connect: connect, evaluator: evaluator, diagnostics: &diagnostics)
        var result = LibvirtObject(
            kind: object.kind, name: object.name, connection: connection.uri, node: template.name,
            instance: object.instance.id, xml: nil, origin: template.nameRange)
        if object.kind == .domain { result.driver = connection.driver }
        if case .string(let pool)? = params.values["pool"], [.volume, .iso9660].contains(object.kind) { result.pool = pool }
        // Read once for both choices that read them.
        let operationInputs = LifecycleOperationInputs.of(template)
        let isExternal = ExternalResource.isExternal(template, operationInputs: operationInputs, evaluator: evaluator)
        if object.kind == .iso9660, result.pool == nil, !isExternal {
            diagnostics.append(.error(.imageWithoutPool, "the ISO image of node template '\(template.name)' names no pool to write its volume into",
                                      at: params.range, notes: [DiagnosticNote("add params: { pool: NAME } naming a storage pool (a cloudify.libvirt.pool node or an existing pool)")]))
        }
        if isExternal {
            result.isExternal = true
            return result
        }
        if let unsupported = ESXObjectCheck.diagnostic(kind: object.kind, node: template.name, connection: connection, at: template.nameRange) {
            diagnostics.append(unsupported)
            return result
        }
        if object.kind == .volume { checkImageSource(of: object, params: params, diagnostics: &diagnostics) }
        guard let documentKind = object.kind.documentKind else { return result }
        let parameters = TemplateParameters(
            params.values, at: params.range, locations: params.ranges, identity: object.identity)
        let userTemplate = UserTemplateChoice.of(template, operationInputs: operationInputs, evaluator: evaluator, diagnostics: &diagnostics)
        // The check of wait_for_ip below reads the document's interfaces.
        let waitsForIP = if case .bool(true)? = params.values["wait_for_ip"] { true } else { false }
        let rendered = renderer.render(
            kind: documentKind, driver: documentKind == .domain ? connection.driver : nil,
            parameters: parameters, userTemplate: userTemplate,
            producingText: producingText || (object.kind == .domain && waitsForIP))
        diagnostics += rendered.diagnostics + UnknownTemplateNames.warnings(rendered.unknownNames)
        result.xml = rendered.xml
        if object.kind == .domain {
            // The note is for dry-run to show; validate shows no objects.
            if producingText { result.runtimeNote = Self.runtimeNote(template, xml: rendered.xml) }
            if rendered.xml != nil { result.renderedFrom = params.values }
        }
        if object.kind == .domain, waitsForIP, let xml = rendered.xml,
           DomainNetworks.interfaceNetworks(in: xml).isEmpty {
            // Addresses are looked for on libvirt networks only; without one, start would
            // "succeed" with no address.
            diagnostics.append(.error(.nothingToWaitFor,
                                      "domain '\(object.name)' waits for an IP address (wait_for_ip: true) but has no interface on a libvirt network",
                                      at: params.ranges["wait_for_ip"] ?? params.range,
                                      notes: [DiagnosticNote("add a network to its 'networks', or set wait_for_ip: false")]))
        }
        return result
    }

    /// What dry-run says about a domain's document: configure renders it from the params as
    /// they are then; values the plan does not know, and the scripts that run before configure
    /// and may change the params, are named.
    private static func runtimeNote(_ template: NodeTemplate, xml: String?) -> String {
        var note = "configure renders this document again from the params runtime property (the node's params and create's, as scripts leave them)"
        if let xml, xml.containsASCII("${") { note += "; each ${…} is a value known only then" }
        var scripts: [String] = []
        for relationship in template.relationships {
            for interfaces in [relationship.sourceInterfaces, relationship.targetInterfaces] {
                guard let implementation = interfaces.withOperation("preconfigure", of: "cloudify.interfaces.relationship_lifecycle", { $0.implementation }),
                      !implementation.isEmpty, LibvirtTask(implementation: implementation) == nil else { continue }
                scripts.append("\(implementation) (preconfigure of the relationship to \(relationship.target))")
            }
        }
        if !scripts.isEmpty { note += "; before it, \(scripts.joined(separator: ", ")) may change them" }
        return note
    }

    /// A volume's `url` and `sha256`, when the plan knows them, must be usable before anything
    /// is created, not found wrong after the pool exists.
    private func checkImageSource(of object: PendingObject, params: ParamsResolver.Resolved, diagnostics: inout [Diagnostic]) {
        guard case .string(let url)? = params.values["url"], !url.isEmpty else { return }
        var digest: String?
        switch params.values["sha256"] {
        case .string(let text)? where !text.isEmpty: digest = text
        case .pending?: return
        default: break
        }
        do {
            _ = try ImageSource(url: url, sha256: digest)
        } catch {
            let key = if case .badSHA256 = error { "sha256" } else { "url" }
            diagnostics.append(.error(.unusableImageSource, "\(error)",
                                      at: params.ranges[key] ?? params.range,
                                      notes: [DiagnosticNote("the image fills volume node '\(object.instance.node)'")]))
        }
    }

    /// Notes on each ISO image the one domain whose `disks` attach it (same volume name and pool).
    /// `disks` holds each object's `disks` parameter, in the same order.
    private static func markAttachedImages(_ objects: inout [LibvirtObject], disks allDisks: [RenderValue?]) {
        var attaching: [String: [String]] = [:]
        for (index, object) in objects.enumerated() where object.kind == .domain {
            guard case .list(let disks)? = allDisks[index] else { continue }
            for case .map(let disk) in disks {
                guard case .string(let volume)? = disk["volume"], case .string(let pool)? = disk["pool"] else { continue }
                attaching["\(pool)/\(volume)", default: []].append(objects[index].name)
            }
        }
        for index in objects.indices where objects[index].kind == .iso9660 {
            guard let pool = objects[index].pool, let domains = attaching["\(pool)/\(objects[index].name)"], domains.count == 1 else { continue }
            objects[index].attachedTo = domains[0]
        }
    }

    /// The files each ISO image would hold, for dry-run to show in place of a document.
    private func previewImages(_ objects: inout [LibvirtObject]) {
        guard objects.contains(where: { $0.kind == .iso9660 }) else { return }
        let evaluator = RuntimeEvaluator(deployment: deployment, blueprint: blueprint, instances: instances)
        for index in objects.indices where objects[index].kind == .iso9660 && !objects[index].isExternal {
            guard let template = blueprint.nodeTemplates[objects[index].node] else { continue }
            let seed = SeedContents(template: template, instance: objects[index].instance, attachedTo: objects[index].attachedTo,
                                    evaluator: evaluator, runtime: [:], previewing: true)
            guard let (label, files) = try? seed.contents() else { continue }
            objects[index].imagePreview = LibvirtObject.ImagePreview(
                label: label, files: files.map { .init(path: $0.path, text: String(decoding: $0.contents, as: UTF8.self)) })
        }
    }

    /// The diagnostics without repeats (the instances of one node template share their mistakes).
    private static func unique(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen = Set<Diagnostic>()
        return diagnostics.filter { seen.insert($0).inserted }
    }
}

extension Optional where Wrapped == RenderValue {
    /// Not given: missing, or the empty string the plugin's types default to.
    var isAbsent: Bool {
        switch self {
        case nil, .string("")?: true
        default: false
        }
    }
}
