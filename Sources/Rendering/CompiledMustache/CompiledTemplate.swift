/// A Mustache template parsed once (``CompiledTemplateParser``) and rendered over
/// ``TemplateValue``s: bluevirt's one Mustache renderer, for the built-in templates and for
/// users' templates. Its output is byte for byte swift-mustache's, which bluevirt rendered with
/// before and which Tests/RenderingTests/MustacheDifferentialTests keeps as the oracle.
struct CompiledTemplate: Sendable {
    indirect enum Token: Sendable {
        case text(String)
        /// `escaped`: printed with the five characters `& < > " '` escaped (unless a pragma
        /// switched escaping off), as swift-mustache's HTML content type does.
        case variable(ContextPath, escaped: Bool)
        case section(ContextPath, CompiledTemplate)
        case invertedSection(ContextPath, CompiledTemplate)
        /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override, gathered by the
        /// parser into the parent's partial token; never rendered.
        case blockDefinition(String, CompiledTemplate)
        /// A block of a template: its override if a child template gives one, else `default`.
        case block(String, default: CompiledTemplate, indentation: String)
        /// `{{>name}}`, or `{{<name}}…{{/name}}` with its `overrides`. `indentation` is the space
        /// before a standalone tag, repeated on each line the partial prints.
        case partial(PartialName, indentation: String?, overrides: [String: CompiledTemplate]?)
        /// `{{%CONTENT_TYPE:TEXT}}` (no escaping) or `HTML`, for the rest of this template.
        case contentType(escapes: Bool)
    }

    var tokens: [Token]

    /// Renders with `context` as the outermost value and `partials` for `{{> name}}`.
    func render(_ context: TemplateValue, partials: [String: CompiledTemplate]) -> String {
        var output = ""
        var stack = [context]
        render(into: &output, stack: &stack, scope: RenderScope(partials: partials))
        return output
    }

    /// Appends this template's text. With an indentation (inside an indented partial or
    /// block), each token that starts a line gets it before it, counting only what this call
    /// printed: the rule swift-mustache follows, which each nested section and partial applies
    /// on its own.
    private func render(into output: inout String, stack: inout [TemplateValue], scope: RenderScope) {
        var scope = scope
        let start = output.utf8.count
        for token in tokens {
            let before = output.utf8.count
            let startsLine = !scope.indentation.isEmpty && Self.endsWithLineFeed(output, from: start)
            switch token {
            case .text(let text):
                if startsLine && !text.isEmpty { output += scope.indentation }
                output += text
            case .variable(let path, let escaped):
                guard let value = path.resolve(in: stack, sequence: scope.sequence) else { continue }
                let printed = value.printed
                if startsLine && !printed.isEmpty { output += scope.indentation }
                if escaped && scope.escapes {
                    Self.appendEscaped(printed, to: &output)
                } else {
                    output += printed
                }
            case .contentType(let escapes):
                scope.escapes = escapes
            default:
                renderNested(token, into: &output, stack: &stack, scope: scope)
                if startsLine && output.utf8.count > before {
                    output.insert(contentsOf: scope.indentation, at: output.utf8.index(output.utf8.startIndex, offsetBy: before))
                }
            }
        }
    }

    /// A section, inverted section, partial or block.
    private func renderNested(_ token: Token, into output: inout String, stack: inout [TemplateValue], scope: RenderScope) {
        switch token {
        case .text, .variable, .contentType, .blockDefinition:
            assertionFailure("rendered in place, or never")
        case .section(let path, let body):
            switch path.resolve(in: stack, sequence: scope.sequence) {
            case .list(let items, _)?:
                var position = SequencePosition()
                for (index, item) in items.enumerated() {
                    position.index = index
                    position.first = index == 0
                    position.last = index == items.count - 1
                    body.render(into: &output, pushing: item, stack: &stack, scope: scope.inList(at: position))
                }
            case .flag(let flag)?:
                if flag { body.render(into: &output, stack: &stack, scope: scope) }
            case let value?:
                body.render(into: &output, pushing: value, stack: &stack, scope: scope.inList(at: nil))
            case nil:
                break
            }
        case .invertedSection(let path, let body):
            switch path.resolve(in: stack, sequence: scope.sequence) {
            case .list(let items, let original)? where items.isEmpty:
                // swift-mustache renders an empty list's inverted section with the list as the current value.
                body.render(into: &output, pushing: .list(items, original: original), stack: &stack, scope: scope.inList(at: nil))
            case .flag(false)?, nil:
                body.render(into: &output, stack: &stack, scope: scope)
            default:
                break
            }
        case .partial(let name, let indentation, let overrides):
            let template: CompiledTemplate? =
                switch name {
                case .fixed(let fixed): scope.partials[fixed]
                case .read(let path):
                    if case .text(let read)? = path.resolve(in: stack, sequence: scope.sequence) { scope.partials[read] } else { nil }
                }
            template?.render(into: &output, stack: &stack, scope: scope.inPartial(indentation: indentation, overrides: overrides))
        case .block(let name, let fallback, let indentation):
            (scope.overrides[name] ?? fallback).render(into: &output, stack: &stack, scope: scope.inBlock(indentation: indentation))
        }
    }

    private func render(into output: inout String, pushing value: TemplateValue, stack: inout [TemplateValue], scope: RenderScope) {
        stack.append(value)
        render(into: &output, stack: &stack, scope: scope)
        stack.removeLast()
    }

    /// Whether what was printed since `start` ends with a line feed Character (`\r\n` is another).
    private static func endsWithLineFeed(_ output: String, from start: Int) -> Bool {
        let utf8 = output.utf8
        let count = utf8.count
        guard count > start, utf8.last == .newline else { return false }
        return count - 1 == start || utf8[utf8.index(utf8.endIndex, offsetBy: -2)] != .carriageReturn
    }

    /// swift-mustache's HTML escaping, by characters; text with none of the five bytes (nearly
    /// every value) is appended as it is.
    static func appendEscaped(_ text: String, to output: inout String) {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            output += text
            return
        }
        for character in text {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.append(character)
            }
        }
    }
}

/// The template a partial tag names: written in it, or (`{{>*name}}`) read from the context.
enum PartialName: Sendable {
    case fixed(String)
    case read(ContextPath)
}
