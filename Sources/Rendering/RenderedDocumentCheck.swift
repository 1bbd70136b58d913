import Diagnostics

/// What a user's template rendered must be well-formed XML before anything else reads it:
/// libvirt refuses it otherwise, and only when `apply` reaches the object, with line numbers of
/// a document nobody sees. Here it is an error of validate and dry-run, at the template's line
/// where one line of the template made the broken one.
extension UserTemplateCheck {
    /// `rendered` with bluevirt's metadata added (``OwnershipMetadata``), or nil after adding a
    /// diagnostic that says where it is not well-formed.
    func finished(_ rendered: String, kind: DocumentKind, identity: InstanceIdentity?, collector: DiagnosticCollector) -> String? {
        do {
            let outline = try XMLDocumentReader.read(rendered, namespace: InstanceIdentity.metadataNamespace)
            return OwnershipMetadata.added(to: rendered, outline: outline, kind: kind, identity: identity)
        } catch {
            collector.add(diagnostic(forMalformed: rendered, error))
            return nil
        }
    }

    private func diagnostic(forMalformed rendered: String, _ problem: XMLDocumentReader.Problem) -> Diagnostic {
        let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let origins = TemplateLineOrigin(template: text, language: language)
        let templateLine = origins.line(rendering: renderedLines[problem.line - 1])
        let openedTemplateLine = problem.openedAtLine.flatMap { origins.line(rendering: renderedLines[$0 - 1]) }
        var notes = [DiagnosticNote("line \(problem.line), column \(problem.column) of the rendered document, "
            + (templateLine.map { "made by line \($0) of the template" }
                ?? "which no single line of the template makes (two of its lines could, or the line is the built-in template's it inherits)"))]
        if let opened = problem.openedAtLine, let openedTemplateLine {
            notes.append(DiagnosticNote("line \(opened) of the rendered document is made by line \(openedTemplateLine) of the template"))
        }
        notes.append(DiagnosticNote("the rendered document around it:\n" + Self.excerpt(renderedLines, around: problem.line)))
        notes.append(DiagnosticNote(
            "every value bluevirt puts in is escaped, so the markup is the template's own: close each element it opens, in order"))
        let message = "the template renders a document that is not well-formed XML: \(problem.message)"
        // At the template's line that made the broken one (or the unclosed element's); else at
        // the template as the blueprint names it.
        guard let line = templateLine ?? openedTemplateLine else {
            return .error(.userTemplateNotWellFormed, message, at: reference, notes: notes)
        }
        return .error(.userTemplateNotWellFormed, message, at: range(line: line, column: 1),
                      notes: self.notes(line: line, column: 1) + notes)
    }

    /// Numbered lines of the document from two before `line` to one after, `line` marked.
    private static func excerpt(_ lines: [Substring], around line: Int) -> String {
        // The empty "line" after a final newline is no line of the document.
        let count = lines.count > 1 && lines[lines.count - 1].isEmpty ? lines.count - 1 : lines.count
        let range = max(1, line - 2)...max(line, min(count, line + 1))
        let width = String(range.upperBound).count
        return range.map { number in
            let marker = number == line ? ">" : " "
            let padded = String(repeating: " ", count: width - String(number).count) + String(number)
            return "  \(marker) \(padded) | \(TerminalText.bounded(String(lines[number - 1]), maximumLength: 120))"
        }.joined(separator: "\n")
    }
}
