import YAMLSource

/// The node and relationship types a blueprint can reach: those its node templates and their
/// relationships name, every type its own files declare, and the ancestors of all of these.
///
/// The built-in definitions declare about forty types and a blueprint uses a handful. Only the
/// built-in types found here are read and parsed whole; the others are read for their
/// derived_from alone, all that the checks of the hierarchy need (Assembler,
/// OutlinedDefinitions). Parsing and flattening every built-in type was a sixth of a small
/// blueprint's validate.
struct UsedTypes {
    private(set) var nodeTypes: Set<String> = []
    private(set) var relationshipTypes: Set<String> = []

    init(_ merger: SectionMerger) {
        var nodeRoots: Set<String> = []
        var relationshipRoots: Set<String> = []
        // A name read a little too widely (every `type` key, whatever its place) costs only a
        // type parsed whole that was not needed; one missed would read as an unknown type. By
        // index, and each name hashed only when it differs from the one before: this runs over
        // every node template, and most templates share a few types.
        var lastNodeRoot = "", lastRelationshipRoot = ""
        let templates = merger.entries("node_templates")
        for index in templates.indices {
            guard case .mapping(let pairs) = templates[index].value.content else { continue }
            for pairIndex in pairs.indices {
                switch pairs[pairIndex].key.string {
                case "type":
                    if let name = pairs[pairIndex].value.string, name != lastNodeRoot {
                        nodeRoots.insert(name)
                        lastNodeRoot = name
                    }
                case "relationships":
                    let relationships = pairs[pairIndex].value
                    let items = relationships.items ?? relationships.pairs?.map(\.value) ?? []
                    for item in items {
                        guard case .mapping(let fields) = item.content else { continue }
                        for fieldIndex in fields.indices where fields[fieldIndex].key.string == "type" {
                            if let name = fields[fieldIndex].value.string, name != lastRelationshipRoot {
                                relationshipRoots.insert(name)
                                lastRelationshipRoot = name
                            }
                        }
                    }
                default:
                    continue
                }
            }
        }
        nodeTypes = Self.closure(of: nodeRoots, in: merger.entries("node_types"))
        relationshipTypes = Self.closure(of: relationshipRoots, in: merger.entries("relationships"))
    }

    /// `roots`, the types of `entries` that no built-in file declares, and their ancestors.
    private static func closure(of roots: Set<String>, in entries: [SectionEntry]) -> Set<String> {
        var parents: [String: String] = [:]
        var pending = Array(roots)
        for index in entries.indices {
            let entry = entries[index]
            if let parent = TypeDeclaration.parentNode(of: entry)?.string {
                parents[entry.name] = parent
            }
            if !entry.file.isBuiltin { pending.append(entry.name) }
        }
        var reached: Set<String> = []
        while let name = pending.popLast() {
            guard reached.insert(name).inserted else { continue }
            if let parent = parents[name] { pending.append(parent) }
        }
        return reached
    }
}
