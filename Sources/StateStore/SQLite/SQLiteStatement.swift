import CSQLite

/// A prepared statement of one connection. Used by one thread at a time (its connection's).
final class SQLiteStatement {
    let sql: String
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private lazy var columnNames: [String] = (0..<bluevirt_sqlite3_column_count(handle)).map {
        String(cString: bluevirt_sqlite3_column_name(handle, $0))
    }

    init(handle: OpaquePointer, connection: OpaquePointer, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
    }

    deinit { bluevirt_sqlite3_finalize(handle) }

    /// Runs the statement to its end with `arguments` bound to its `?` in order.
    func execute(arguments: [(any SQLiteBindable)?] = []) throws {
        try run(arguments: arguments) { _ in true }
    }

    /// Every row the statement gives with `arguments`.
    func fetchAll(arguments: [(any SQLiteBindable)?] = []) throws -> [SQLiteRow] {
        var rows: [SQLiteRow] = []
        try run(arguments: arguments) { statement in
            rows.append(SQLiteRow(columnNames: statement.columnNames, values: statement.currentValues()))
            return true
        }
        return rows
    }

    /// The first row, if there is one.
    func fetchOne(arguments: [(any SQLiteBindable)?] = []) throws -> SQLiteRow? {
        var row: SQLiteRow?
        try run(arguments: arguments) { statement in
            row = SQLiteRow(columnNames: statement.columnNames, values: statement.currentValues())
            return false
        }
        return row
    }

    /// The first column of every row, as `T`.
    func fetchAll<T: SQLiteReadable>(_ type: T.Type, arguments: [(any SQLiteBindable)?] = []) throws -> [T] {
        var values: [T] = []
        try run(arguments: arguments) { statement in
            values.append(try statement.firstColumn())
            return true
        }
        return values
    }

    /// The first column of the first row as `T`; nil when there is no row or the value is NULL.
    func fetchOne<T: SQLiteReadable>(_ type: T.Type, arguments: [(any SQLiteBindable)?] = []) throws -> T? {
        var value: T?
        try run(arguments: arguments) { statement in
            value = try statement.firstColumn(T?.self)
            return false
        }
        return value
    }

    /// Binds, steps while `onRow` returns true, and leaves the statement reset with no bindings
    /// (ready for the next use of a cached statement), whatever happened.
    private func run(arguments: [(any SQLiteBindable)?], onRow: (SQLiteStatement) throws -> Bool) throws {
        defer {
            bluevirt_sqlite3_reset(handle)
            bluevirt_sqlite3_clear_bindings(handle)
        }
        try bind(arguments)
        while true {
            let result = bluevirt_sqlite3_step(handle)
            if result == SQLITE_DONE { return }
            guard result == SQLITE_ROW else { throw SQLiteError(connection: connection, sql: sql) }
            if try !onRow(self) { return }
        }
    }

    private func bind(_ arguments: [(any SQLiteBindable)?]) throws {
        for (offset, argument) in arguments.enumerated() {
            let index = Int32(offset + 1)
            let result: Int32 = switch argument?.sqliteValue ?? .null {
            case .null: bluevirt_sqlite3_bind_null(handle, index)
            case .integer(let value): bluevirt_sqlite3_bind_int64(handle, index, value)
            case .real(let value): bluevirt_sqlite3_bind_double(handle, index, value)
            case .text(let value):
                value.utf8.withContiguousStorageIfAvailable { bytes in
                    bytes.withMemoryRebound(to: CChar.self) {
                        bluevirt_sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count))
                    }
                } ?? value.withCString { bluevirt_sqlite3_bind_text(handle, index, $0, -1) }
            }
            guard result == SQLITE_OK else { throw SQLiteError(connection: connection, sql: sql) }
        }
    }

    private func currentValues() -> [SQLiteValue] {
        (0..<bluevirt_sqlite3_column_count(handle)).map(columnValue)
    }

    private func columnValue(_ column: Int32) -> SQLiteValue {
        switch bluevirt_sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(bluevirt_sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: .real(bluevirt_sqlite3_column_double(handle, column))
        default:
            // Text, or a blob read as its bytes taken for UTF-8 (the state writes none).
            if let text = bluevirt_sqlite3_column_text(handle, column) {
                .text(String(decoding: UnsafeBufferPointer(start: text, count: Int(bluevirt_sqlite3_column_bytes(handle, column))), as: UTF8.self))
            } else {
                .null
            }
        }
    }

    private func firstColumn<T: SQLiteReadable>(_ type: T.Type = T.self) throws -> T {
        let value = columnValue(0)
        guard let read = T(sqliteValue: value) else {
            throw UnexpectedColumnValue(column: columnNames.first ?? "#0", value: value, expected: T.sqliteKind)
        }
        return read
    }
}
