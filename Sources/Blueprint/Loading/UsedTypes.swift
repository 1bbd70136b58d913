import YAMLSource

/// The node and relationship types a blueprint can reach: those its node templates and their
/// relationships name, every type its own files declare, and the ancestors of all of these.
///
/// The built-in definitions declare about sixty types and a blueprint uses a handful. Only the
/// built-in types found here are parsed whole; the others are read for their derived_from
/// alone, all that the checks of the hierarchy need (Assembler). Parsing and flattening every
/// built-in type was a third of a small blueprint's validate.
struct UsedTypes {
    private(set) var nodeTypes: Set<String> = []
    private(set) var relationshipTypes: Set<String> = []

    init(_ merger: SectionMerger) {
        var nodeRoots: [String] = []
        var relationshipRoots: [String] = []
        // A name read a little too widely (every `type` key, whatever its place) costs only a
        // type parsed whole that was not needed; one missed would lose its checks.
        for entry in merger.entries("node_templates") {
            guard let pairs = entry.value.pairs else { continue }
            for pair in pairs where pair.key.string == "type" {
                if let name = pair.value.string { nodeRoots.append(name) }
            }
            for pair in pairs where pair.key.string == "relationships" {
                let items = pair.value.items ?? pair.value.pairs?.map(\.value) ?? []
                for item in items {
                    for field in item.pairs ?? [] where field.key.string == "type" {
                        if let name = field.value.string { relationshipRoots.append(name) }
                    }
                }
            }
        }
        nodeTypes = Self.closure(of: nodeRoots, in: merger.entries("node_types"))
        relationshipTypes = Self.closure(of: relationshipRoots, in: merger.entries("relationships"))
    }

    /// `roots`, the types of `entries` that no built-in file declares, and their ancestors.
    private static func closure(of roots: [String], in entries: [SectionEntry]) -> Set<String> {
        var parents: [String: String] = [:]
        var pending = roots
        for entry in entries {
            if let parent = entry.value.pairs.flatMap({ DefinitionReader.entry("derived_from", in: $0) })?.value.string {
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
