import YAMLSource

/// Resolves derived_from chains and flattens types: each type gets its ancestors' properties and
/// interfaces, its own declarations overriding theirs. Unknown parents and cycles are reported
/// once each; the type keeps what could be resolved.
struct TypeFlattener {
    /// "node type" or "relationship type", for messages.
    var kind: String
    var importedBuiltins: Set<String>
    /// Imports that could not be loaded: an unknown parent may come from one of them.
    var unresolvedImports: [UnresolvedImport] = []

    /// The longest derived_from chain accepted. Every type keeps its whole chain and its
    /// ancestors' properties, so an unbounded chain costs quadratic time and memory (12,000
    /// types once took 24 GiB); real type systems are a few levels deep.
    static let maximumDepth = 32

    /// The chain of each type, itself first, up to the root (or up to where resolution stopped).
    func hierarchies(of declarations: NameTable<TypeDeclaration>, diagnostics: inout [Diagnostic]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var reportedUnknown: Set<String> = []
        var reportedCycle: Set<String> = []
        var reportedDepth = false
        let order = Dictionary(uniqueKeysWithValues: declarations.names.enumerated().map { ($1, $0) })
        for name in declarations.names {
            var chain = [name]
            var seen: Set<String> = [name]
            var current = name
            while let declaration = declarations[current], let parent = declaration.derivedFrom {
                if let known = result[parent], !known.contains(name) {
                    chain += known
                    break
                }
                if chain.count >= Self.maximumDepth { break }
                guard declarations.contains(parent) else {
                    // One report per built-in file (at its import), one per type otherwise.
                    if reportedUnknown.insert(declaration.builtinImport?.file ?? current).inserted {
                        diagnostics.append(unknownParent(parent, of: declaration, among: declarations.names))
                    }
                    break
                }
                if seen.contains(parent) {
                    let loop = Array(chain[chain.firstIndex(of: parent)!...])
                    if reportedCycle.isDisjoint(with: loop) {
                        reportedCycle.formUnion(loop)
                        diagnostics.append(cycle(loop, declarations: declarations, order: order))
                    }
                    break
                }
                chain.append(parent)
                seen.insert(parent)
                current = parent
            }
            if chain.count > Self.maximumDepth {
                chain.removeSubrange(Self.maximumDepth...)
            }
            if chain.count == Self.maximumDepth, declarations[chain[chain.count - 1]]?.derivedFrom != nil, !reportedDepth,
               let declaration = declarations[name] {
                reportedDepth = true
                diagnostics.append(.error(.derivationTooDeep, "\(kind) '\(name)' has a derived_from chain longer than \(Self.maximumDepth) types",
                                          at: declaration.derivedFromRange ?? declaration.nameRange,
                                          notes: [DiagnosticNote("bluevirt follows at most \(Self.maximumDepth) levels of derived_from; flatten the chain")]))
            }
            result[name] = chain
        }
        return result
    }

    private func unknownParent(_ parent: String, of declaration: TypeDeclaration, among names: [String]) -> Diagnostic {
        if let builtin = declaration.builtinImport {
            var notes = [DiagnosticNote("\(kind) '\(declaration.name)' there derives from '\(parent)'", at: declaration.derivedFromRange)]
            if let hint = ImportHint.note(forType: parent, importedBuiltins: importedBuiltins) { notes.append(hint) }
            return .error(.unknownParentType, "the types of '\(builtin.file)' derive from '\(parent)', which no import defines",
                          at: builtin.range, notes: notes)
        }
        var notes: [DiagnosticNote] = []
        if let hint = ImportHint.note(forType: parent, importedBuiltins: importedBuiltins) {
            notes.append(hint)
        } else if let definer = unresolvedImports.note(for: parent, what: "'\(parent)'", guessing: false) {
            notes.append(definer)
        } else {
            if let suggestion = DidYouMean.note(for: parent, among: names) { notes.append(DiagnosticNote(suggestion)) }
            if let guess = unresolvedImports.note(for: parent, what: "'\(parent)'") { notes.append(guess) }
        }
        return .error(.unknownParentType, "\(kind) '\(declaration.name)' derives from unknown type '\(parent)'",
                      at: declaration.derivedFromRange ?? declaration.nameRange, notes: notes)
    }

    private func cycle(_ loop: [String], declarations: NameTable<TypeDeclaration>, order: [String: Int]) -> Diagnostic {
        // Start the loop at the type declared first, so the message does not depend on which
        // type the search began with.
        let startIndex = loop.indices.min { order[loop[$0]]! < order[loop[$1]]! }!
        let rotated = Array(loop[startIndex...] + loop[..<startIndex])
        let first = declarations[rotated[0]]!
        let path = (rotated + [rotated[0]]).joined(separator: " -> ")
        let notes = rotated.dropFirst().compactMap { name -> DiagnosticNote? in
            guard let declaration = declarations[name], let range = declaration.derivedFromRange else { return nil }
            return DiagnosticNote("'\(name)' derives from '\(declaration.derivedFrom!)' here", at: range)
        }
        return .error(.derivationCycle, "\(kind) '\(first.name)' derives from itself: \(path)",
                      at: first.derivedFromRange ?? first.nameRange, notes: notes + [DiagnosticNote("remove one derived_from to break the loop")])
    }

    /// Whether `chain` ends at a type whose parent no declaration defines.
    static func stopsAtUnknownParent(_ chain: [String], in declarations: NameTable<TypeDeclaration>) -> Bool {
        guard let last = chain.last, let parent = declarations[last]?.derivedFrom else { return false }
        return !declarations.contains(parent)
    }

    /// The properties of a chain (root first), each type's own over its parents'; a data-typed
    /// property declared again has its default laid over the parent's
    /// (``DataTypeRegistry/redeclared(_:over:)``), except those `keptAsWritten`.
    static func properties(of chain: [String], in declarations: NameTable<TypeDeclaration>, dataTypes: DataTypeRegistry,
                           keptAsWritten: Set<String> = []) -> NameTable<PropertySchema> {
        var merged = NameTable<PropertySchema>()
        for name in chain.reversed() {
            guard let properties = declarations[name]?.properties else { continue }
            for (property, schema) in properties.entries {
                if let parent = merged[property], !keptAsWritten.contains(property) {
                    merged[property] = dataTypes.redeclared(schema, over: parent)
                } else {
                    merged[property] = schema
                }
            }
        }
        return merged
    }

    /// Interfaces of a chain (root first) as `select` picks them from each declaration.
    static func interfaces(of chain: [String], in declarations: NameTable<TypeDeclaration>,
                           _ select: (TypeDeclaration) -> NameTable<Interface>) -> NameTable<Interface> {
        var merged = NameTable<Interface>()
        for name in chain.reversed() {
            guard let declaration = declarations[name] else { continue }
            merged = merged.overridden(by: select(declaration))
        }
        return merged
    }
}
