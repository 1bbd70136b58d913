/// How much one rendering may build and loop. jinja2 has no such limits, but a libvirt document
/// is a few KiB, and a template that would build gigabytes of text or loop for hours is a
/// mistake: refusing it before the work, at its place, beats bluevirt running out of memory
/// (`("a" * 1000000) * 1000000`) or time (`range(9000000000000000000)`). Each is far beyond
/// what a template of the libvirt plugin does, so the ordinary output is jinja2's exactly.
enum RenderLimits {
    /// The most UTF-8 bytes of one text a template builds (a repetition, a concatenation, a
    /// filter's result, a value printed), and of its whole output: 8 MiB.
    static let textBytes = 8 << 20
    /// The most items of one list a template builds (a repetition, a concatenation), and the
    /// most characters a loop or a filter splits a text into.
    static let listItems = 1_000_000
    /// The most numbers of one `range()`.
    static let rangeLength = 100_000
    /// The most iterations of every loop of one rendering together.
    static let loopIterations = 1_000_000
    /// The most macro calls under way at once (a macro calling itself); Python stops jinja2
    /// at about 200 with a `RecursionError`.
    static let macroDepth = 100
    /// The most includes under way at once (a template including itself).
    static let includeDepth = 16

    /// Refuses a text of `bytes` (nil: more than an Int counts) made by `what` ("repeating a text").
    static func checkText(_ bytes: Int?, _ what: String, at position: SourcePosition) throws(JinjaError) {
        guard let bytes, bytes <= textBytes else { throw tooLong(what, bytes: bytes, at: position) }
    }

    /// Refuses a list of `items` (nil: more than an Int counts) made by `what`.
    static func checkList(_ items: Int?, _ what: String, at position: SourcePosition) throws(JinjaError) {
        guard let items, items <= listItems else {
            let size = items.map { "\($0) items; bluevirt's Jinja2 interpreter builds at most \(listItems)" }
                ?? "more than \(listItems) items, the most bluevirt's Jinja2 interpreter builds"
            throw JinjaError(.limit, "\(what) would make a list of \(size)", at: position)
        }
    }

    /// `bytes`: how long the text would be, or nil when it was not counted past the limit.
    static func tooLong(_ what: String, bytes: Int?, at position: SourcePosition) -> JinjaError {
        let size = bytes.map { "\($0) bytes; bluevirt's Jinja2 interpreter builds at most \(textBytes) (8 MiB)" }
            ?? "more than \(textBytes) bytes (8 MiB), the most bluevirt's Jinja2 interpreter builds"
        return JinjaError(.limit, "\(what) would make a text of \(size)", at: position)
    }

    /// `a * b`, or nil when it is more than an Int holds.
    static func product(_ a: Int, _ b: Int) -> Int? {
        let result = a.multipliedReportingOverflow(by: b)
        return result.overflow ? nil : result.partialValue
    }
}
