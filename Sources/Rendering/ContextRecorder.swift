/// A template context being built, or only checked. `validate` makes no text, so when nothing
/// will render the context its values are dropped as they are set, and only the checks that
/// go with them run: building the domains' contexts, one dictionary of boxed values each, was
/// about 25 M of the 480 M instructions of validating 1,000 node templates.
struct ContextRecorder {
    private(set) var values: [String: Any]
    let isRecorded: Bool

    /// `values`: what the context starts with, made only when it is recorded.
    init(isRecorded: Bool, values: @autoclosure () -> [String: Any]) {
        self.isRecorded = isRecorded
        self.values = isRecorded ? values() : [:]
    }

    subscript(key: String) -> Any? {
        get { values[key] }
        set { if isRecorded { values[key] = newValue } }
    }

    /// Adds `more` (made only when recorded), its values winning.
    mutating func merge(_ more: @autoclosure () -> [String: Any]) {
        if isRecorded { values.merge(more()) { _, new in new } }
    }
}
