import YAMLSource

/// Rewrites the files imported under a namespace (`ns--lib/types.yaml`) as Cloudify reads them:
/// every name the file defines becomes `ns--name`, and so does every name it refers to, so the
/// file sees its own definitions and those of Cloudify's types.yaml, and nothing else. Later
/// stages then meet plain names and need no namespace rules of their own.
///
/// What is left as written, as Cloudify leaves it: `cloudify.*` names, primitive type names,
/// `SELF`/`SOURCE`/`TARGET`, and a script path in an operation (a script is a file of the
/// blueprint, found by its path whatever the namespace).
struct NamespacePrefixer {
    /// Every plugin name of the blueprint, each as its own file's namespace makes it.
    private let pluginNames: [String]

    init(documents: [LoadedDocument]) {
        pluginNames = documents.flatMap { document in
            (document.root?["plugins"]?.pairs ?? []).compactMap { pair in
                pair.key.string.map { ImportNamespace.qualified($0, in: document.file.namespace) }
            }
        }
    }

    /// The document with its names and references prefixed, when it has a namespace.
    func prefixed(_ document: LoadedDocument) -> LoadedDocument {
        guard let namespace = document.file.namespace, let root = document.root, let sections = root.pairs else { return document }
        var result = document
        let file = FileRewriter(namespace: namespace, pluginNames: pluginNames)
        result.root = Node(.mapping(sections.map { file.section($0) }), range: root.range)
        return result
    }
}

extension NamespacePrefixer {
    /// `diagnostics` with a note on each problem in a namespaced file that names a prefixed
    /// name: the user wrote `main_type` and reads about `ns--main_type`, and should learn why.
    static func explained(_ diagnostics: [Diagnostic], files: [BlueprintFile]) -> [Diagnostic] {
        var namespaces: [String: [String]] = [:]
        for file in files { if let namespace = file.namespace { namespaces[file.path, default: []].append(namespace) } }
        guard !namespaces.isEmpty else { return diagnostics }
        return diagnostics.map { diagnostic in
            let range = diagnostic.range
            guard let candidates = namespaces[range.file],
                  let namespace = candidates.first(where: { diagnostic.message.contains("'\($0)\(ImportNamespace.delimiter)") }) else { return diagnostic }
            var explained = diagnostic
            let file = range.file.split(separator: "/").last.map(String.init) ?? range.file
            explained.notes.append(DiagnosticNote("'\(file)' is imported under the namespace '\(namespace)', so the names it defines and refers to read '\(namespace)--NAME': it sees its own names, Cloudify's (cloudify.*) and those of the files it imports, not the importing file's"))
            return explained
        }
    }
}

/// The rewriting of one namespaced file.
private struct FileRewriter {
    let namespace: String
    let pluginNames: [String]

    /// Sections whose entries are named and whose names the namespace prefixes.
    private static let namedSections: Set<String> = [
        "inputs", "data_types", "node_types", "relationships", "node_templates", "outputs", "capabilities",
        "plugins", "workflows", "groups", "policies", "policy_types", "policy_triggers",
    ]
    private static let nodeTargets: Set<String> = ["SELF", "SOURCE", "TARGET"]

    func section(_ pair: Pair) -> Pair {
        guard let name = pair.key.string, Self.namedSections.contains(name), let entries = pair.value.pairs else { return pair }
        let rewritten = entries.map { entry in
            Pair(key: reference(entry.key), value: functions(in: definition(entry.value, in: name)))
        }
        return Pair(key: pair.key, value: Node(.mapping(rewritten), range: pair.value.range))
    }

    /// One definition of `section`, its references prefixed (functions come after, everywhere).
    private func definition(_ value: Node, in section: String) -> Node {
        switch section {
        case "inputs": return schema(value)
        case "data_types": return editing(value, ["derived_from": reference, "properties": schemas])
        case "node_types":
            return editing(value, ["derived_from": reference, "properties": schemas, "interfaces": interfaces])
        case "relationships":
            return editing(value, ["derived_from": reference, "properties": schemas,
                                   "source_interfaces": interfaces, "target_interfaces": interfaces])
        case "node_templates":
            return editing(value, ["type": reference, "interfaces": interfaces, "relationships": { list in
                eachItem(list) { editing($0, ["type": reference, "target": reference,
                                              "source_interfaces": interfaces, "target_interfaces": interfaces]) }
            }])
        case "plugins": return editing(value, ["properties": schemas])
        case "policy_types": return editing(value, ["properties": schemas])
        case "policy_triggers": return editing(value, ["parameters": schemas])
        case "groups":
            return editing(value, ["members": { eachItem($0, reference) }, "policies": { policies in
                eachValue(policies) { editing($0, ["type": reference, "triggers": { eachValue($0) { editing($0, ["type": reference]) } }]) }
            }])
        case "policies": return editing(value, ["type": reference, "targets": { eachItem($0, reference) }])
        case "workflows":
            if value.string != nil { return implementation(value) }
            return editing(value, ["mapping": implementation, "parameters": schemas])
        default: return value
        }
    }

