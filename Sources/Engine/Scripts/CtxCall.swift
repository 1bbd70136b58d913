import Foundation
import StateStore

/// The `ctx` command a script calls, compatible where practical with Cloudify's script plugin:
/// `ctx [-j] instance runtime-properties KEY [VALUE]`, `ctx node properties KEY`, `ctx logger
/// LEVEL MESSAGE`, ids and names; in a relationship's operation the same under `ctx source …`
/// and `ctx target …` (the target's runtime properties read only). It reads the context file (`BLUEVIRT_CONTEXT`) and appends
/// sets and log lines to the changes file (`BLUEVIRT_CTX_CHANGES`).
public enum CtxCall {
    /// What the command prints and its exit status.
    public struct Outcome: Sendable, Hashable {
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// The calls supported, for the message on an unknown call and for docs/scripts.md.
    public static let usage = """
        supported ctx calls:
          ctx instance runtime-properties [KEY]     print one (or all) runtime properties
          ctx instance runtime-properties KEY VALUE set one; VALUE is JSON when it parses as JSON
          ctx node properties [KEY]                 print one (or all) node properties; KEY may be a.b
          ctx node id | ctx node name | ctx node type
          ctx instance id | ctx deployment id | ctx operation name
          ctx logger debug|info|warning|error MESSAGE
          ctx -j ...                                print the result as JSON
        in an operation of a relationship, instead of ctx node and ctx instance:
          ctx source node id|name|type|properties [KEY]    the relationship's source (the step's instance)
          ctx source instance id|runtime-properties [KEY [VALUE]]
          ctx target node id|name|type|properties [KEY]    the relationship's target
          ctx target instance id|runtime-properties [KEY]  read only
        """

    /// Runs `ctx ARGUMENTS` against the files named in `environment`.
    public static func run(_ arguments: [String], environment: [String: String]) -> Outcome {
        var json = false
        var words: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            switch argument {
            case "-j", "--json-output": json = true
            // Options of Cloudify's ctx client that make no difference here.
            case "--timeout", "--socket-url", "--json-arg-prefix": _ = remaining.popFirst()
            default: words.append(argument)
            }
        }
        guard let contextPath = environment["BLUEVIRT_CONTEXT"], let changesPath = environment["BLUEVIRT_CTX_CHANGES"] else {
            return failure("ctx: BLUEVIRT_CONTEXT and BLUEVIRT_CTX_CHANGES are not set; ctx works only inside a script that bluevirt runs")
        }
        do {
            let context = try ScriptContextDocument(contentsOf: contextPath)
            return try answer(words, json: json, context: context, changesPath: changesPath)
        } catch {
            return failure("ctx: \(error)")
        }
    }

    private static func answer(_ words: [String], json: Bool, context: ScriptContextDocument, changesPath: String) throws -> Outcome {
        let call = words.map { $0.replacingOccurrences(of: "_", with: "-") }
        switch (call.first, call.dropFirst().first) {
        case ("deployment", "id") where words.count == 2: return printed(.string(context.deployment), json: json)
        case ("operation", "name") where words.count == 2: return printed(.string(context.operation), json: json)
        case ("logger", let level?) where words.count >= 3 && ["debug", "info", "warning", "warn", "error"].contains(level):
            let message = words.dropFirst(2).joined(separator: " ")
            try ScriptChange.append(.log(level: level == "warn" ? "warning" : level, message: message), toFileAt: changesPath)
            return Outcome(status: 0, output: "", error: "")
        case ("node", _), ("instance", _):
            if context.relationship != nil { return failure(notInNodeContext(words)) }
            let own = RelationshipContext.End(nodeName: context.nodeName, nodeType: context.nodeType, instanceID: context.instanceID,
                                              nodeProperties: context.nodeProperties, runtimeProperties: context.runtimeProperties)
            return try answer(words, about: own, isOwn: true, json: json, changesPath: changesPath)
        case ("source", _), ("target", _):
            guard let relationship = context.relationship else {
                return failure("ctx: 'ctx \(words.joined(separator: " "))': ctx source and ctx target exist only in an operation of a relationship "
                               + "(under its source_interfaces or target_interfaces); this is an operation of node '\(context.nodeName)': use ctx node and ctx instance")
            }
            let isSource = call[0] == "source"
            return try answer(words, about: isSource ? relationship.source : relationship.target, isOwn: isSource, json: json, changesPath: changesPath)
        default:
            return unsupported(words)
        }
    }

