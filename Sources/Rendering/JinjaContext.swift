import Jinja

/// The variables a Jinja2 user template sees, equivalent to the plugin's: the node's `params`
/// with bluevirt's defaults applied (`name`, `resource_id`, `instance_uuid`, `domain_type`,
/// `vcpu`, `memory_size`, `memory_maxsize`, each disk's `dev`/`bus`/`type`, ...), plus `ctx`
/// with the instance, node and deployment ids, as the plugin passes Cloudify's `ctx`.
enum JinjaContext {
    /// `context` is what the Mustache templates read. Mustache needs every optional key set (to
    /// `false`) so a missing one is not looked up in an enclosing section; in Jinja2 those keys
    /// must stay undefined, as in the plugin, so `{% if x is defined %}` and `|default` work and
    /// `{{ mac }}` prints nothing rather than `False`. A `false` the user gave stays.
    static func build(_ context: [String: Any], given: [String: RenderValue], identity: InstanceIdentity?) -> [String: Jinja.Value] {
        var result: [String: Jinja.Value] = [:]
        for (key, value) in context {
            if let converted = convert(value, given: given[key], keepFalse: given[key] != nil) { result[key] = converted }
        }
        if result["ctx"] == nil, let identity {
            result["ctx"] = .dict([
                ("deployment", .dict([("id", .string(identity.deployment))])),
                ("node", .dict([("id", .string(identity.node)), ("name", .string(identity.node))])),
                ("instance", .dict([("id", .string(identity.instance))])),
            ])
        }
        return result
    }

    /// nil for a `false` filled in for an absent key.
    private static func convert(_ value: Any, given: RenderValue?, keepFalse: Bool) -> Jinja.Value? {
        switch value {
        case let flag as Bool:
            return flag || keepFalse ? .bool(flag) : nil
        case let number as Int:
            return .int(number)
        case let number as Double:
            return .float(number)
        case let text as String:
            return .string(text)
        case let items as [Any]:
            var givenItems: [RenderValue] = []
            if case .list(let list)? = given { givenItems = list }
            return .list(items.enumerated().map { index, item in
                convert(item, given: index < givenItems.count ? givenItems[index] : nil, keepFalse: true) ?? .bool(false)
            })
        case let mapping as [String: Any]:
            var givenPairs: [String: RenderValue] = [:]
            if case .map(let pairs)? = given { givenPairs = pairs }
            // Swift dictionaries keep no order; sorted keys make `{{ d }}` and `for k in d` stable.
            var pairs: [(String, Jinja.Value)] = []
            for key in mapping.keys.sorted() {
                if let converted = convert(mapping[key]!, given: givenPairs[key], keepFalse: givenPairs[key] != nil) {
                    pairs.append((key, converted))
                }
            }
            return .dict(pairs)
        default:
            return .string("\(value)")
        }
    }
}
