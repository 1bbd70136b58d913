/// The connections of one process to the state database, in WAL mode: one writer that commits,
/// taken by one thread at a time, and readers, each taken by one thread at a time, that read
/// while the writer writes (what GRDB's `DatabasePool` gave, without linking a library).
final class ConnectionPool: @unchecked Sendable {
    let path: String
    private let busyTimeoutMilliseconds: Int32
    // @unchecked Sendable: the writer is used only with `writerLock` held, and a reader only
    // by the thread that took it from `idleReaders` (with `readersLock` held).
    private let writer: SQLiteConnection
    private let writerLock = ThreadLock()
    private var idleReaders: [SQLiteConnection] = []
    private let readersLock = ThreadLock()

    /// Opens the database at `path` (which exists): WAL mode, foreign keys enforced, a busy
    /// database waited for up to `busyTimeoutSeconds`.
    init(path: String, busyTimeoutSeconds: Int32) throws {
        self.path = path
        busyTimeoutMilliseconds = busyTimeoutSeconds * 1000
        writer = try SQLiteConnection(path: path, readOnly: false, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        // Reads the header first: a file that is no database fails here.
        try writer.execute(sql: "PRAGMA foreign_keys = ON")
        try writer.execute(sql: "PRAGMA journal_mode = WAL")
        try writer.execute(sql: "PRAGMA synchronous = NORMAL")
    }

    /// Runs `body` in a transaction on the writer, committed when it returns.
    func write<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writerLock.withLock { try writer.inTransaction(immediate: true, body) }
    }

    /// Runs `body` on the writer outside a transaction (a pragma, a migration's own transactions).
    func writeWithoutTransaction<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try writerLock.withLock { try body(writer) }
    }

    /// Runs `body` in a read transaction (one consistent snapshot) on a reader.
    func read<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        let reader = try takeReader()
        defer { readersLock.withLock { idleReaders.append(reader) } }
        return try reader.inTransaction(immediate: false, body)
    }

    /// Closes every connection now (before a snapshot's files are removed); the pool is not
    /// used after.
    func close() {
        writerLock.withLock { writer.close() }
        readersLock.withLock {
            for reader in idleReaders { reader.close() }
            idleReaders.removeAll()
        }
    }

    private func takeReader() throws -> SQLiteConnection {
        if let idle = readersLock.withLock({ idleReaders.popLast() }) { return idle }
        let reader = try SQLiteConnection(path: path, readOnly: true, busyTimeoutMilliseconds: busyTimeoutMilliseconds)
        try reader.execute(sql: "PRAGMA foreign_keys = ON")
        return reader
    }
}
