import Platform
import YAMLSource

/// Loads a user template and checks it before it renders anything: it must read, parse, keep
/// every substituted value escaped, and name only templates that exist.
struct UserTemplateCheck {
    /// Where diagnostics about the template's text point.
    enum Origin {
        /// A file: positions inside it are exact; `namedAt` is where the blueprint names it.
        /// `path` names it to the user (``BlueprintFolder/shown(_:)``); `fullPath` finds it.
        case file(path: String, fullPath: String, namedAt: SourceRange)
        /// Inline text inside the blueprint: diagnostics point at the whole value and say the
        /// line and column inside the template.
        case inline(range: SourceRange)
    }

    let text: String
    let origin: Origin

    /// Reads a `template_resource` file relative to the blueprint's directory.
    static func load(_ path: String, at range: SourceRange, folder: BlueprintFolder, collector: DiagnosticCollector) -> UserTemplateCheck? {
        let blueprintDirectory = folder.path
        let resolved: String
        switch ResourcePath.resolve(path, inside: blueprintDirectory) {
        case .success(let inside):
            resolved = inside
        case .failure(let problem):
            collector.add(.error(
                .userTemplateOutsideBlueprint, "template_resource \(ResourcePath.explain(problem, path: path, base: blueprintDirectory))", at: range,
                notes: [DiagnosticNote("a template is part of the blueprint: move it into the blueprint's folder and give its relative path")]))
            return nil
        }
        do {
            let text = try String(contentsOfFile: resolved, encoding: .utf8)
            return UserTemplateCheck(text: text, origin: .file(path: folder.shown(resolved), fullPath: resolved, namedAt: range))
        } catch {
            let exists = FileManager.default.fileExists(atPath: resolved)
            // Listing it tells a directory apart in FoundationEssentials and Foundation alike.
            let isDirectory = exists && (try? FileManager.default.contentsOfDirectory(atPath: resolved)) != nil
            let reason = !exists ? "does not exist" : isDirectory ? "is a directory, not a template file" : "cannot be read as UTF-8 text"
            collector.add(.error(
                .userTemplateUnreadable, "template_resource '\(path)' \(reason) (looked for \(resolved))", at: range,
                notes: [DiagnosticNote(isDirectory
                    ? "name the template file in it, such as '\(path.hasSuffix("/") ? path : path + "/")domain.xml.mustache'"
                    : "template_resource is a path relative to the blueprint's directory")]))
            return nil
        }
    }

    /// The parsed template, or nil after adding diagnostics.
    func parse(collector: DiagnosticCollector) -> CompiledTemplate? {
        let before = collector.diagnostics.count
        checkEscaping(collector: collector)
        checkTemplateNames(collector: collector)
        let template: CompiledTemplate
        do {
            template = try CompiledTemplateParser.parse(text)
        } catch {
            // The column is one past swift-mustache's, as BV0612 always said it.
            let (line, column) = (error.line, error.column + 1)
            collector.add(.error(
                .userTemplateSyntax, "the template is not valid Mustache: \(Self.describe(error.kind))",
                at: range(line: line, column: column),
                notes: notes(line: line, column: column) + (Self.step(for: error.kind).map { [DiagnosticNote($0)] } ?? [])))
            return nil
        }
        return collector.diagnostics.count == before ? template : nil
    }

    /// Mustache's `{{{x}}}` and `{{&x}}` print a value unescaped, a `{{%CONTENT_TYPE}}` pragma
    /// can switch escaping off, and `{{=...=}}` would hide both from this check; a hostile
    /// parameter could then inject markup, so none of them is allowed.
    private func checkEscaping(collector: DiagnosticCollector) {
        let forbidden: [(String, String)] = [
            ("{{{", "'{{{...}}}' prints a value unescaped; write '{{...}}'"),
            ("{{&", "'{{&...}}' prints a value unescaped; write '{{...}}'"),
            ("{{%", "a '{{%...}}' pragma can switch escaping off"),
            ("{{=", "changing the delimiters with '{{=...=}}' is not supported"),
        ]
        for (marker, reason) in forbidden {
            for (line, column) in positions(of: marker) {
                collector.add(.error(
                    .userTemplateUnescaped, "the template uses '\(marker)': \(reason)", at: range(line: line, column: column),
                    notes: notes(line: line, column: column) + [DiagnosticNote("bluevirt XML-escapes every value a template substitutes")]))
            }
        }
    }

