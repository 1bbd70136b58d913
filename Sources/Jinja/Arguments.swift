/// The arguments of a filter, test or method call bound to parameter names, Python style:
/// positional first, then keywords; too many or unknown ones are jinja2's `TypeError`.
struct Arguments {
    private var values: [String: Value] = [:]

    init(_ positional: [Value], _ keywords: [(String, Value)], names: [String], callee: String, at position: SourcePosition) throws(JinjaError) {
        guard positional.count <= names.count else {
            throw JinjaError(.runtime, "\(callee)() takes at most \(names.count + 1) positional arguments (\(positional.count + 1) given)", at: position)
        }
        for (name, value) in zip(names, positional) { values[name] = value }
        for (name, value) in keywords {
            guard names.contains(name) else {
                throw JinjaError(.runtime, "\(callee)() got an unexpected keyword argument '\(name)'", at: position)
            }
            guard values[name] == nil else {
                throw JinjaError(.runtime, "\(callee)() got multiple values for argument '\(name)'", at: position)
            }
            values[name] = value
        }
    }

    subscript(name: String) -> Value? { values[name] }
}
