import Jinja
import StateStore
import Blueprint

/// Cloudify's `ctx.get_resource_and_render`: a resource file rendered by jinja2 with the given
/// variables (the utilities plugin's write_files `template_variables`).
enum ResourceTemplate {
    static func render(_ text: String, variables: [BlueprintValue.Entry]) throws -> String {
        var context: [String: Jinja.Value] = [:]
        for entry in variables { context[entry.key] = jinjaValue(entry.value) }
        return try Template(text).render(context)
    }

    /// Python's `str()` of a value (a dict as `{'key': 'value'}`), as a plugin's log lines show
    /// it; a JSON object's keys sorted, since it keeps no order.
    static func pythonText(_ value: JSONValue) throws -> String {
        try pythonText(OutputResolver.value(value))
    }

    static func pythonText(_ value: BlueprintValue) throws -> String {
        try Template("{{ value }}").render(["value": jinjaValue(value)])
    }

    /// A blueprint value as jinja2 sees it (dicts keep the value's key order).
    static func jinjaValue(_ value: BlueprintValue) -> Jinja.Value {
        switch value {
        case .null: .none
        case .bool(let flag): .bool(flag)
        case .int(let number): .int(number)
        case .float(let number): .float(number)
        case .string(let text): .string(text)
        case .list(let items): .list(items.map(jinjaValue))
        case .map(let entries): .dict(entries.map { ($0.key, jinjaValue($0.value)) })
        }
    }
}
