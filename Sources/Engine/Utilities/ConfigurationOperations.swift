import Blueprint
import Jinja
import StateStore

/// The operations of the utilities plugin's configuration loader (`cloudify_configuration`),
/// run on this host as the plugin's code runs them, on `--simulate` too. Everything lives in
/// the `params` runtime property:
/// - `load_configuration` (the loader's configure): `parameters` (a dict or its JSON text; when
///   empty, the property parameters_json) updates the loader's `params`, key by key, or with
///   `merge_dicts` nested dicts too;
/// - `load_configuration_to_runtime_properties` (load_from_config's preconfigure, on the
///   source): the loader's parameters that the source's property `params_list` names, then
///   the source's property `params` over them, with `old_params` (the previous `params`, its
///   own old_params emptied) and `diff_params` (the keys whose values differ from those, in
///   the configuration's order).
public enum ConfigurationOperations {
    public static let loadTask = "configuration.cloudify_configuration.tasks.load_configuration"
    public static let loadToRuntimePropertiesTask = "configuration.cloudify_configuration.tasks.load_configuration_to_runtime_properties"

    static let paramsProperty = "params"
    static let paramsListProperty = "params_list"
    /// The plugin's name of 1.x releases, which its operations call deprecated.
    static let deprecatedType = "configuration_loader"
    static let deprecation = "The node type configuration_loader is deprecated, please update your blueprint to use cloudify.nodes.ConfigurationLoader."

    public static func load(_ context: OperationContext) throws -> [String: JSONValue] {
        if context.nodeTypeHierarchy.contains(deprecatedType) { context.logger(LoggerLine(level: "error", message: deprecation)) }
        var given = context.inputs["parameters"]
        if !PythonTruth.of(given) { given = context.nodeProperties["parameters_json"] ?? .object([:]) }
        let parameters = try dictionary(given, what: "node '\(context.nodeName)': parameters")
        var params: [String: JSONValue] = [:]
        if case .object(let previous)? = context.runtimeProperties[paramsProperty] { params = previous }
        if PythonTruth.of(context.inputs["merge_dicts"]) {
            params = merged(params, parameters)
        } else {
            params.merge(parameters) { _, new in new }
        }
        return [paramsProperty: .object(params)]
    }

    /// `keyOrder`: the order of the configuration's keys in the blueprint (Python's dicts keep
    /// it, runtime properties do not), for diff_params and the log; nil: sorted.
    public static func loadToRuntimeProperties(_ context: OperationContext, keyOrder: KeyOrder?) throws -> [String: JSONValue] {
        guard let relationship = context.relationship else {
            throw BackendProblem("\(loadToRuntimePropertiesTask) is a relationship's operation (load_from_config's preconfigure); node '\(context.nodeName)' maps it to one of its own")
        }
        let source = relationship.source, target = relationship.target
        if context.nodeTypeHierarchy.contains(deprecatedType) || target.nodeType == deprecatedType {
            context.logger(LoggerLine(level: "error", message: deprecation))
        }
        var given = context.inputs["source_config"]
        if !PythonTruth.of(given) { given = target.runtimeProperties[paramsProperty] ?? .object([:]) }
        guard case .object(let sourceConfig)? = given else {
            throw BackendProblem("node '\(source.nodeName)': source_config is \(given.map { $0.jsonText() } ?? "nothing"), but it must be the loader's parameters, a dict")
        }
        var old: [String: JSONValue] = [:]
        if case .object(let previous)? = source.runtimeProperties[paramsProperty] { old = previous }
        // The plugin empties the previous params' own old_params, so that they do not nest.
        old["old_params"] = .object([:])

        let list = try sourceProperty(paramsListProperty, of: source)
        var params: [String: JSONValue] = [:]
        for (key, value) in sourceConfig {
            if try contains(key, in: list, node: source.nodeName) { params[key] = value }
        }
        guard case .object(let fixed) = try sourceProperty(paramsProperty, of: source) else {
            throw BackendProblem("node '\(source.nodeName)': the property params must be a dict of the parameters it fixes, not \(source.nodeProperties[paramsProperty]?.jsonText() ?? "null")")
        }
        params.merge(fixed) { _, new in new }
        params["old_params"] = .object([:])
        // The plugin adds old_params and diff_params last.
        let order = KeyOrder(hints: (keyOrder?.hints ?? []) + [.map([.init(key: "old_params", value: .null), .init(key: "diff_params", value: .null)])])
        func ordered(_ value: [String: JSONValue]) -> BlueprintValue { order.apply(.object(value)) }
        guard case .map(let entries) = ordered(params) else { return [:] }
        // A key the previous params lack compares with None, as Python's dict.get.
        let changed = entries.map(\.key).filter { key in !pythonEquals(params[key]!, old[key] ?? .null) }
        params["old_params"] = .object(old)
        params["diff_params"] = .array(changed.map(JSONValue.string))

        let instance = source.instanceID
        context.log(try "Show params for instance \(instance): " + ResourceTemplate.pythonText(ordered(masked(params))))
        context.log(try "Show old params for instance \(instance): " + ResourceTemplate.pythonText(ordered(masked(old))))
        context.log(try "Show diff params for instance \(instance): " + ResourceTemplate.pythonText(.list(changed.map(BlueprintValue.string))))
        return [paramsProperty: .object(params)]
    }

