/// A place in a template's text: 1-based line, and 1-based column counted in Unicode scalars
/// (what an editor shows for the ASCII XML templates are written in).
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}
