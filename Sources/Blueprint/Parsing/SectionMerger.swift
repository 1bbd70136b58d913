import YAMLSource

/// One named definition from some file: `vm:` under `node_templates`, with its key and value.
struct SectionEntry {
    var name: String
    var key: Node
    /// The definition; for a built-in type, maybe only its outline (see `wholeValue`).
    var value: Node
    var file: BlueprintFile
    /// Where the whole definition is when `value` is an outline (OutlinedDefinitions).
    var archived: ArchivedValue?

    /// The definition as written, read from the archive when `value` is an outline.
    var wholeValue: Node { archived?.read() ?? value }
}

/// The top-level sections of every file of a blueprint, merged by name as Cloudify merges
/// imports: a name defined in two files is an error unless both definitions are identical.
struct SectionMerger {
    /// The sections whose entries are named definitions.
    static let namedSections = [
        "inputs", "data_types", "node_types", "relationships", "node_templates", "outputs",
        "capabilities", "plugins", "workflows", "groups", "policies", "policy_types",
        "policy_triggers", "labels", "blueprint_labels", "dsl_definitions", "metadata",
        "deployment_settings", "upload_resources", "resource_tags",
    ]
    /// Every top-level key a blueprint file may have.
    static let allSections = ["tosca_definitions_version", "description", "imports"] + namedSections

    /// Sections whose repeated names keep the first definition (Cloudify skips the others).
    static let firstDefinitionWins: Set<String> = ["labels", "blueprint_labels", "resource_tags", "metadata"]
    /// Sections whose identical definitions in two files are one (Cloudify merges workflows; two
    /// mappings key by key, see below).
    static let identicalAllowed: Set<String> = ["workflows"]
    /// Sections that only one file may write (Cloudify's "non-mergeable field").
    static let singleFileSections: Set<String> = ["policies", "deployment_settings"]

    private(set) var sections: [String: NameTable<SectionEntry>] = [:]
    /// Where each single-file section was first written.
    private var sectionKeys: [String: SourceRange] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    /// The entries of `section` in load order.
    func entries(_ section: String) -> [SectionEntry] { sections[section]?.elements ?? [] }

    /// The entries of `section` in load order, no longer kept here: once the caller lets go of
    /// an entry, its YAML tree is freed (node templates are most of a big blueprint's tree).
    mutating func take(_ section: String) -> [SectionEntry] { sections.removeValue(forKey: section)?.elements ?? [] }

    /// `entry` of `document` as written: an outlined built-in definition read whole, so that
    /// two definitions are compared by all they say.
    private static func wholeValue(of entry: Pair, named name: String, in section: String, of document: LoadedDocument) -> Node {
        document.outlined?.archivedValue(section: section, name: name)?.read() ?? entry.value
    }

