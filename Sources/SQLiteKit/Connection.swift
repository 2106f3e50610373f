import CSQLite

/// One SQLite connection. Not `Sendable`: a connection belongs to one owner at a time (a store actor or a
/// single-threaded command), like GRDB's `Database`.
public final class Connection {
    /// How the file is opened.
    public enum Mode: Sendable {
        case readWrite
        /// Opened with `SQLITE_OPEN_READONLY`: any write fails inside SQLite itself.
        case readOnly
    }

    let handle: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    /// The statements used most recently, checked before `statementCache`.
    private var recent: [(sql: String, statement: Statement)] = []
    private var nextRecent = 0
    public let path: String
    /// The queue of statements a second thread runs, while writing behind.
    private var writeBehind: WriteBehind?

    /// Opens (creating when `mode` is `.readWrite`) the database at `path`.
    public init(path: String, mode: Mode = .readWrite, busyTimeoutMilliseconds: Int32 = 10_000) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags = mode == .readOnly
            ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open database"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
    }

    deinit {
        try? stopWritingBehind()
        recent.removeAll()
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The last error on this connection.
    func error(sql: String? = nil, code: Int32? = nil) -> SQLiteError {
        SQLiteError(code: code ?? sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements that return no rows (queued while writing behind).
    public func execute(_ sql: String) throws(SQLiteError) {
        if sql.hasPrefix("ROLLBACK") { rollbacks &+= 1 }
        if let writeBehind { return try writeBehind.enqueue(sql, [], isScript: true) }
        try executeNow(sql)
    }

    /// `execute`, on the calling thread.
    func executeNow(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if rc != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errorMessage)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// A prepared statement for `sql`, cached on this connection; bindings are cleared.
    public func cached(_ sql: String) throws(SQLiteError) -> Statement {
        try waitForWrites()
        return try statement(for: sql)
    }

    /// `cached`, without waiting for queued writes (the write-behind thread's own use).
    func statement(for sql: String) throws(SQLiteError) -> Statement {
        // The statements of a hot loop come from the same string literals: comparing those is one
        // pointer check, where a dictionary lookup hashes the whole SQL text every time.
        for index in recent.indices where recent[index].sql == sql {
            recent[index].statement.reset()
            return recent[index].statement
        }
        let statement: Statement
        if let found = statementCache[sql] {
            found.reset()
            statement = found
        } else {
            statement = try Statement(connection: self, sql: sql)
            statementCache[sql] = statement
        }
        if recent.count < 16 {
            recent.append((sql, statement))
        } else {
            recent[nextRecent] = (sql, statement)
            nextRecent = (nextRecent + 1) % recent.count
        }
        return statement
    }

    /// A fresh prepared statement (not cached).
    public func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        try waitForWrites()
        return try Statement(connection: self, sql: sql)
    }

    /// Runs `sql` with `arguments` and returns every row.
    public func query(_ sql: String, _ arguments: [SQLValue] = []) throws(SQLiteError) -> [Row] {
        let statement = try cached(sql)
        try statement.bind(arguments)
        var rows: [Row] = []
        while let row = try statement.step() { rows.append(row) }
        return rows
    }

    /// Runs `sql` with `arguments`, ignoring rows (queued while writing behind).
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws(SQLiteError) {
        if let writeBehind { return try writeBehind.enqueue(sql, arguments, isScript: false) }
        try DirectStatements(connection: self).run(sql, arguments)
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws(SQLiteError) -> SQLValue? {
        try query(sql, arguments).first?.values.first
    }

    /// Rows changed by the last statement.
    public var changes: Int {
        get throws(SQLiteError) {
            try waitForWrites()
            return Int(sqlite3_changes(handle))
        }
    }

    /// How many `ROLLBACK` statements (of a transaction or to a savepoint) `execute` has run: when it
    /// changes, what the open transaction wrote may be partly gone, so caches of it must be checked.
    public private(set) var rollbacks = 0

    /// Whether a transaction is open. While writing behind, whether a `writeTransaction` or
    /// `readTransaction` body is running (see `startWritingBehind`), without waiting for the queue.
    public var inTransaction: Bool {
        get throws(SQLiteError) {
            if writeBehind != nil { return transactionMethodsOpen > 0 }
            return sqlite3_get_autocommit(handle) == 0
        }
    }

    /// How many `writeTransaction` and `readTransaction` bodies are running.
    private var transactionMethodsOpen = 0

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT` (rolled back if it throws). IMMEDIATE takes the write
    /// lock up front, so two writers wait on the busy timeout instead of failing mid-transaction.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        transactionMethodsOpen += 1
        defer { transactionMethodsOpen -= 1 }
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` inside a deferred read transaction, so every read sees one snapshot.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        if try inTransaction { return try body() }
        try execute("BEGIN DEFERRED")
        transactionMethodsOpen += 1
        defer { transactionMethodsOpen -= 1; try? execute("COMMIT") }
        return try body()
    }

    /// `PRAGMA user_version`.
    public var userVersion: Int {
        get throws(SQLiteError) { Int(try scalar("PRAGMA user_version")?.int ?? 0) }
    }

    /// Turns on WAL, checking SQLite's answer; then full sync, foreign keys off (the log references itself).
    public func configureForDurableWrites() throws(SQLiteError) {
        let mode = try scalar("PRAGMA journal_mode=WAL")?.text
        guard mode == "wal" else {
            throw SQLiteError(code: SQLITE_ERROR, message: "could not enable WAL journal mode (got \(mode ?? "nothing")); is the file on a local disk?")
        }
        try execute("PRAGMA synchronous=FULL")
        // A larger page cache and memory-mapped reads keep big batches from re-reading and re-copying pages.
        try execute("PRAGMA cache_size=-65536")
        try execute("PRAGMA mmap_size=1073741824")
        // Savepoints (one per controller reconcile) journal the pages they touch; in memory, not a temp file.
        try execute("PRAGMA temp_store=MEMORY")
    }
}

extension Connection {
    /// Copies the WAL's committed pages into the database file as far as no reader still needs them,
    /// without waiting for any lock (`SQLITE_CHECKPOINT_PASSIVE`); a busy database is not an error.
    public func checkpointPassively() throws(SQLiteError) {
        try waitForWrites()
        let rc = sqlite3_wal_checkpoint_v2(handle, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
        guard rc == SQLITE_OK || rc == SQLITE_BUSY else { throw error(code: rc) }
    }
}

extension Connection {
    /// From now on `run` and `execute` queue their statement and return at once, and a second thread runs
    /// the queue in order; every other use of the connection first waits until the queue is empty. For a
    /// writer that must not wait on SQLite (a re-run sends hundreds of thousands of requests): its work
    /// and SQLite's then share two cores.
    ///
    /// What changes for the caller: a failing statement is not reported by its `run` but by the next
    /// call that waits (any read, or `waitForWrites`), and by every call after it; a commit is done when
    /// `waitForWrites` returns, not when `writeTransaction` does; and transactions are opened with
    /// `writeTransaction` or `readTransaction` only (savepoints inside them are fine), which is how
    /// `inTransaction` knows without waiting. A `BEGIN` run by hand would make the next
    /// `writeTransaction` fail, and so stop the queue.
    public func startWritingBehind() {
        guard writeBehind == nil else { return }
        let queue = WriteBehind(connection: self)
        writeBehind = queue
        queue.start()
    }

    /// Waits for the queued statements, then runs statements on the calling thread again. Throws the first
    /// queued statement that failed; a transaction it left open is rolled back.
    public func stopWritingBehind() throws(SQLiteError) {
        guard let queue = writeBehind else { return }
        writeBehind = nil
        do {
            try queue.stop()
        } catch {
            if sqlite3_get_autocommit(handle) == 0 { try? executeNow("ROLLBACK") }
            throw error
        }
    }

    /// Returns once every queued statement has run (at once when not writing behind); throws the first
    /// that failed.
    public func waitForWrites() throws(SQLiteError) {
        try writeBehind?.waitUntilWritten()
    }

    /// Runs `work` in order with the queued statements: on the writing thread while writing behind, at
    /// once otherwise. For work that only feeds SQLite (computing values to insert), which then leaves
    /// the caller's thread too. `work` must not use state the caller's thread keeps using.
    public func runBehind(_ work: @escaping @Sendable (DirectStatements) throws(SQLiteError) -> Void) throws(SQLiteError) {
        if let writeBehind { return try writeBehind.enqueue(work) }
        try work(DirectStatements(connection: self))
    }

    /// Whether statements are being queued (`startWritingBehind`).
    public var isWritingBehind: Bool { writeBehind != nil }
}
