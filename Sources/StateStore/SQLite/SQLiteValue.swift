/// One value as SQLite stores it. The state keeps no blobs.
enum SQLiteValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    var kindDescription: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): "the integer \(value)"
        case .real(let value): "the number \(value)"
        case .text(let value): "the text '\(value.prefix(40))'"
        }
    }
}

/// A Swift value a statement can take as an argument.
protocol SQLiteBindable {
    var sqliteValue: SQLiteValue { get }
}

/// A Swift value a column can be read as; nil from `init(sqliteValue:)` when the stored value
/// is not one (text where a number belongs, NULL for a value that cannot be absent).
protocol SQLiteReadable {
    init?(sqliteValue: SQLiteValue)
    /// What the value is called in an error ("text", "an integer").
    static var sqliteKind: String { get }
}

extension String: SQLiteBindable, SQLiteReadable {
    var sqliteValue: SQLiteValue { .text(self) }
    init?(sqliteValue: SQLiteValue) {
        guard case .text(let text) = sqliteValue else { return nil }
        self = text
    }
    static var sqliteKind: String { "text" }
}

extension Int64: SQLiteBindable, SQLiteReadable {
    var sqliteValue: SQLiteValue { .integer(self) }
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let value): self = value
        // A whole number SQLite keeps as REAL (a column without INTEGER affinity) reads as one.
        case .real(let value) where value.rounded() == value && abs(value) < 9.2e18: self = Int64(value)
        default: return nil
        }
    }
    static var sqliteKind: String { "an integer" }
}

extension Int: SQLiteBindable, SQLiteReadable {
    var sqliteValue: SQLiteValue { .integer(Int64(self)) }
    init?(sqliteValue: SQLiteValue) {
        guard let value = Int64(sqliteValue: sqliteValue) else { return nil }
        self = Int(value)
    }
    static var sqliteKind: String { "an integer" }
}

extension Bool: SQLiteBindable, SQLiteReadable {
    var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
    init?(sqliteValue: SQLiteValue) {
        switch sqliteValue {
        case .integer(let value): self = value != 0
        case .real(let value): self = value != 0
        default: return nil
        }
    }
    static var sqliteKind: String { "a boolean (0 or 1)" }
}

extension Optional: SQLiteBindable where Wrapped: SQLiteBindable {
    var sqliteValue: SQLiteValue { self?.sqliteValue ?? .null }
}

extension Optional: SQLiteReadable where Wrapped: SQLiteReadable {
    init?(sqliteValue: SQLiteValue) {
        if sqliteValue == .null {
            self = .none
        } else if let wrapped = Wrapped(sqliteValue: sqliteValue) {
            self = .some(wrapped)
        } else {
            return nil
        }
    }
    static var sqliteKind: String { "NULL or " + Wrapped.sqliteKind }
}

/// An enumeration stored as its raw text (a status, a state, a kind of event).
protocol SQLiteStoredText: SQLiteBindable, SQLiteReadable, RawRepresentable where RawValue == String {}

extension SQLiteStoredText {
    var sqliteValue: SQLiteValue { .text(rawValue) }
    init?(sqliteValue: SQLiteValue) {
        guard case .text(let text) = sqliteValue else { return nil }
        self.init(rawValue: text)
    }
    static var sqliteKind: String { "one of the known names" }
}
