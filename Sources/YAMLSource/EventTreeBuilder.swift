import CLibYAML

/// Builds node trees from libyaml's event stream with an explicit stack (no recursion, so depth
/// is bounded by `YAMLLimits.maxDepth`, not by the thread's stack), expanding aliases within a
/// budget, applying merge keys and resolving scalars.
struct EventTreeBuilder {
    private let file: String
    /// `file`, named once: every node's range holds it.
    private let source: SourceFileName
    private let limits: YAMLLimits
    private(set) var documents: [Node] = []
    private(set) var diagnostics: [Diagnostic] = []

    /// A collection whose end event has not come yet.
    private struct Frame {
        enum Kind { case document, sequence, mapping }
        var kind: Kind
        var isFlow: Bool
        var start: SourceLocation
        var anchor: String?
        /// Where this collection's children begin in `items` (a sequence) or `pairs` (a mapping).
        var firstChild: Int
        /// A mapping's key waiting for its value.
        var pendingKey: Node?
        /// Nodes in this subtree so far, counting itself; what an alias of it will cost.
        var size = 1
        /// The deepest nesting among the children so far (a scalar child counts 0).
        var height = 0
        /// Whether a plain `<<` was among the scalars: only then can merging be needed.
        var mayMerge = false

        static var document: Frame {
            Frame(kind: .document, isFlow: false, start: SourceLocation(line: 1, column: 1), firstChild: 0)
        }
    }

    /// The innermost open collection, or the document itself when none is open; kept out of
    /// `enclosing` so that adding a child touches no array.
    private var current = Frame.document
    /// The frames around `current`, the document's first; its count is the nesting depth.
    private var enclosing: [Frame] = []
    /// The children of all open collections, innermost last.
    private let items = ScratchStack<Node>()
    private let pairs = ScratchStack<Pair>()
    private var root: Node?

    /// A node an anchor marks, with what repeating it costs: its node count (for the expansion
    /// budget) and its nesting height (an alias deep in a document must not exceed the depth limit).
    private struct Anchored {
        var node: Node
        var size: Int
        var height: Int
    }

    private var anchors: [String: Anchored] = [:]
    /// Nodes produced by alias expansion in the whole stream, checked against the budget.
    private var aliasExpansion = 0
    private var reportedMultipleDocuments = false
    /// Spaces the loader inserted into the text parsed (see FlowColonSpacing); positions are
    /// reported in the file as written.
    private let spacing: FlowColonSpacing
    /// Where the parse failed on a colon that PyYAML (and so Cloudify) reads as a key's colon, in
    /// the text parsed: the loader inserts a space there and parses again.
    private(set) var pyYAMLColon: SourceLocation?

    init(file: String, limits: YAMLLimits, spacing: FlowColonSpacing = FlowColonSpacing()) {
        self.file = file
        self.source = SourceFileName(file)
        self.limits = limits
        self.spacing = spacing
    }