    // MARK: references

    /// A name the file refers to or defines, prefixed.
    private func reference(_ node: Node) -> Node {
        guard let name = node.string else { return node }
        return replacing(node, with: ImportNamespace.qualified(name, in: namespace))
    }

    /// A type name: primitive types stay as written.
    private func typeName(_ node: Node) -> Node {
        guard let name = node.string, !PrimitiveType.names.contains(name) else { return node }
        return reference(node)
    }

    /// An operation's or workflow's implementation: a task of the file's own plugins is
    /// prefixed; one of a plugin outside the namespace too, as Cloudify does, so that it stays
    /// unknown; anything else (a script path) as written.
    private func implementation(_ node: Node) -> Node {
        guard let mapping = node.string, !mapping.isEmpty else { return node }
        let prefixed = ImportNamespace.qualified(mapping, in: namespace)
        let namesPlugin = { (text: String) in pluginNames.contains { text.hasPrefix($0 + ".") } }
        return namesPlugin(prefixed) || namesPlugin(mapping) ? replacing(node, with: prefixed) : node
    }

    // MARK: shapes

    private func schema(_ node: Node) -> Node {
        editing(node, ["type": typeName, "item_type": typeName])
    }

    private func schemas(_ node: Node) -> Node { eachValue(node, schema) }

    private func interfaces(_ node: Node) -> Node {
        eachValue(node) { operations in
            eachValue(operations) { operation in
                if operation.string != nil { return implementation(operation) }
                return editing(operation, ["implementation": implementation, "inputs": schemas])
            }
        }
    }

    /// Intrinsic functions anywhere in `node`: get_input's input, and get_property's and
    /// get_attribute's node (not SELF, SOURCE or TARGET).
    private func functions(in node: Node) -> Node {
        switch node.content {
        case .scalar: return node
        case .sequence(let items): return Node(.sequence(items.map(functions)), range: node.range)
        case .mapping(let pairs):
            let rewritten = pairs.map { pair -> Pair in
                switch pair.key.string {
                case "get_input":
                    if pair.value.string != nil { return Pair(key: pair.key, value: reference(pair.value)) }
                    return Pair(key: pair.key, value: firstItem(of: functions(in: pair.value), reference))
                case "get_property", "get_attribute":
                    return Pair(key: pair.key, value: firstItem(of: functions(in: pair.value)) { first in
                        first.string.map(Self.nodeTargets.contains) == true ? first : reference(first)
                    })
                default: return Pair(key: pair.key, value: functions(in: pair.value))
                }
            }
            return Node(.mapping(rewritten), range: node.range)
        }
    }

    // MARK: tree editing

    private func editing(_ node: Node, _ fields: [String: (Node) -> Node]) -> Node {
        guard let pairs = node.pairs else { return node }
        let rewritten = pairs.map { pair in
            guard let key = pair.key.string, let edit = fields[key] else { return pair }
            return Pair(key: pair.key, value: edit(pair.value))
        }
        return Node(.mapping(rewritten), range: node.range)
    }

    private func eachValue(_ node: Node, _ edit: (Node) -> Node) -> Node {
        guard let pairs = node.pairs else { return node }
        return Node(.mapping(pairs.map { Pair(key: $0.key, value: edit($0.value)) }), range: node.range)
    }

    private func eachItem(_ node: Node, _ edit: (Node) -> Node) -> Node {
        guard let items = node.items else { return node }
        return Node(.sequence(items.map(edit)), range: node.range)
    }

    private func firstItem(of node: Node, _ edit: (Node) -> Node) -> Node {
        guard var items = node.items, let first = items.first else { return node }
        items[0] = edit(first)
        return Node(.sequence(items), range: node.range)
    }

    private func replacing(_ node: Node, with text: String) -> Node {
        guard let scalar = node.scalar else { return node }
        return Node(.scalar(Scalar(text: text, style: scalar.style, value: .string(text))), range: node.range)
    }
}
