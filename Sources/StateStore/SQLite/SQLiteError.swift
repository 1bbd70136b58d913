import CSQLite

/// A failure SQLite reported: its extended result code and message, and the statement it was
/// running. `StateStore.classify` turns it into the user's terms (a full disk, a read-only
/// directory, a file that is no state database).
struct SQLiteError: Error, CustomStringConvertible {
    var extendedCode: Int32
    var message: String
    var sql: String?

    /// The primary result code (`SQLITE_FULL`, `SQLITE_READONLY`, ...) of the extended one.
    var code: Int32 { extendedCode & 0xff }

    var description: String {
        let statement = sql.map { " - while executing `\($0)`" } ?? ""
        return "SQLite error \(code): \(message)\(statement)"
    }

    /// The last failure on `connection`, as SQLite describes it.
    init(connection: OpaquePointer, sql: String?) {
        extendedCode = bluevirt_sqlite3_extended_errcode(connection)
        message = String(cString: bluevirt_sqlite3_errmsg(connection))
        self.sql = sql
    }

    init(extendedCode: Int32, message: String, sql: String? = nil) {
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
    }
}

/// libsqlite3 could not be loaded (not installed, or too old to have a function the store uses).
struct SQLiteUnavailable: Error {
    var reason: String
}

/// A stored value of an unexpected kind (a file edited by hand, or written by something else):
/// reported as a failure of the operation that read it, never a crash.
struct UnexpectedColumnValue: Error, CustomStringConvertible {
    var column: String
    var value: SQLiteValue
    var expected: String

    var description: String { "column '\(column)' holds \(value.kindDescription) where \(expected) was expected" }
}
