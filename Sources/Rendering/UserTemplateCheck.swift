import Foundation
import Mustache
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
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory)
            let reason = !exists ? "does not exist" : isDirectory.boolValue ? "is a directory, not a template file" : "cannot be read as UTF-8 text"
            collector.add(.error(
                .userTemplateUnreadable, "template_resource '\(path)' \(reason) (looked for \(resolved))", at: range,
                notes: [DiagnosticNote(isDirectory.boolValue
                    ? "name the template file in it, such as '\(path.hasSuffix("/") ? path : path + "/")domain.xml.mustache'"
                    : "template_resource is a path relative to the blueprint's directory")]))
            return nil
        }
    }

    /// The parsed template, or nil after adding diagnostics.
    func parse(collector: DiagnosticCollector) -> MustacheTemplate? {
        let before = collector.diagnostics.count
        checkEscaping(collector: collector)
        checkTemplateNames(collector: collector)
        let template: MustacheTemplate
        do {
            template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            collector.add(.error(
                .userTemplateSyntax, "the template is not valid Mustache: \(Self.describe(error.error))",
                at: range(line: error.context.lineNumber, column: error.context.columnNumber + 1),
                notes: notes(line: error.context.lineNumber, column: error.context.columnNumber + 1) + (Self.step(for: error.error).map { [DiagnosticNote($0)] } ?? [])))
            return nil
        } catch {
            collector.add(.error(.userTemplateSyntax, "the template is not valid Mustache: \(error)", at: range(line: 1, column: 1)))
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
    private static func step(for error: any Error) -> String? {
        guard let error = error as? MustacheTemplate.Error else { return nil }
        return switch error {
        case .sectionCloseNameIncorrect: "close each section with the name it opens with: {{#disks}}…{{/disks}}"
        case .unfinishedName: "end the tag with }}"
        case .expectedSectionEnd: "close every {{#name}}, {{^name}} and {{$name}} with {{/name}}"
        case .invalidSetDelimiter: "write a set-delimiter tag as {{=<% %>=}}: two delimiters, a space between"
        case .transformAppliedToInheritanceSection, .unrecognisedConfigVariable, .invalidConfigVariableSyntax: "remove it"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection: "put it inside a block of the parent template, {{$name}}…{{/name}}"
        }
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a name that does not match its opening tag"
        case .unfinishedName: return "a tag is not finished"
        case .expectedSectionEnd: return "a section is not closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only block definitions ({{$name}}...{{/name}}) may appear inside {{<parent}}"
        case .textInsideInheritSection: return "text appears inside {{<parent}} outside any {{$block}}"
        case .invalidConfigVariableSyntax: return "a pragma is malformed"
        case .unrecognisedConfigVariable: return "a pragma is not recognised"
        }
    }
}