    /// Parses the whole buffer. The buffer must stay valid for the duration of the call.
    mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            diagnostics.append(.error(.yamlSyntax, "out of memory while starting the YAML parser", at: .wholeFile(file)))
            return
        }
        defer { yaml_parser_delete(parser) }
        // libyaml reads from the pointer lazily; an empty buffer may have a nil base address.
        var empty: UInt8 = 0
        withUnsafePointer(to: &empty) { emptyPointer in
            yaml_parser_set_input_string(parser, bytes.baseAddress ?? emptyPointer, bytes.count)
            while true {
                guard yaml_parser_parse(parser, event) == 1 else {
                    reportParserError(parser.pointee, bytes: bytes)
                    return
                }
                let proceed = handle(event.pointee)
                let isEnd = event.pointee.type == YAML_STREAM_END_EVENT
                yaml_event_delete(event)
                if !proceed || isEnd { return }
            }
        }
    }

    /// Handles one event; false stops the parse (a limit was hit).
    private mutating func handle(_ event: yaml_event_t) -> Bool {
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            if !documents.isEmpty, !reportedMultipleDocuments {
                reportedMultipleDocuments = true
                // An error, not a warning: readers use the first document, and silently dropping
                // the rest of a file would hide whatever the author put there.
                diagnostics.append(.error(.multipleDocuments, "a second YAML document starts here; bluevirt reads one document per file",
                                          at: range(event.start_mark, event.end_mark), notes: [
                    DiagnosticNote("remove this '---' line (and any '...' before it) or move the second document to a file of its own"),
                ]))
            }
            anchors.removeAll(keepingCapacity: true)
            current = .document
            root = nil
        case YAML_DOCUMENT_END_EVENT:
            if let root { documents.append(root) }
            root = nil
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            if scalar.length == 2, scalar.style == YAML_PLAIN_SCALAR_STYLE, scalar.value[0] == UInt8(ascii: "<"), scalar.value[1] == UInt8(ascii: "<") {
                current.mayMerge = true
            }
            add(scalarNode(scalar, start: event.start_mark, end: event.end_mark), anchor: scalar.anchor)
        case YAML_SEQUENCE_START_EVENT:
            let start = event.data.sequence_start
            return push(.sequence, isFlow: start.style == YAML_FLOW_SEQUENCE_STYLE, tag: start.tag, anchor: start.anchor, mark: event.start_mark)
        case YAML_MAPPING_START_EVENT:
            let start = event.data.mapping_start
            return push(.mapping, isFlow: start.style == YAML_FLOW_MAPPING_STYLE, tag: start.tag, anchor: start.anchor, mark: event.start_mark)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            pop(endMark: event.end_mark)
        case YAML_ALIAS_EVENT:
            return alias(event.data.alias.anchor, range: range(event.start_mark, event.end_mark))
        default:
            break
        }
        return true
    }

    private mutating func push(_ kind: Frame.Kind, isFlow: Bool, tag: UnsafeMutablePointer<yaml_char_t>?,
                               anchor: UnsafeMutablePointer<yaml_char_t>?, mark: yaml_mark_t) -> Bool {
        guard enclosing.count < limits.maxDepth else {
            let at = range(mark, mark)
            diagnostics.append(.error(.nestingTooDeep, "collections are nested more than \(limits.maxDepth) levels deep here", at: at, notes: [
                DiagnosticNote("bluevirt stops reading this file at this depth; a blueprint never needs such nesting"),
            ]))
            return false
        }
        if let tag { checkCollectionTag(Self.tagName(tag), kind: kind, at: range(mark, mark)) }
        var frame = Frame(kind: kind, isFlow: isFlow, start: location(mark), anchor: anchor.map(Self.string),
                          firstChild: kind == .mapping ? pairs.count : items.count)
        // Swapping moves the frames instead of copying them: `frame` ends up holding the outer one.
        swap(&current, &frame)
        enclosing.append(frame)
        return true
    }

    private mutating func checkCollectionTag(_ tag: String, kind: Frame.Kind, at range: SourceRange) {
        let expected = kind == .mapping ? "!!map" : "!!seq"
        // Ordered maps and sets are written as a list and a mapping; they load as such.
        let alsoFitting = kind == .mapping ? "!!set" : "!!omap"
        if tag == "!" || tag == expected || tag == alsoFitting { return }
        switch tag {
        case "!!map", "!!seq", "!!str", "!!int", "!!float", "!!bool", "!!null":
            let what = kind == .mapping ? "a mapping" : "a list"
            diagnostics.append(.error(.tagMismatch, "tag '\(tag)' does not fit \(what)", at: range, notes: [
                DiagnosticNote("remove the tag, or write '\(expected)'"),
            ]))
        default:
            diagnostics.append(unknownTag(tag, at: range))
        }
    }

    private mutating func pop(endMark: yaml_mark_t) {
        guard var frame = enclosing.popLast() else { return }
        swap(&current, &frame)
        // A block collection's end event sits where the next token starts, often lines later;
        // its last child's end is where it really ends.
        var end = location(endMark)
        let content: Node.Content
        if frame.kind == .mapping {
            let written = pairs.popArray(from: frame.firstChild)
            if !frame.isFlow, !written.isEmpty { end = written[written.count - 1].value.range.end }
            content = .mapping(MappingAssembler.assemble(written, mayMerge: frame.mayMerge, diagnostics: &diagnostics))
        } else {
            let children = items.popArray(from: frame.firstChild)
            if !frame.isFlow, !children.isEmpty { end = children[children.count - 1].range.end }
            content = .sequence(children)
        }
        let nodeRange = SourceRange(source: source, start: frame.start, end: end)
        finish(Node(content, range: nodeRange), size: frame.size, height: frame.height + 1, anchor: frame.anchor)
    }

    private mutating func add(_ node: consuming Node, anchor: UnsafeMutablePointer<yaml_char_t>?) {
        finish(node, size: 1, height: 0, anchor: anchor.map(Self.string))
    }

    private mutating func finish(_ node: consuming Node, size: Int, height: Int, anchor: String?) {
        if let anchor { anchors[anchor] = Anchored(node: copy node, size: size, height: height) }
        current.size += size
        current.height = max(current.height, height)
        switch current.kind {
        case .document:
            root = consume node
        case .sequence:
            items.push(consume node)
        case .mapping:
            if let key = current.pendingKey.take() {
                pairs.push(Pair(key: key, value: consume node))
            } else {
                current.pendingKey = consume node
            }
        }
    }

    private mutating func alias(_ name: UnsafeMutablePointer<yaml_char_t>?, range: SourceRange) -> Bool {
        let name = name.map(Self.string) ?? ""
        guard let anchored = anchors[name] else {
            if current.anchor == name || enclosing.contains(where: { $0.anchor == name }) {
                diagnostics.append(.error(.recursiveAlias, "alias '*\(name)' is inside the node its anchor '&\(name)' marks", at: range, notes: [
                    DiagnosticNote("that would make an endlessly deep value; an alias may only repeat a node that is already complete"),
                ]))
            } else {
                diagnostics.append(.error(.unknownAlias, "unknown alias '*\(name)'", at: range, notes: [
                    DiagnosticNote("an alias repeats a node marked earlier in the same document with '&\(name)'"),
                ]))
            }
            finish(Node(.scalar(Scalar(text: "", style: .plain, value: .null)), range: range), size: 1, height: 0, anchor: nil)
            return true
        }
        let size = anchored.size
        aliasExpansion += size
        guard aliasExpansion <= limits.maxAliasExpansion else {
            diagnostics.append(.error(.aliasExpansionLimit, "aliases in this file expand to more than \(limits.maxAliasExpansion) nodes", at: range, notes: [
                DiagnosticNote("'*\(name)' alone stands for \(size) nodes; aliases nested in aliases multiply (a \"billion laughs\" document), so bluevirt stops reading here"),
            ]))
            return false
        }
        guard enclosing.count + anchored.height <= limits.maxDepth else {
            diagnostics.append(.error(.nestingTooDeep, "alias '*\(name)' here nests collections more than \(limits.maxDepth) levels deep", at: range, notes: [
                DiagnosticNote("the node '&\(name)' marks is \(anchored.height) levels deep itself; aliases of aliases add up, so bluevirt stops reading here"),
            ]))
            return false
        }
        // Node is a value type: the copy shares storage with the original until someone mutates it.
        finish(anchored.node, size: size, height: anchored.height, anchor: nil)
        return true
    }

    private mutating func scalarNode(_ event: yaml_event_t.__Unnamed_union_data.__Unnamed_struct_scalar,
                                     start: yaml_mark_t, end: yaml_mark_t) -> Node {
        let bytes = UnsafeBufferPointer(start: event.value, count: event.length)
        let text = String(decoding: bytes, as: UTF8.self)
        let style: Scalar.Style
        switch event.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: style = .literal
        case YAML_FOLDED_SCALAR_STYLE: style = .folded
        default: style = .plain
        }
        let nodeRange = range(start, end)
        guard let tagPointer = event.tag else {
            guard style == .plain else { return Node(.scalar(Scalar(text: text, style: style, value: .string(text))), range: nodeRange) }
            let value = ScalarResolver.resolvePlain(bytes, text: text)
            if YAML11Reading.mayDiffer(bytes), let warning = YAML11Reading.warning(bytes, text: text, resolved: value, at: nodeRange) {
                diagnostics.append(warning)
            }
            return Node(.scalar(Scalar(text: text, style: style, value: value)), range: nodeRange)
        }
        let tag = Self.tagName(tagPointer)
        let value = taggedValue(tag: tag, style: style, bytes: bytes, text: text, range: nodeRange)
        // Nodes keep no tag, and a plain `<<` is a merge key: one tagged otherwise (`!!str <<`)
        // is the string key "<<", which is what a quoted one is.
        let keptStyle = style == .plain && text == "<<" && tag != "!!merge" ? Scalar.Style.singleQuoted : style
        return Node(.scalar(Scalar(text: text, style: keptStyle, value: value)), range: nodeRange)
    }

    private mutating func taggedValue(tag: String, style: Scalar.Style, bytes: UnsafeBufferPointer<UInt8>,
                                      text: String, range: SourceRange) -> ScalarValue {
        if tag == "!" { return .string(text) }
        if tag == "!!map" || tag == "!!seq" {
            diagnostics.append(.error(.tagMismatch, "tag '\(tag)' does not fit a scalar", at: range, notes: [
                DiagnosticNote("remove the tag, or write the value as a \(tag == "!!map" ? "mapping" : "list")"),
            ]))
            return .string(text)
        }
        if let standard = ScalarResolver.StandardTag(shorthand: tag) {
            if let value = ScalarResolver.resolveTagged(standard, bytes, text: text) { return value }
            diagnostics.append(.error(.tagMismatch, "'\(text)' is not a valid \(standard.noun) for tag '\(tag)'", at: range, notes: [
                DiagnosticNote(standard.example),
            ]))
            return .string(text)
        }
        diagnostics.append(unknownTag(tag, at: range))
        return style == .plain ? ScalarResolver.resolvePlain(bytes, text: text) : .string(text)
    }

    private func unknownTag(_ tag: String, at range: SourceRange) -> Diagnostic {
        .warning(.unknownTag, "unknown tag '\(tag)' is ignored", at: range, notes: [
            DiagnosticNote("bluevirt knows the YAML core tags !!str, !!int, !!float, !!bool, !!null, !!map and !!seq"),
            DiagnosticNote("remove the tag to silence this warning; for a value known only at deployment, use an intrinsic function such as get_input"),
        ])
    }

    private mutating func reportParserError(_ parser: yaml_parser_t, bytes: UnsafeBufferPointer<UInt8>) {
        let kind: SyntaxErrorTranslator.Problem.Kind
        var problemLocation = parsedLocation(parser.problem_mark)
        switch parser.error {
        case YAML_MEMORY_ERROR: kind = .memory
        case YAML_READER_ERROR:
            kind = .reader
            problemLocation = SyntaxErrorTranslator.location(ofByteOffset: parser.problem_offset, in: bytes)
        case YAML_SCANNER_ERROR: kind = .scanner
        default: kind = .parser
        }
        let problem = SyntaxErrorTranslator.Problem(
            kind: kind,
            problem: parser.problem.map { String(cString: $0) } ?? "unknown problem",
            problemLocation: problemLocation,
            context: parser.context.map { String(cString: $0) },
            contextLocation: parser.context == nil ? nil : parsedLocation(parser.context_mark),
            value: parser.problem_value)
        if kind == .scanner, FlowColonSpacing.isPyYAMLColon(problem: problem.problem, context: problem.context,
                                                              at: problemLocation, in: bytes) {
            pyYAMLColon = problemLocation
        }
        diagnostics.append(spacing.original(SyntaxErrorTranslator(file: file, bytes: bytes).diagnostic(for: problem)))
    }

    /// A mark's location in the file as written.
    @inline(__always)
    private func location(_ mark: yaml_mark_t) -> SourceLocation {
        let parsed = parsedLocation(mark)
        return spacing.isEmpty ? parsed : spacing.original(parsed)
    }

    /// A mark's location in the text parsed (which has the inserted spaces).
    @inline(__always)
    private func parsedLocation(_ mark: yaml_mark_t) -> SourceLocation {
        SourceLocation(line: mark.line + 1, column: mark.column + 1)
    }

    @inline(__always)
    private func range(_ start: yaml_mark_t, _ end: yaml_mark_t) -> SourceRange {
        SourceRange(source: source, start: location(start), end: location(end))
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        String(cString: pointer)
    }

    /// `tag:yaml.org,2002:str` becomes `!!str`, the way users write it; other tags stay as given.
    private static func tagName(_ pointer: UnsafeMutablePointer<yaml_char_t>) -> String {
        let tag = String(cString: pointer)
        let standardPrefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(standardPrefix) ? "!!" + tag.dropFirst(standardPrefix.count) : tag
    }
}
