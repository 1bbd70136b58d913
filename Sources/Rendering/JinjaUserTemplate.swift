import Jinja
import Diagnostics

/// User templates written in Jinja2, as for the Cloudify libvirt plugin: detected by
/// ``TemplateLanguage``, checked for constructs bluevirt's interpreter lacks, and rendered with
/// autoescaping so that, as with Mustache templates, no parameter can become markup.
extension UserTemplateCheck {
    /// The template's language. A file's name counts (`.j2`, `.mustache`); a text valid in both
    /// languages stays Mustache, which keeps existing bluevirt templates rendering as before.
    var language: TemplateLanguage {
        var fileName: String?
        if case .file(let path, _, _) = origin { fileName = path }
        return TemplateLanguage.detect(text, fileName: fileName).language
    }

    /// What its `{% include %}` tags name: files of the blueprint's folder, found from the
    /// template's own folder.
    func includeLoader(folder: BlueprintFolder) -> BlueprintTemplateLoader {
        BlueprintTemplateLoader(folder: folder, mainTemplate: fullPath)
    }

    /// Every syntax error and unsupported construct, as diagnostics, of the template and of
    /// the templates it includes by name; true when there were none.
    @discardableResult
    func checkJinja(folder: BlueprintFolder, collector: DiagnosticCollector) -> Bool {
        let problems = Jinja.Template.check(text, loader: includeLoader(folder: folder))
        for problem in problems { collector.add(diagnostic(for: problem)) }
        return problems.isEmpty
    }

    /// The rendered XML, or nil after adding a diagnostic for the failure; call after
    /// ``checkJinja(folder:collector:)`` found nothing. `followedIncludes`: the include tags the
    /// render reached, with what each found (``Jinja/Template/render(_:autoescape:loader:followedIncludes:)``).
    func renderJinja(context: [String: Jinja.Value], folder: BlueprintFolder, collector: DiagnosticCollector,
                     followedIncludes: inout [IncludeSite: Set<String>]) -> String? {
        do {
            return try Jinja.Template(text).render(context, autoescape: true, loader: includeLoader(folder: folder), followedIncludes: &followedIncludes)
        } catch {
            collector.add(diagnostic(for: error))
            return nil
        }
    }

    /// The names the template reads that none of its values (`context`'s keys, and `ctx`)
    /// provides and that it does not treat as optional (`is defined`, `|default`): jinja2 prints
    /// such a name as nothing, so a misspelling would show only in the document libvirt gets.
    /// Unlike Mustache's, only the context's own keys count: a disk's `file` is `disk.file` here.
    /// `parameters`: those bluevirt knows for the object, though the node may not give them.
    /// The templates it includes by a string name are judged too, at their own lines, and those
    /// an include with a computed name found in the render (`followedIncludes`); one included
    /// `without context` gets none of the values. An include with a computed name the render did
    /// not reach is one whose template cannot be judged, said as such; after a failed render
    /// (`followedIncludes` nil, the failure reported) it is not.
    func jinjaUnknownNames(context: [String: Any], parameters: Set<String>, folder: BlueprintFolder,
                           followedIncludes: [IncludeSite: Set<String>]?) -> [UnknownTemplateName] {
        guard let template = try? Jinja.Template(text) else { return [] }
        let names = template.contextNames(loader: includeLoader(folder: folder), followedIncludes: followedIncludes ?? [:])
        let known = Set(context.keys).union(parameters).union(["ctx"])
        var found: [UnknownTemplateName] = []
        for read in names.reads where !(read.seesContext && known.contains(read.name)) && !names.optional.contains(read.name) {
            let (at, notes) = place(read.position, in: read.template)
            let kind: UnknownTemplateName.Kind = known.contains(read.name) ? .variableWithoutContext : .variable
            let unknown = UnknownTemplateName(kind: kind, name: read.name, suggestion: kind == .variable ? closestName(to: read.name, in: known) : nil,
                                              known: [], range: at, notes: notes)
            // A misspelling in a file included both with and without context: once.
            if !found.contains(unknown) { found.append(unknown) }
        }
        guard followedIncludes != nil else { return found }
        for site in names.unfollowedIncludes {
            let (at, notes) = place(site.position, in: site.template)
            found.append(UnknownTemplateName(kind: .computedInclude, name: "", suggestion: nil, known: [], range: at, notes: notes))
        }
        return found
    }

    private func diagnostic(for error: JinjaError) -> Diagnostic {
        let code: DiagnosticCode
        var extra: [DiagnosticNote] = []
        let (at, notes) = place(error.position, in: error.template)
        switch error.kind {
        case .unsupported:
            code = .userTemplateJinjaUnsupported
            extra.append(DiagnosticNote("bluevirt renders Jinja2 itself; docs/templates.md lists what it supports"))
        case .syntax:
            code = .userTemplateJinjaSyntax
            extra.append(DiagnosticNote("the template was read as Jinja2 because \(TemplateLanguage.detect(text, fileName: fileName).reason)"))
        case .limit:
            code = .userTemplateJinjaLimit
            extra.append(DiagnosticNote("a libvirt document is a few KiB: build it from the parameters, without repeating text or looping this much"))
        case .undefined, .runtime:
            code = .userTemplateJinjaRender
            if error.kind == .undefined {
                extra.append(DiagnosticNote("test it first: '{% if x is defined %}', or give a fallback: '{{ x|default(...) }}'"))
            }
        case .notFound:
            code = .userTemplateUnreadable
            extra.append(DiagnosticNote("{% include %} names a file relative to the folder of the template that includes it first (for template_content, the blueprint's folder); add 'ignore missing' if it may be absent"))
        case .refused:
            code = .userTemplateOutsideBlueprint
            extra.append(DiagnosticNote("an included template is part of the blueprint: move it into the blueprint's folder and give its path relative to the template's folder"))
        }
        return .error(code, error.message, at: at, notes: notes + extra)
    }

    /// Where a position of the template, or of the included `template` (its loader's path), is:
    /// the included file's own line and column, or the main template's range and notes.
    private func place(_ position: Jinja.SourcePosition, in template: String?) -> (SourceRange, [DiagnosticNote]) {
        let (line, column) = (position.line, position.column)
        guard let template else { return (range(line: line, column: column), notes(line: line, column: column)) }
        return (SourceRange(file: template, start: SourceLocation(line: line, column: column), end: SourceLocation(line: line, column: column + 1)), [])
    }

    private var fileName: String? {
        if case .file(let path, _, _) = origin { return path }
        return nil
    }

    private var fullPath: String? {
        if case .file(_, let path, _) = origin { return path }
        return nil
    }
}
