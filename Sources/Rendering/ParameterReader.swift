import Platform
import Diagnostics

/// Reads typed parameters out of one mapping (the top-level `params`, or one item of
/// `networks`), turning every value of the wrong type into a diagnostic at that value.
///
/// An empty string counts as absent, as in the Cloudify libvirt plugin, whose types default
/// many parameters to `""`.
struct ParameterReader {
    let values: [String: RenderValue]
    /// The path of this mapping inside the parameters: "" at the top, `networks[0]` for an item.
    let path: String
    let parameters: TemplateParameters
    let collector: DiagnosticCollector
    /// What a user's template reads (``UserTemplateCheck/readKeys``); nil for a built-in
    /// template, or when that cannot be told.
    let templateReads: Set<String>?
    /// A bit for each key given (`keyBit`): a template reads some thirty parameters of which a
    /// blueprint gives a handful, and a key whose bit is clear is absent without hashing it.
    private let givenKeys: UInt64

    init(values: [String: RenderValue], path: String, parameters: TemplateParameters, collector: DiagnosticCollector,
         templateReads: Set<String>?) {
        self.values = values
        self.path = path
        self.parameters = parameters
        self.collector = collector
        self.templateReads = templateReads
        givenKeys = values.keys.reduce(0) { $0 | Self.keyBit($1) }
    }

    /// One of 64 bits, chosen by the key's length and first byte.
    private static func keyBit(_ key: String) -> UInt64 {
        let utf8 = key.utf8
        return 1 << UInt64((utf8.count &* 31 &+ Int(utf8.first ?? 0)) & 63)
    }

    /// The value given for `key`.
    private func value(_ key: String) -> RenderValue? {
        givenKeys & Self.keyBit(key) == 0 ? nil : values[key]
    }

    init(_ parameters: TemplateParameters, collector: DiagnosticCollector, templateReads: Set<String>? = nil) {
        self.init(values: parameters.values, path: "", parameters: parameters, collector: collector, templateReads: templateReads)
    }

    /// Whether a check that one of `keys` is given applies. The built-in templates read them;
    /// a user's template is checked only when it reads one of them, since it may take the value
    /// under another name (an ESX template's `portgroup`) or not at all.
    func requires(anyOf keys: [String]) -> Bool {
        guard let templateReads else { return true }
        return keys.contains(where: templateReads.contains)
    }

    func fullPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func range(_ key: String) -> SourceRange { parameters.range(of: fullPath(key)) }

    /// Reports a problem with the value at `key`, unless that value is pending: a value known
    /// only at run time cannot be checked now.
    func error(_ code: DiagnosticCode, _ message: String, at key: String, notes: [String] = []) {
        if isPending(key) { return }
        collector.add(.error(code, message, at: range(key), notes: notes.map { DiagnosticNote($0) }))
    }

    /// Whether the value is known only at run time: it renders as its placeholder, unchecked.
    func isPending(_ key: String) -> Bool {
        if case .pending? = value(key) { return true }
        return false
    }

    /// Whether the parameter is given with a value that is not empty.
    func isGiven(_ key: String) -> Bool {
        switch value(key) {
        case nil, .string(""): false
        case .list(let items): !items.isEmpty
        default: true
        }
    }

    func string(_ key: String) -> String? {
        switch value(key) {
        case nil, .string(""): return nil
        case .string(let text): return text
        case .int(let number): return String(number)
        case .pending(let source): return RenderValue.placeholder(for: source)
        case let other?:
            wrongType(key, expected: "a string", got: other)
            return nil
        }
    }

    func int(_ key: String) -> Int? {
        switch value(key) {
        case nil, .string(""): return nil
        case .int(let number): return number
        case .string(let text):
            if let number = Int(text.trimmingWhitespace()) { return number }
            error(.wrongParameterType, "'\(fullPath(key))' must be an integer, not '\(text)'", at: key)
            return nil
        case let other?:
            wrongType(key, expected: "an integer", got: other)
            return nil
        }
    }

    func bool(_ key: String) -> Bool? {
        switch value(key) {
        case nil, .string(""): return nil
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        case let other?:
            wrongType(key, expected: "a boolean (true or false)", got: other)
            return nil
        }
    }

    /// A list of mappings, one reader per item; items that are not mappings are diagnostics.
    func items(_ key: String) -> [ParameterReader] {
        switch value(key) {
        case nil, .string(""): return []
        case .list(let items):
            return items.enumerated().compactMap { index, item in
                let itemPath = "\(fullPath(key))[\(index)]"
                guard case .map(let pairs) = item else {
                    collector.add(.error(
                        .wrongParameterType,
                        "'\(itemPath)' must be a mapping, not \(item.kindDescription)",
                        at: parameters.range(of: itemPath)))
                    return nil
                }
                return ParameterReader(values: pairs, path: itemPath, parameters: parameters, collector: collector, templateReads: templateReads)
            }
        case let other?:
            wrongType(key, expected: "a list", got: other)
            return []
        }
    }