    /// Whether a node of `params_list` takes parameter `key`: Python's `key in params_list`, a
    /// list's item, a dict's key or a part of a text.
    static func contains(_ key: String, in list: JSONValue, node: String) throws -> Bool {
        switch list {
        case .array(let items): return items.contains(.string(key))
        case .object(let fields): return fields[key] != nil
        case .string(let text): return text.contains(key)
        default:
            throw BackendProblem("node '\(node)': the property params_list must be a list of parameter names, not \(list.jsonText())")
        }
    }

    /// A property the plugin reads with `properties[name]`, failing (KeyError) when it is not there.
    private static func sourceProperty(_ name: String, of source: RelationshipContext.End) throws -> JSONValue {
        guard let value = source.nodeProperties[name] else {
            throw BackendProblem("node '\(source.nodeName)' has no property \(name), which load_from_config reads (the plugin fails with KeyError: '\(name)'); "
                                 + "declare params_list and params in its type")
        }
        return value
    }

    /// The parameters as a dict: given as one, or as its JSON text (the plugin's `json.loads`).
    static func dictionary(_ value: JSONValue?, what: String) throws -> [String: JSONValue] {
        switch value {
        case .object(let fields)?:
            return fields
        case .string(let text)?:
            let parsed: JSONValue
            do {
                parsed = try JSONValue(jsonText: text)
            } catch {
                throw BackendProblem("\(what) is text that is no JSON (\(text.isEmpty ? "it is empty" : "\(error)")); give a dict, or its JSON text")
            }
            guard case .object(let fields) = parsed else {
                throw BackendProblem("\(what) is the JSON text of \(parsed.jsonText()), but it must be a dict")
            }
            return fields
        default:
            throw BackendProblem("\(what) is \(value.map { $0.jsonText() } ?? "nothing"), but it must be a dict, or its JSON text")
        }
    }

    /// The plugin's `_merge_dicts`: `new` over `old`, dicts within both merged the same way.
    private static func merged(_ old: [String: JSONValue], _ new: [String: JSONValue]) -> [String: JSONValue] {
        var result = old
        for (key, value) in new {
            if case .object(let inner)? = result[key], case .object(let given) = value {
                result[key] = .object(merged(inner, given))
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// Python's `!=` of the plugin's comparison, where `1 == 1.0 == True`.
    private static func pythonEquals(_ a: JSONValue, _ b: JSONValue) -> Bool {
        ResourceTemplate.jinjaValue(OutputResolver.value(a)).pythonEquals(ResourceTemplate.jinjaValue(OutputResolver.value(b)))
    }

    /// What the plugin logs of a value (cloudify_common_sdk's obfuscate_passwords): the values of
    /// keys that name a password, secret, token or authorization hidden, at any depth.
    private static func masked(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        fields.reduce(into: [:]) { result, field in
            let upper = field.key.uppercased()
            result[field.key] = ["AUTHORIZATION", "TOKEN", "SECRET", "PASSWORD"].contains { upper.contains($0) }
                ? .string(String(repeating: "x", count: 16)) : masked(field.value)
        }
    }

    private static func masked(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let fields): .object(masked(fields))
        case .array(let items): .array(items.map(masked))
        default: value
        }
    }
}
