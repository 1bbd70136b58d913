/// One row of a query's result: its values, read by position or by column name.
struct SQLiteRow {
    /// The names of the statement's columns, shared by all its rows.
    let columnNames: [String]
    let values: [SQLiteValue]

    /// The value at `index`, as `T`; a value of another kind is an error naming the column.
    func value<T: SQLiteReadable>(at index: Int, as type: T.Type = T.self) throws -> T {
        guard index < values.count else {
            throw UnexpectedColumnValue(column: "#\(index)", value: .null, expected: T.sqliteKind)
        }
        guard let value = T(sqliteValue: values[index]) else {
            throw UnexpectedColumnValue(column: columnNames[index], value: values[index], expected: T.sqliteKind)
        }
        return value
    }

    /// The value of the column named `name` (compared as SQLite compares names, ignoring ASCII case).
    func value<T: SQLiteReadable>(_ name: String, as type: T.Type = T.self) throws -> T {
        guard let index = columnNames.firstIndex(where: { $0.lowercased() == name.lowercased() }) else {
            throw UnexpectedColumnValue(column: name, value: .null, expected: T.sqliteKind + " (there is no such column)")
        }
        return try value(at: index)
    }
}