    mutating func add(_ document: LoadedDocument) {
        guard let root = document.root else { return }
        guard let pairs = root.pairs else {
            if root.scalar?.value != .null {
                diagnostics.append(.error(.wrongShape, "a blueprint file must be a mapping of sections (tosca_definitions_version, imports, node_templates, ...), not \(root.kindDescription)", at: root.range))
            }
            return
        }
        if pairs.count > 1, !pairs.contains(where: { Self.allSections.contains($0.key.string ?? "") }) {
            // Some other file (a wrong import, a configuration file): one error, not one per line
            // of it, each quoting the file's contents.
            diagnostics.append(.error(.unknownSection, "this file is not a blueprint: none of its \(pairs.count) top-level keys is a section",
                                      at: pairs[0].key.range,
                                      notes: [DiagnosticNote("a blueprint's sections are: \(Self.allSections.joined(separator: ", ")); check the path that names this file")]))
            return
        }
        for pair in pairs {
            guard let section = pair.key.string ?? pair.key.scalar?.text else { continue }
            guard Self.allSections.contains(section) else {
                let note = DidYouMean.note(for: section, among: Self.allSections)
                    ?? "the sections are: \(Self.allSections.joined(separator: ", "))"
                diagnostics.append(.error(.unknownSection, "unknown section '\(section)'", at: pair.key.range, notes: [DiagnosticNote(note)]))
                continue
            }
            guard Self.namedSections.contains(section) else { continue }
            // dsl_definitions only holds YAML anchors for reuse; its names mean nothing.
            guard section != "dsl_definitions" else { continue }
            if Self.singleFileSections.contains(section) {
                if let first = sectionKeys[section] {
                    diagnostics.append(.error(.conflictingDefinition, "'\(section)' is written in more than one file",
                                              at: pair.key.range,
                                              notes: [DiagnosticNote("first written here", at: first),
                                                      DiagnosticNote("Cloudify does not merge '\(section)' across imports: write it in one file")]))
                    continue
                }
                sectionKeys[section] = pair.key.range
            }
            guard let entries = DefinitionReader.pairs(pair.value, of: "'\(section)'", diagnostics: &diagnostics) else { continue }
            var table = sections[section] ?? NameTable()
            table.reserveCapacity(table.count + entries.count)
            for entry in entries {
                guard let name = DefinitionReader.name(entry.key, in: "'\(section)'", diagnostics: &diagnostics) else { continue }
                if let existing = table[name] {
                    if Self.firstDefinitionWins.contains(section) { continue }
                    if section == "node_templates", let merged = TemplateRelationshipsMerge.merged(existing.value, entry.value) {
                        let holder = merged.typeFromSecond ? document.file : existing.file
                        table[name] = SectionEntry(name: name, key: merged.typeFromSecond ? entry.key : existing.key, value: merged.node, file: holder)
                        continue
                    }
                    if section == "workflows", let first = existing.value.pairs, let second = entry.value.pairs {
                        // Cloudify merges a workflow defined twice key by key, the first definition winning.
                        let added = second.filter { pair in !first.contains { $0.key.string == pair.key.string } }
                        table[name] = SectionEntry(name: name, key: existing.key, value: Node(.mapping(first + added), range: existing.value.range),
                                                   file: existing.file)
                        continue
                    }
                    // As Cloudify: a name of the blueprint's own files is defined once, even
                    // identically (a file two imports share is read once, so it is no
                    // redefinition). Cloudify's own names (`cloudify.*`, built-in files) may be
                    // repeated where they are identical.
                    let isCloudifyName = name.hasPrefix("cloudify.") || existing.file.isBuiltin || document.file.isBuiltin
                    if !isCloudifyName, !Self.identicalAllowed.contains(section) {
                        diagnostics.append(.error(
                            .conflictingDefinition,
                            "'\(name)' in '\(section)' is defined in both '\(existing.file.shortName)' and '\(document.file.shortName)'",
                            at: entry.key.range,
                            notes: [DiagnosticNote("the other definition of '\(name)' is here", at: existing.key.range),
                                    DiagnosticNote("keep one of them, or import the file under a namespace (NAMESPACE--path) so that its names are prefixed")]))
                    } else if !existing.wholeValue.hasSameContent(as: Self.wholeValue(of: entry, named: name, in: section, of: document)) {
                        // A built-in definition cannot be the one to change: the error goes to
                        // the blueprint's own, whichever was read first.
                        let builtinIsSecond = document.file.isBuiltin && !existing.file.isBuiltin
                        let involvesBuiltin = document.file.isBuiltin || existing.file.isBuiltin
                        diagnostics.append(.error(
                            .conflictingDefinition,
                            "'\(name)' in '\(section)' is defined differently in '\(existing.file.shortName)' and '\(document.file.shortName)'",
                            at: builtinIsSecond ? existing.key.range : entry.key.range,
                            notes: [DiagnosticNote("the other definition of '\(name)' is here", at: builtinIsSecond ? entry.key.range : existing.key.range),
                                    DiagnosticNote(involvesBuiltin
                                        ? "bluevirt's built-in definitions stay as they are: give yours another name (it may derive from '\(name)')"
                                        : "rename one of them, or import the definition from one file only")]))
                    }
                    continue
                }
                table[name] = SectionEntry(name: name, key: entry.key, value: entry.value, file: document.file,
                                           archived: document.outlined?.archivedValue(section: section, name: name))
            }
            sections[section] = table
        }
    }
}