    /// `{{>name}}` and `{{<name}}` of a template that does not exist render nothing in
    /// Mustache; here they are a diagnostic with the names that do exist.
    private func checkTemplateNames(collector: DiagnosticCollector) {
        for marker in ["{{>", "{{<"] {
            for (line, column) in positions(of: marker) {
                let lineText = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1]
                let afterMarker = lineText.unicodeScalars.dropFirst(column - 1 + 3)
                let name = String(String.UnicodeScalarView(afterMarker.drop { $0 == " " || $0 == "\t" }.prefix {
                    $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./".unicodeScalars.contains($0)
                }))
                guard !name.isEmpty, BuiltinTemplates.sources[name] == nil else { continue }
                var extra: [DiagnosticNote] = []
                if let suggestion = closestName(to: name, in: BuiltinTemplates.sources.keys) {
                    extra.append(DiagnosticNote("did you mean '\(suggestion)'?"))
                }
                extra.append(DiagnosticNote("built-in templates: \(BuiltinTemplates.sources.keys.sorted().joined(separator: ", "))"))
                collector.add(.error(
                    .userTemplateUnknownPartial, "the template names '\(name)', which is not a built-in template",
                    at: range(line: line, column: column), notes: notes(line: line, column: column) + extra))
            }
        }
    }

    /// 1-based line and column (in Unicode scalars) of every occurrence of `marker`.
    private func positions(of marker: String) -> [(Int, Int)] {
        var result: [(Int, Int)] = []
        let markerScalars = Array(marker.unicodeScalars)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            guard scalars.count >= markerScalars.count else { continue }
            for start in 0...(scalars.count - markerScalars.count) where Array(scalars[start..<start + markerScalars.count]) == markerScalars {
                result.append((index + 1, start + 1))
            }
        }
        return result
    }

    func range(line: Int, column: Int) -> SourceRange {
        switch origin {
        case .file(let path, _, _):
            SourceRange(file: path, start: SourceLocation(line: line, column: column), end: SourceLocation(line: line, column: column + 1))
        case .inline(let range):
            range
        }
    }

    /// Where the blueprint names or holds the template, for a problem of the template as a whole.
    var reference: SourceRange {
        switch origin {
        case .file(_, _, let namedAt): namedAt
        case .inline(let range): range
        }
    }

    func notes(line: Int, column: Int) -> [DiagnosticNote] {
        switch origin {
        case .file: []
        case .inline: [DiagnosticNote("at line \(line), column \(column) of template_content")]
        }
    }

    /// What to write instead, where the problem alone does not say it.
    private static func step(for problem: MustacheSyntaxError.Kind) -> String? {
        switch problem {
        case .sectionCloseNameIncorrect: "close each section with the name it opens with: {{#disks}}…{{/disks}}"
        case .unfinishedName: "end the tag with }}"
        case .expectedSectionEnd: "close every {{#name}}, {{^name}} and {{$name}} with {{/name}}"
        case .invalidSetDelimiter: "write a set-delimiter tag as {{=<% %>=}}: two delimiters, a space between"
        case .transformAppliedToInheritanceSection, .unrecognisedConfigVariable, .invalidConfigVariableSyntax: "remove it"
        case .illegalTokenInsideInheritSection: "put it inside a block of the parent template, {{$name}}…{{/name}}"
        case .overflow: "end every tag with }} and every comment {{! … }} with }}"
        }
    }

    private static func describe(_ problem: MustacheSyntaxError.Kind) -> String {
        switch problem {
        case .sectionCloseNameIncorrect: "a section is closed with a name that does not match its opening tag"
        case .unfinishedName: "a tag is not finished"
        case .expectedSectionEnd: "a section is not closed"
        case .invalidSetDelimiter: "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: "only block definitions ({{$name}}...{{/name}}) may appear inside {{<parent}}"
        case .invalidConfigVariableSyntax: "a pragma is malformed"
        case .unrecognisedConfigVariable: "a pragma is not recognised"
        // swift-mustache's reader error ("overflow"): the text ran out inside a tag or comment.
        case .overflow: "the template ends inside a tag or a comment"
        }
    }
}
