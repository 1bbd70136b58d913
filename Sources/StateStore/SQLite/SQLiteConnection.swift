import CSQLite

/// One connection to a database file. Not for concurrent use: `ConnectionPool` hands each to
/// one thread at a time.
final class SQLiteConnection {
    let path: String
    private let handle: OpaquePointer
    private var cachedStatements: [String: SQLiteStatement] = [:]
    private var closed = false

    /// Opens `path` (which exists) for reading and writing, or for reading only. A busy database
    /// (another process committing) is waited for up to `busyTimeoutMilliseconds`.
    init(path: String, readOnly: Bool, busyTimeoutMilliseconds: Int32) throws {
        if let failure = bluevirt_sqlite3_load() { throw SQLiteUnavailable(reason: String(cString: failure)) }
        var opened: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX
        let result = bluevirt_sqlite3_open_v2(path, &opened, flags)
        guard result == SQLITE_OK, let opened else {
            let error = opened.map { SQLiteError(connection: $0, sql: nil) }
                ?? SQLiteError(extendedCode: result, message: String(cString: bluevirt_sqlite3_errstr(result)))
            if let opened { bluevirt_sqlite3_close_v2(opened) }
            throw error
        }
        self.path = path
        handle = opened
        bluevirt_sqlite3_extended_result_codes(handle, 1)
        bluevirt_sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
    }

    deinit { close() }

    /// Finalizes the cached statements and closes the connection; it is not used after.
    func close() {
        guard !closed else { return }
        closed = true
        cachedStatements.removeAll()
        bluevirt_sqlite3_close_v2(handle)
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changesCount: Int { Int(bluevirt_sqlite3_changes(handle)) }

    /// The rowid of the last row inserted.
    var lastInsertedRowID: Int64 { bluevirt_sqlite3_last_insert_rowid(handle) }

    /// A new prepared statement for `sql` (one statement).
    func makeStatement(sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard bluevirt_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw SQLiteError(connection: handle, sql: sql)
        }
        return SQLiteStatement(handle: statement, connection: handle, sql: sql)
    }

    /// The statement for `sql`, prepared once per connection: on the path of every step,
    /// preparing costs more than running.
    func cachedStatement(sql: String) throws -> SQLiteStatement {
        if let statement = cachedStatements[sql] { return statement }
        let statement = try makeStatement(sql: sql)
        cachedStatements[sql] = statement
        return statement
    }

    /// Runs `sql` with `arguments`; without arguments `sql` may hold several statements, run in
    /// order (a migration).
    func execute(sql: String, arguments: [(any SQLiteBindable)?] = []) throws {
        guard arguments.isEmpty else {
            try makeStatement(sql: sql).execute(arguments: arguments)
            return
        }
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                guard bluevirt_sqlite3_prepare_v2(handle, current, -1, &statement, &tail) == SQLITE_OK else {
                    throw SQLiteError(connection: handle, sql: sql)
                }
                next = tail
                // Only blanks or a comment after the last statement: nothing to run.
                guard let statement else { continue }
                try SQLiteStatement(handle: statement, connection: handle, sql: sql).execute()
            }
        }
    }

    func fetchAll(sql: String, arguments: [(any SQLiteBindable)?] = []) throws -> [SQLiteRow] {
        try makeStatement(sql: sql).fetchAll(arguments: arguments)
    }

    func fetchOne(sql: String, arguments: [(any SQLiteBindable)?] = []) throws -> SQLiteRow? {
        try makeStatement(sql: sql).fetchOne(arguments: arguments)
    }

    func fetchAll<T: SQLiteReadable>(_ type: T.Type, sql: String, arguments: [(any SQLiteBindable)?] = []) throws -> [T] {
        try makeStatement(sql: sql).fetchAll(type, arguments: arguments)
    }

    func fetchOne<T: SQLiteReadable>(_ type: T.Type, sql: String, arguments: [(any SQLiteBindable)?] = []) throws -> T? {
        try makeStatement(sql: sql).fetchOne(type, arguments: arguments)
    }

    /// Runs `body` in a transaction (`BEGIN IMMEDIATE` takes the write lock at once, so a
    /// concurrent writer waits at the start instead of failing at its first write), committed
    /// when it returns and rolled back when it throws.
    func inTransaction<T>(immediate: Bool, _ body: (SQLiteConnection) throws -> T) throws -> T {
        try execute(sql: immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        let result: T
        do {
            result = try body(self)
        } catch {
            try? execute(sql: "ROLLBACK")
            throw error
        }
        do {
            try execute(sql: "COMMIT")
        } catch {
            // A commit that failed (a full disk) may leave the transaction open.
            try? execute(sql: "ROLLBACK")
            throw error
        }
        return result
    }
}
