/// A built-in template parsed into tokens once per process and rendered over ``TemplateValue``s:
/// what dry-run and apply use for the built-in templates, where swift-mustache's lookups in
/// `[String: Any]` were 40% of a dry-run's instructions. Its output is byte for byte
/// swift-mustache's (Tests/RenderingTests/CompiledTemplateTests renders every built-in template
/// with both); user templates still render with swift-mustache.
struct CompiledTemplate: Sendable {
    indirect enum Token: Sendable {
        case text(String)
        /// Printed with the five characters `& < > " '` escaped, as swift-mustache's HTML content type does.
        case variable(ContextPath)
        case section(ContextPath, CompiledTemplate)
        case invertedSection(ContextPath, CompiledTemplate)
        /// `indentation` is the space before a standalone partial tag, repeated on each line it prints.
        case partial(String, indentation: String?)
        /// A block (`{{$name}}`) of a template rendered on its own: its default content.
        case block(CompiledTemplate, indentation: String)
    }

    var tokens: [Token]

    /// Renders with `context` as the outermost value and `partials` for `{{> name}}`.
    func render(_ context: TemplateValue, partials: [String: CompiledTemplate]) -> String {
        var output = ""
        var stack = [context]
        render(into: &output, stack: &stack, indentation: "", partials: partials)
        return output
    }

    /// Appends this template's text. Inside an indented partial, each token that starts a line
    /// gets `indentation` before it, counting only what this call printed: the rule
    /// swift-mustache follows, which each nested section and partial applies on its own.
    private func render(into output: inout String, stack: inout [TemplateValue], indentation: String, partials: [String: CompiledTemplate]) {
        let start = output.utf8.count
        for token in tokens {
            let before = output.utf8.count
            let startsLine = !indentation.isEmpty && before > start && output.utf8.last == UInt8(ascii: "\n")
            switch token {
            case .text(let text):
                if startsLine && !text.isEmpty { output += indentation }
                output += text
            case .variable(let path):
                guard let value = path.resolve(in: stack) else { continue }
                let printed = value.printed
                if startsLine && !printed.isEmpty { output += indentation }
                Self.appendEscaped(printed, to: &output)
            default:
                renderNested(token, into: &output, stack: &stack, indentation: indentation, partials: partials)
                if startsLine && output.utf8.count > before {
                    output.insert(contentsOf: indentation, at: output.utf8.index(output.utf8.startIndex, offsetBy: before))
                }
            }
        }
    }

    /// A section, inverted section, partial or block.
    private func renderNested(_ token: Token, into output: inout String, stack: inout [TemplateValue], indentation: String, partials: [String: CompiledTemplate]) {
        switch token {
        case .text, .variable:
            assertionFailure("text and variables are rendered in place")
        case .section(let path, let body):
            switch path.resolve(in: stack) {
            case .list(let items, _)?:
                for item in items { body.render(into: &output, pushing: item, stack: &stack, indentation: indentation, partials: partials) }
            case .flag(let flag)?:
                if flag { body.render(into: &output, stack: &stack, indentation: indentation, partials: partials) }
            case let value?:
                body.render(into: &output, pushing: value, stack: &stack, indentation: indentation, partials: partials)
            case nil:
                break
            }
        case .invertedSection(let path, let body):
            switch path.resolve(in: stack) {
            case let empty? where empty.isEmptyList:
                // swift-mustache renders an empty list's inverted section with the list as the current value.
                body.render(into: &output, pushing: empty, stack: &stack, indentation: indentation, partials: partials)
            case .flag(false)?, nil:
                body.render(into: &output, stack: &stack, indentation: indentation, partials: partials)
            default:
                break
            }
        case .partial(let name, let added):
            partials[name]?.render(into: &output, stack: &stack, indentation: indentation + (added ?? ""), partials: partials)
        case .block(let body, let added):
            body.render(into: &output, stack: &stack, indentation: indentation + added, partials: partials)
        }
    }

    private func render(into output: inout String, pushing value: TemplateValue, stack: inout [TemplateValue], indentation: String, partials: [String: CompiledTemplate]) {
        stack.append(value)
        render(into: &output, stack: &stack, indentation: indentation, partials: partials)
        stack.removeLast()
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
