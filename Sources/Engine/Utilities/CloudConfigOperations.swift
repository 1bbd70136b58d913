import Blueprint
import Platform
import StateStore
import YAMLSource

/// The operations of the utilities plugin's `cloudify.nodes.CloudInit.CloudConfig`
/// (`cloudinit.cloudify_cloudinit.tasks.update` at create, configure, start and stop; `delete`),
/// run on this host as the plugin's code runs them, on `--simulate` too: the node's
/// resource_config, updated key by key with the instance's `resource_config` runtime property
/// and then the operation's resource_config input (Python's dict.update), becomes
/// - `resource_config`: the merged configuration,
/// - `cloud_config`: `header`, a line break and PyYAML's dump of it (base64 of the whole when
///   encode_base64),
/// - `json_config`: Python's json.dumps of it.
/// A write_files entry whose content is `{resource_type: file_resource, resource_name: PATH}`
/// gets the file's text as content, rendered as a Jinja2 template when template_variables is
/// not empty.
public enum CloudConfigOperations {
    public static let updateTask = "cloudinit.cloudify_cloudinit.tasks.update"
    public static let deleteTask = "cloudinit.cloudify_cloudinit.tasks.delete"

    /// The configuration's parts in the order the blueprint writes them: node properties and
    /// inputs in `OperationContext` are JSON objects, which keep no key order, but the dump
    /// shows it. nil where only the JSON is known (destroy runs recorded operations): keys are
    /// then sorted.
    public struct OrderedSources: Sendable {
        /// The node's resource_config property.
        public var property: Value?
        /// This operation's resource_config input.
        public var input: Value?
        /// Every resource_config the blueprint gives the node (property and operation inputs, in
        /// lifecycle order): the key order of the runtime property follows them.
        public var keyOrder: KeyOrder

        public init(property: Value?, input: Value?, keyOrder: KeyOrder) {
            self.property = property
            self.input = input
            self.keyOrder = keyOrder
        }
    }

    public static func update(_ context: OperationContext, ordered: OrderedSources?) throws -> [String: JSONValue] {
        let keyOrder = ordered?.keyOrder ?? KeyOrder(hints: [])
        var config: [Value.Entry] = []
        let parts: [(what: String, value: Value?)] = [
            ("the property resource_config", ordered?.property ?? context.nodeProperties["resource_config"].map(keyOrder.apply)),
            ("the runtime property resource_config", context.runtimeProperties["resource_config"].map(keyOrder.apply)),
            ("the input resource_config", ordered?.input ?? context.inputs["resource_config"].map(keyOrder.apply)),
        ]
        for (what, value) in parts {
            guard let value else { continue }
            guard case .map(let entries) = value else {
                throw BackendProblem("node '\(context.nodeName)': \(what) must be a mapping (the cloud-init configuration), not \(OutputResolver.json(value).jsonText())")
            }
            update(&config, with: entries)
        }
        try readFileResources(&config, context: context)
        let merged = Value.map(config)
        var text = PythonYAMLDump.text(of: merged)
        switch context.nodeProperties["header"] {
        case .string(let header)? where !header.isEmpty: text = header + "\n" + text
        case nil, .null?, .string?, .bool(false)?: break
        case let other?:
            throw BackendProblem("node '\(context.nodeName)': the property header must be text such as '#cloud-config', not \(other.jsonText())")
        }
        if PythonTruth.of(context.nodeProperties["encode_base64"]) {
            text = Data(text.utf8).base64EncodedString()
        }
        context.log("cloud_config of \(context.instanceID): \(config.count) top-level keys\(PythonTruth.of(context.nodeProperties["encode_base64"]) ? ", base64" : "")")
        return [
            "resource_config": OutputResolver.json(merged),
            "cloud_config": .string(text),
            "json_config": .string(PythonJSONDump.text(of: merged)),
        ]
    }

    /// Python's `dict.update`: a key already there keeps its place and takes the new value, a
    /// new key goes at the end.
    private static func update(_ config: inout [Value.Entry], with entries: [Value.Entry]) {
        for entry in entries {
            if let index = config.firstIndex(where: { $0.key == entry.key }) {
                config[index].value = entry.value
            } else {
                config.append(entry)
            }
        }
    }

    /// The plugin's external resources: write_files entries (up to the first that is not a
    /// mapping) whose content is a mapping with `resource_type: file_resource`.
    private static func readFileResources(_ config: inout [Value.Entry], context: OperationContext) throws {
        guard let index = config.firstIndex(where: { $0.key == "write_files" }), case .list(var files) = config[index].value else { return }
        for position in files.indices {
            guard case .map(var file) = files[position] else { break }
            guard let contentIndex = file.firstIndex(where: { $0.key == "content" }), case .map(let content) = file[contentIndex].value,
                  content.first(where: { $0.key == "resource_type" })?.value == .string("file_resource") else { continue }
            let name = content.first { $0.key == "resource_name" }?.value
            let variables = content.first { $0.key == "template_variables" }?.value
            guard case .string(let path)? = name, !path.isEmpty else {
                throw BackendProblem("node '\(context.nodeName)': write_files[\(position)].content has resource_type file_resource but no resource_name; give the file's path, relative to the blueprint")
            }
            let text = try resourceText(path, context: context, what: "write_files[\(position)].content")
            var rendered = text
            if case .map(let pairs)? = variables, !pairs.isEmpty {
                do {
                    rendered = try ResourceTemplate.render(text, variables: pairs)
                } catch {
                    throw BackendProblem("node '\(context.nodeName)': write_files[\(position)].content: the template '\(path)' does not render: \(error)")
                }
            }
            file[contentIndex].value = .string(rendered)
            files[position] = .map(file)
        }
        config[index].value = .list(files)
    }

    /// A resource of the blueprint (Cloudify's ctx.get_resource): a file inside its folder.
    private static func resourceText(_ path: String, context: OperationContext, what: String) throws -> String {
        let base = context.blueprintDirectory.path
        switch ResourcePath.resolve(path, inside: base) {
        case .failure(let problem):
            throw BackendProblem("node '\(context.nodeName)': \(what) names the resource \(ResourcePath.explain(problem, path: path, base: base)); move the file into the blueprint's folder")
        case .success(let resolved):
            guard let data = FileManager.default.contents(atPath: resolved) else {
                throw BackendProblem("node '\(context.nodeName)': \(what) names the resource '\(path)', which is not a readable file in '\(base)'")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw BackendProblem("node '\(context.nodeName)': \(what) names the resource '\(path)', which is not UTF-8 text")
            }
            return text
        }
    }
}