    /// `[source|target] node …` and `[source|target] instance …` about one node instance; only the
    /// step's own instance (`isOwn`) has its runtime properties set and its sets read back.
    private static func answer(_ words: [String], about end: RelationshipContext.End, isOwn: Bool, json: Bool, changesPath: String) throws -> Outcome {
        let isEnd = ["source", "target"].contains(words[0])
        let rest = Array(words.dropFirst(isEnd ? 1 : 0))
        let call = rest.map { $0.replacingOccurrences(of: "_", with: "-") }
        switch (call.first, call.dropFirst().first) {
        case ("node", "id") where rest.count == 2, ("node", "name") where rest.count == 2: return printed(.string(end.nodeName), json: json)
        case ("node", "type") where rest.count == 2: return printed(.string(end.nodeType), json: json)
        case ("instance", "id") where rest.count == 2: return printed(.string(end.instanceID), json: json)
        case ("node", "properties") where rest.count <= 3:
            return printed(rest.count == 2 ? .object(end.nodeProperties) : JSONValue.lookUp(rest[2], in: end.nodeProperties), json: json)
        case ("instance", "runtime-properties") where rest.count <= 4:
            var properties = end.runtimeProperties
            if isOwn {
                for case .runtimeProperty(let key, let value) in ScriptChange.parse((try? String(contentsOfFile: changesPath, encoding: .utf8)) ?? "") {
                    properties[key] = value
                }
            }
            if rest.count == 2 { return printed(.object(properties), json: json) }
            if rest.count == 3 { return printed(JSONValue.lookUp(rest[2], in: properties), json: json) }
            guard isOwn else { return failure(targetWriteRefusal(key: rest[2], target: end.instanceID)) }
            try set(rest[2], to: parsedValue(rest[3]), in: properties, changesPath: changesPath)
            return Outcome(status: 0, output: "", error: "")
        default:
            return unsupported(words)
        }
    }

    /// Why a relationship's operation cannot set its target's runtime properties.
    private static func targetWriteRefusal(key: String, target: String) -> String {
        """
        ctx: cannot set runtime property '\(key)' of the relationship's target '\(target)': bluevirt records runtime \
        properties only for the instance the operation belongs to, the relationship's source; set the target's \
        from one of its own operations (a script of its node)
        """
    }

    /// Cloudify's answer to `ctx node` and `ctx instance` in a relationship's operation.
    private static func notInNodeContext(_ words: [String]) -> String {
        """
        ctx: 'ctx \(words.joined(separator: " "))': node and instance are not available in a relationship's operation \
        (as in Cloudify); use ctx source node …, ctx source instance …, ctx target node … or ctx target instance …
        """
    }

    private static func unsupported(_ words: [String]) -> Outcome {
        failure("ctx: bluevirt does not support 'ctx \(words.joined(separator: " "))'\n\(usage)")
    }

    /// Sets `key` (a dotted path sets inside an object when the key as written is not a property).
    private static func set(_ key: String, to value: JSONValue, in properties: [String: JSONValue], changesPath: String) throws {
        let components = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if properties[key] != nil || components.count == 1 || components.contains("") {
            try ScriptChange.append(.runtimeProperty(key: key, value: value), toFileAt: changesPath)
            return
        }
        let top = components[0]
        let updated = (properties[top] ?? .null).setting(value, at: components.dropFirst())
        try ScriptChange.append(.runtimeProperty(key: top, value: updated), toFileAt: changesPath)
    }

    /// A value as Cloudify's ctx reads it: `@` followed by JSON is that JSON; text that parses as
    /// JSON (a number, true, an object) is that value; anything else is the text.
    static func parsedValue(_ text: String) -> JSONValue {
        if text.hasPrefix("@"), let value = try? JSONValue(jsonText: String(text.dropFirst())) { return value }
        return (try? JSONValue(jsonText: text)) ?? .string(text)
    }

    /// Text as it is, other values as JSON; a missing value prints nothing, as an unset property
    /// is no error for scripts that test `[ -z "$(ctx …)" ]`.
    private static func printed(_ value: JSONValue?, json: Bool) -> Outcome {
        guard let value else { return Outcome(status: 0, output: json ? "null\n" : "", error: "") }
        if case .string(let text) = value, !json { return Outcome(status: 0, output: text + "\n", error: "") }
        return Outcome(status: 0, output: value.jsonText() + "\n", error: "")
    }

    private static func failure(_ message: String) -> Outcome {
        Outcome(status: 1, output: "", error: message + "\n")
    }
}
