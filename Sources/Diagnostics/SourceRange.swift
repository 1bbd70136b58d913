import Synchronization

/// A position in a source file, 1-based as editors count: line 1, column 1 is the first character.
/// Columns count Unicode scalars, as libyaml does.
///
/// Stored in 32 bits each: every node of a YAML tree and every part of an expression carries two
/// of these, so their size is a large share of a loaded blueprint's memory. A file has fewer than
/// 4 billion lines and columns (YAMLLimits caps a document far below that).
public struct SourceLocation: Sendable, Hashable, Comparable, Codable {
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    public init(line: Int, column: Int) {
        self.storedLine = UInt32(clamping: line)
        self.storedColumn = UInt32(clamping: column)
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.storedLine, lhs.storedColumn) < (rhs.storedLine, rhs.storedColumn)
    }

    private enum CodingKeys: String, CodingKey { case line, column }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(line: try container.decode(Int.self, forKey: .line), column: try container.decode(Int.self, forKey: .column))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
    }
}

/// A file's path, stored once per process: a range holds its number, not a copy of the path
/// (a string that every copy of a range would retain and release).
public struct SourceFileName: Sendable, Hashable {
    private let number: UInt32

    /// All paths named so far, and the number of each.
    private static let table = Mutex<(paths: [String], numbers: [String: UInt32])>(([], [:]))

    /// The name of `path`: equal paths get equal names.
    public init(_ path: String) {
        number = Self.table.withLock { table in
            if let known = table.numbers[path] { return known }
            let next = UInt32(table.paths.count)
            table.paths.append(path)
            table.numbers[path] = next
            return next
        }
    }

    /// The path as it was given.
    public var path: String {
        Self.table.withLock { $0.paths[Int(number)] }
    }
}

/// Where something came from: a file and the half-open span [start, end) in it.
public struct SourceRange: Sendable, Hashable, Codable {
    /// The file, by number (see ``SourceFileName``).
    public var source: SourceFileName
    public var start: SourceLocation
    public var end: SourceLocation

    /// The file's path as the user named it (or as an import resolved it).
    public var file: String {
        get { source.path }
        set { source = SourceFileName(newValue) }
    }

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.init(source: SourceFileName(file), start: start, end: end)
    }

    /// A range in a file already named: what a reader making many ranges in one file uses.
    public init(source: SourceFileName, start: SourceLocation, end: SourceLocation) {
        self.source = source
        self.start = start
        self.end = end
    }

    /// A range for a whole file, used when no finer position exists (an unreadable file).
    public static func wholeFile(_ file: String) -> SourceRange {
        SourceRange(file: file, start: SourceLocation(line: 1, column: 1), end: SourceLocation(line: 1, column: 1))
    }

    /// A range with no position in `file`: what a problem of the command line as a whole, or of
    /// values that come from no file, is reported at. It is line 0, column 0; the printer shows
    /// no location for it (`error: …`), where `<command line>:1:1` pointed at nothing.
    public static func unplaced(_ file: String) -> SourceRange {
        SourceRange(file: file, start: SourceLocation(line: 0, column: 0), end: SourceLocation(line: 0, column: 0))
    }

    /// Whether this range has no position (``unplaced(_:)``).
    public var isUnplaced: Bool { start.line == 0 }

    private enum CodingKeys: String, CodingKey { case file, start, end }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(file: try container.decode(String.self, forKey: .file),
                  start: try container.decode(SourceLocation.self, forKey: .start),
                  end: try container.decode(SourceLocation.self, forKey: .end))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
    }
}
