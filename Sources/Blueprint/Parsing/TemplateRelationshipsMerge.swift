import YAMLSource

/// Cloudify's one merge of a node template written in two files ("relationships overloading"):
/// a file may add relationships to a template another file defines, by writing the template
/// with `relationships` alone. As Cloudify's import merger decides it, in load order:
///
/// - the first definition has only `relationships` and the second is a whole template (or only
///   relationships too): the second, with the first's relationships before its own;
/// - the first has relationships and the second only `relationships`: the first, with the
///   second's relationships after its own.
///
/// Anything else is two definitions of one name (BV0119), as in Cloudify; so is a first
/// definition without relationships, even when the second has only relationships.
enum TemplateRelationshipsMerge {
    struct Merged {
        var node: Node
        /// True when the merged template's other keys (and so its `type`) come from the second definition.
        var typeFromSecond: Bool
    }

    static func merged(_ first: Node, _ second: Node) -> Merged? {
        guard let firstRelationships = first["relationships"], firstRelationships.items != nil else { return nil }
        let firstOnly = hasOnlyRelationships(first)
        let secondOnly = hasOnlyRelationships(second)
        if firstOnly, second["type"] != nil || secondOnly {
            return Merged(node: appending(firstRelationships, to: second, before: true), typeFromSecond: true)
        }
        if secondOnly, let added = second["relationships"] {
            return Merged(node: appending(added, to: first, before: false), typeFromSecond: false)
        }
        return nil
    }

    private static func hasOnlyRelationships(_ node: Node) -> Bool {
        guard let pairs = node.pairs, pairs.count == 1 else { return false }
        return pairs[0].key.string == "relationships"
    }

    /// `template` with the items of `relationships` joined to its own relationships.
    private static func appending(_ relationships: Node, to template: Node, before: Bool) -> Node {
        guard var pairs = template.pairs else { return template }
        let added = relationships.items ?? []
        guard let index = pairs.firstIndex(where: { $0.key.string == "relationships" }) else {
            pairs.append(Pair(key: Node(.scalar(Scalar(text: "relationships", style: .plain, value: .string("relationships"))), range: relationships.range),
                              value: relationships))
            return Node(.mapping(pairs), range: template.range)
        }
        let own = pairs[index].value.items ?? []
        let joined = before ? added + own : own + added
        pairs[index].value = Node(.sequence(joined), range: pairs[index].value.range)
        return Node(.mapping(pairs), range: template.range)
    }
}
