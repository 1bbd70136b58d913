/// What a template renders with besides the context values: swift-mustache's render context
/// without its stack, which ``CompiledTemplate`` keeps apart to push and pop in place.
struct RenderScope {
    /// The templates `{{>name}}` and `{{<name}}` name.
    let partials: [String: CompiledTemplate]
    /// Put before each line that partials and blocks print, from the indentation of their tags.
    var indentation = ""
    /// The blocks that child templates replace; the outermost child's wins.
    var overrides: [String: CompiledTemplate] = [:]
    /// False after a `{{%CONTENT_TYPE:TEXT}}` pragma, in the rest of its template.
    var escapes = true
    /// Set inside a section over a list, for `{{index()}}` and the like.
    var sequence: SequencePosition?

    init(partials: [String: CompiledTemplate]) { self.partials = partials }

    /// Inside a section: over a list at `position`, or over a value (nil).
    func inList(at position: SequencePosition?) -> RenderScope {
        var scope = self
        scope.sequence = position
        return scope
    }

    /// Inside a partial, which starts escaping again as a template of its own.
    func inPartial(indentation added: String?, overrides more: [String: CompiledTemplate]?) -> RenderScope {
        var scope = self
        scope.indentation += added ?? ""
        if let more { scope.overrides.merge(more) { outer, _ in outer } }
        scope.escapes = true
        scope.sequence = nil
        return scope
    }

    func inBlock(indentation added: String) -> RenderScope {
        var scope = self
        scope.indentation += added
        scope.sequence = nil
        return scope
    }
}