    /// A list of strings (e.g. `init_args`).
    func strings(_ key: String) -> [String] {
        switch value(key) {
        case nil, .string(""): return []
        case .list(let items):
            return items.enumerated().compactMap { index, item in
                switch item {
                case .string(let text): return text
                case .int(let number): return String(number)
                case .pending(let source): return RenderValue.placeholder(for: source)
                default:
                    let itemPath = "\(fullPath(key))[\(index)]"
                    collector.add(.error(
                        .wrongParameterType, "'\(itemPath)' must be a string, not \(item.kindDescription)",
                        at: parameters.range(of: itemPath)))
                    return nil
                }
            }
        case let other?:
            wrongType(key, expected: "a list of strings", got: other)
            return []
        }
    }

    func map(_ key: String) -> ParameterReader? {
        switch value(key) {
        case nil, .string(""): return nil
        case .map(let pairs):
            return ParameterReader(values: pairs, path: fullPath(key), parameters: parameters, collector: collector, templateReads: templateReads)
        case let other?:
            wrongType(key, expected: "a mapping", got: other)
            return nil
        }
    }

    /// A string that must be one of `allowed` (compared case-sensitively, as libvirt does).
    /// `meaning` and `notes` are made only for a value that is not allowed: each domain asks
    /// this several times, and building their text every time cost more than the check.
    func choice(_ key: String, allowed: [String], meaning: @autoclosure () -> String, notes more: @autoclosure () -> [String] = []) -> String? {
        guard let value = string(key) else { return nil }
        if allowed.contains(value) || isPending(key) { return value }
        var notes = ["allowed values: \(allowed.joined(separator: ", "))"] + more()
        if let suggestion = closestName(to: value, in: allowed) { notes.insert("did you mean '\(suggestion)'?", at: 0) }
        error(.unknownChoice, "unknown \(meaning()) '\(value)' in '\(fullPath(key))'", at: key, notes: notes)
        return nil
    }

    /// An absolute path (libvirt's schemas require one for files and directories).
    func absolutePath(_ key: String) -> String? {
        guard let value = string(key) else { return nil }
        guard value.hasPrefix("/") || isPending(key) else {
            error(.pathNotAbsolute, "'\(fullPath(key))' must be an absolute path, not '\(value)'", at: key,
                  notes: ["libvirt resolves no relative paths; write the full path, starting with '/'"])
            return nil
        }
        return value
    }

    /// An integer that must be at least `minimum` and, when `largest` is given, at most its value.
    func int(_ key: String, atLeast minimum: Int, atMost largest: LibvirtLimits.Largest? = nil, meaning: String) -> Int? {
        guard let value = int(key) else { return nil }
        guard value >= minimum else {
            error(.valueOutOfRange, "\(meaning) '\(fullPath(key))' must be at least \(minimum), not \(value)", at: key)
            return nil
        }
        if let largest, value > largest.value {
            error(.valueOutOfRange, "\(meaning) '\(fullPath(key))' is too large: \(value) is more than \(largest.value) (\(largest.description))",
                  at: key, notes: ["give at most \(largest.value)"])
            return nil
        }
        return value
    }

    /// Warns about keys a built-in template does not read, with a did-you-mean. `template` is
    /// named only in a warning: every domain names its driver's, and usually none is warned.
    func warnUnknownKeys(known: Set<String>, template: @autoclosure () -> String) {
        let unknown = values.keys.filter { !known.contains($0) }
        guard !unknown.isEmpty else { return }
        let template = template()
        // Only the unknown keys are sorted (for a stable order).
        for key in unknown.sorted() {
            var notes: [DiagnosticNote] = []
            if let suggestion = closestName(to: key, in: known) { notes.append(DiagnosticNote("did you mean '\(suggestion)'?")) }
            notes.append(DiagnosticNote("remove it, or give a user template (template_resource or template_content), which receives every parameter"))
            collector.add(.warning(
                .unknownParameter, "the built-in template '\(template)' does not read '\(fullPath(key))'",
                at: range(key), notes: notes))
        }
    }

    private func wrongType(_ key: String, expected: String, got value: RenderValue) {
        error(.wrongParameterType, "'\(fullPath(key))' must be \(expected), not \(value.kindDescription) (\(value.shortDescription))", at: key)
    }
}
