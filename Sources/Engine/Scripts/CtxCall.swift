import Platform
import StateStore
import YAMLSource

/// The `ctx` command a script calls, compatible where practical with Cloudify's script plugin:
/// `ctx [-j] instance runtime-properties KEY [VALUE]`, `ctx node properties KEY`, `ctx logger
/// LEVEL MESSAGE`, ids and names, files of the blueprint's folder; in a relationship's operation
/// the same under `ctx source …` and `ctx target …`. It reads the context file (`BLUEVIRT_CONTEXT`)
/// and appends sets to the changes file (`BLUEVIRT_CTX_CHANGES`); log lines go into the script's
/// output where they can (``LoggerPipe``), else there too.
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
          ctx instance runtime-properties get KEY [DEFAULT]   as Cloudify's proxy: the dictionary's get
          ctx instance id | ctx deployment id | ctx blueprint id | ctx operation name
          ctx instance host_ip                      the address of the compute instance that hosts it
          ctx type                                  node-instance, or relationship-instance
          ctx execution_id | ctx task_name          the execution's number (bluevirt history); script_runner.tasks.run
          ctx logger debug|info|warning|error MESSAGE
          ctx download-resource PATH [TARGET]       copy a file of the blueprint's folder; prints the copy's path
          ctx get-resource PATH                     print a file of the blueprint's folder
          ctx -j ...                                print the result as JSON
        in an operation of a relationship, instead of ctx node and ctx instance:
          ctx source node id|name|type|properties [KEY]    the relationship's source (the step's instance)
          ctx source instance id|host_ip|runtime-properties [KEY [VALUE]]
          ctx target node id|name|type|properties [KEY]    the relationship's target
          ctx target instance id|host_ip|runtime-properties [KEY [VALUE]]
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
            return try answer(words, json: json, context: context, changesPath: changesPath, environment: environment)
        } catch {
            return failure("ctx: \(FileErrorText.of(error))")
        }
    }

    private static func answer(_ words: [String], json: Bool, context: ScriptContextDocument, changesPath: String,
                               environment: [String: String]) throws -> Outcome {
        let call = words.map { $0.replacing("_", with: "-") }
        switch (call.first, call.dropFirst().first) {
        case ("deployment", "id") where words.count == 2: return printed(.string(context.deployment), json: json)
        case ("blueprint", "id") where words.count == 2: return printed(.string(context.blueprintID), json: json)
        case ("resource-path", _) where words.count == 2:
            return printed(.string(try resource(words[1], in: context)), json: json)
        case ("download-resource", _) where (2...3).contains(words.count):
            let source = try resource(words[1], in: context)
            let target = words.count == 3 ? words[2]
                : FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(URL(fileURLWithPath: words[1]).lastPathComponent)").path
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.copyItem(atPath: source, toPath: target)
            return printed(.string(target), json: json)
        case ("get-resource", _) where words.count == 2:
            let path = try resource(words[1], in: context)
            guard let data = FileManager.default.contents(atPath: path) else { return failure("ctx: cannot read '\(path)'") }
            return Outcome(status: 0, output: String(decoding: data, as: UTF8.self), error: "")
        case ("operation", "name") where words.count == 2: return printed(.string(context.operation), json: json)
        case ("execution-id", nil): return printed(context.executionID.map(JSONValue.string), json: json)
        case ("task-name", nil): return printed(.string(ScriptContextDocument.taskName), json: json)
        // Cloudify's context type: what the script is an operation of.
        case ("type", nil): return printed(.string(context.relationship == nil ? "node-instance" : "relationship-instance"), json: json)
        case ("logger", let level?) where words.count >= 3 && ["debug", "info", "warning", "warn", "error"].contains(level):
            let message = words.dropFirst(2).joined(separator: " ")
            let line = ScriptChange.log(level: level == "warn" ? "warning" : level, message: message)
            if !LoggerPipe.write(line, environment: environment) { try ScriptChange.append(line, toFileAt: changesPath) }
            return Outcome(status: 0, output: "", error: "")
        case ("node", _), ("instance", _):
            if context.relationship != nil { return failure(notInNodeContext(words)) }
            // A blueprint's script workflow runs for the deployment, on no node.
            if context.instanceID.isEmpty {
                return failure("ctx: 'ctx \(words.joined(separator: " "))': workflow '\(context.workflow)' runs for the deployment, not on a node "
                               + "instance, so there is no node or instance here; ctx deployment id and its parameters (the script's inputs) are")
            }
            let own = RelationshipContext.End(nodeName: context.nodeName, nodeType: context.nodeType, instanceID: context.instanceID,
                                              nodeProperties: context.nodeProperties, runtimeProperties: context.runtimeProperties,
                                              hostIP: context.hostIP)
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
        let call = rest.map { $0.replacing("_", with: "-") }
        switch (call.first, call.dropFirst().first) {
        case ("node", "id") where rest.count == 2, ("node", "name") where rest.count == 2: return printed(.string(end.nodeName), json: json)
        case ("node", "type") where rest.count == 2: return printed(.string(end.nodeType), json: json)
        case ("instance", "id") where rest.count == 2: return printed(.string(end.instanceID), json: json)
        // Cloudify's host_ip: the hosting compute instance's address; nothing (null with -j) without one, as Cloudify prints None.
        case ("instance", "host-ip") where rest.count == 2: return printed(end.hostIP.map(JSONValue.string), json: json)
        case ("node", "properties") where rest.count <= 3:
            return printed(rest.count == 2 ? .object(end.nodeProperties) : JSONValue.lookUp(rest[2], in: end.nodeProperties), json: json)
        case ("node", "properties") where isDictionaryGet(rest):
            return printed(dictionaryGet(rest, in: end.nodeProperties), json: json)
        case ("instance", "runtime-properties") where rest.count <= 4 || isDictionaryGet(rest):
            // The properties as the script's own sets and removals so far left them.
            var properties = end.runtimeProperties
            for change in ScriptChange.parse((try? String(contentsOfFile: changesPath, encoding: .utf8)) ?? "") {
                switch change {
                case .runtimeProperty(let key, let value) where isOwn, .targetRuntimeProperty(let key, let value) where !isOwn:
                    properties[key] = value
                case .runtimePropertyRemoved(let key, let ofTarget) where ofTarget != isOwn:
                    properties[key] = nil
                default: break
                }
            }
            if rest.count == 2 { return printed(.object(properties), json: json) }
            if rest.count == 3 { return printed(JSONValue.lookUp(rest[2], in: properties), json: json) }
            if isDictionaryGet(rest) { return printed(dictionaryGet(rest, in: properties), json: json) }
            try set(rest[2], to: parsedValue(rest[3]), in: properties, ofTarget: !isOwn, changesPath: changesPath)
            return Outcome(status: 0, output: "", error: "")
        default:
            return unsupported(words)
        }
    }

    /// `… properties get KEY [DEFAULT]`: Cloudify's ctx proxy calls the dictionary's own `get`
    /// (scripts write `ctx instance runtime_properties get counter`). Without this reading, the
    /// words were a set of the property `get` to KEY, and the script read nothing.
    private static func isDictionaryGet(_ rest: [String]) -> Bool {
        (4...5).contains(rest.count) && rest[2] == "get"
    }

    private static func dictionaryGet(_ rest: [String], in properties: [String: JSONValue]) -> JSONValue? {
        properties[rest[3]] ?? (rest.count == 5 ? parsedValue(rest[4]) : nil)
    }

    /// The absolute path of a file of the blueprint's folder, by the rule of every file a
    /// blueprint names (ResourcePath): inside the folder, and existing.
    private static func resource(_ path: String, in context: ScriptContextDocument) throws -> String {
        switch ResourcePath.resolve(path, inside: context.blueprintDirectory) {
        case .success(let resolved):
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw ScriptContextProblem("there is no resource '\(path)' in the blueprint's folder '\(context.blueprintDirectory)'")
            }
            return resolved
        case .failure(let problem):
            throw ScriptContextProblem("the resource \(ResourcePath.explain(problem, path: path, base: context.blueprintDirectory)); "
                                       + "a resource is a file of the blueprint's folder, named by its path relative to it")
        }
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
    private static func set(_ key: String, to value: JSONValue, in properties: [String: JSONValue], ofTarget: Bool, changesPath: String) throws {
        func change(_ key: String, _ value: JSONValue) -> ScriptChange {
            ofTarget ? .targetRuntimeProperty(key: key, value: value) : .runtimeProperty(key: key, value: value)
        }
        let components = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if properties[key] != nil || components.count == 1 || components.contains("") {
            try ScriptChange.append(change(key, value), toFileAt: changesPath)
            return
        }
        let top = components[0]
        let updated = (properties[top] ?? .null).setting(value, at: components.dropFirst())
        try ScriptChange.append(change(top, updated), toFileAt: changesPath)
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
