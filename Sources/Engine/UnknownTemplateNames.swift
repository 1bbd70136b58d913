import Rendering
import Diagnostics

/// Warnings for the names a user's template uses that bluevirt does not give it: Mustache
/// renders an unknown variable as nothing and drops an unknown block, silently, so a misspelt
/// `{{nmae}}` or `{{$extra_devicez}}` would otherwise show only in the document libvirt gets.
enum UnknownTemplateNames {
    static func warnings(_ names: [UnknownTemplateName]) -> [Diagnostic] {
        names.map { unknown in
            var notes = unknown.notes
            if let suggestion = unknown.suggestion { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
            switch unknown.kind {
            case .variable:
                notes.append(DiagnosticNote(
                    "a user template gets the node's params after bluevirt's defaults (docs/templates.md); a name that is none renders as nothing: correct the name, or give it in params"))
                return .warning(.unknownTemplateVariable, "the template reads '\(unknown.name)', which is no parameter bluevirt gives it",
                                at: unknown.range, notes: notes)
            case .variableWithoutContext:
                notes.append(DiagnosticNote(
                    "'{% include … without context %}' passes the included template none of the parameters, only jinja2's globals; remove 'without context' to pass them"))
                return .warning(.unknownTemplateVariable, "the template reads '\(unknown.name)', a parameter it does not get: it is included without context",
                                at: unknown.range, notes: notes)
            case .computedInclude:
                notes.append(DiagnosticNote(
                    "the tag was not reached with these params (a false {% if %}, an empty {% for %}, a macro not called), so which template it names is known only when it renders; write the name as a string, or a list of strings, to have it checked"))
                return .warning(.computedIncludeNotChecked,
                                "this {% include %} computes the name of its template, which this check cannot tell: the names that template reads are not checked",
                                at: unknown.range, notes: notes)
            case .block(let template):
                notes.append(DiagnosticNote("rename it, in its opening and closing tag, to one of the blocks of '\(template)': \(unknown.known.joined(separator: ", "))"))
                return .warning(.unknownTemplateBlock,
                                "the template replaces the block '\(unknown.name)', which '\(template)' does not have: the block is dropped",
                                at: unknown.range, notes: notes)
            }
        }
    }
}
