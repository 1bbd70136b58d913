/// `a[start:stop:step]` as Python slices a list, tuple or text. jinja2 compiles a slice to
/// Python's own subscript, bypassing its `getitem`, so what Python refuses (a mapping, a number,
/// bounds that are no integers, a step of zero) is an error, not undefined.
enum Slicing {
    static func slice(_ object: Value, start: Value?, stop: Value?, step: Value?, at position: SourcePosition) throws(JinjaError) -> Value {
        func bounds() throws(JinjaError) -> (start: Int?, stop: Int?, step: Int?) {
            guard let start = bound(start), let stop = bound(stop), let step = bound(step) else {
                throw JinjaError(.runtime, "slice indices must be integers or None or have an __index__ method", at: position)
            }
            if step == 0 { throw JinjaError(.runtime, "slice step cannot be zero", at: position) }
            return (start, stop, step)
        }
        switch object {
        case .undefined(let hint): throw JinjaError(.undefined, hint, at: position)
        case .list(let items): return .list(try pick(items, bounds()))
        case .tuple(let items): return .tuple(try pick(items, bounds()))
        case .string(let text): return .string(try pickText(text, bounds()))
        case .markup(let text): return .markup(try pickText(text, bounds()))
        case .dict: throw JinjaError(.runtime, "unhashable type: 'slice'", at: position)
        default: throw JinjaError(.runtime, "'\(object.typeName)' object is not subscriptable", at: position)
        }
    }

    /// nil when the bound is no integer; `.some(nil)` when it is absent or `None`.
    private static func bound(_ value: Value?) -> Int?? {
        guard let value, value != .none else { return .some(nil) }
        return value.integer.map { .some($0) }
    }

    private static func pickText(_ text: String, _ bounds: (start: Int?, stop: Int?, step: Int?)) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: pick(Array(text.unicodeScalars), bounds))
        return String(scalars)
    }

    /// Python's `slice.indices` and the walk it describes.
    private static func pick<Item>(_ items: [Item], _ bounds: (start: Int?, stop: Int?, step: Int?)) -> [Item] {
        let (start, stop) = (bounds.start, bounds.stop)
        let count = items.count
        let step = bounds.step ?? 1
        let (lower, upper) = step > 0 ? (0, count) : (-1, count - 1)
        func clamp(_ index: Int?, _ absent: Int) -> Int {
            guard let index else { return absent }
            return index < 0 ? max(index + count, lower) : min(index, upper)
        }
        var index = clamp(start, step > 0 ? lower : upper)
        let end = clamp(stop, step > 0 ? upper : lower)
        var picked: [Item] = []
        while step > 0 ? index < end : index > end {
            picked.append(items[index])
            // A step beyond the sequence (up to Int.min or Int.max) ends the walk, not the process.
            let (next, overflow) = index.addingReportingOverflow(step)
            if overflow { break }
            index = next
        }
        return picked
    }
}
