import Foundation
import CSQLite

/// The queue behind `Connection.startWritingBehind`: statements that return no rows, recorded by the
/// connection's owner and run in order by a second thread, so a writer that spends half its time in
/// SQLite can do its own half on another core.
///
/// Statements travel in batches. A batch holds each statement's SQL and its arguments copied into one
/// byte buffer, which the writing thread binds from without copying again; emptied batches go back to
/// the owner to be filled again, so a long run allocates nothing per statement.
///
/// The two threads never use the connection at the same time: the writing thread only between taking a
/// batch and handing it back, and the owner only after `waitUntilWritten`, which returns once the queue
/// is empty and the writing thread idle. The first statement that fails stops the queue (the rest are
/// skipped), and its error is thrown from then on by every call that waits.
///
/// `@unchecked Sendable`: the fields both threads use are read and written with `condition` locked;
/// `filling` is the owner's alone; a batch belongs to one thread at a time, handed over under the lock;
/// and the connection is used by one thread at a time, as above.
final class WriteBehind: @unchecked Sendable {
    /// One queued statement, or a piece of work (`Connection.runBehind`).
    struct Operation {
        var sql: String
        /// Run with `sqlite3_exec` (may hold several statements, no arguments) rather than prepared.
        var isScript: Bool
        var arguments: Range<Int>
        var work: Work? = nil
    }

    typealias Work = @Sendable (DirectStatements) throws(SQLiteError) -> Void

    /// One argument: an integer or double inline, a text or blob as a range of the batch's bytes.
    struct Argument {
        enum Form: UInt8 { case null, int, double, text, blob }
        var form: Form
        var number: Int64 = 0
        var bytes: Range<Int> = 0..<0
    }

    final class Batch {
        var operations: [Operation] = []
        var arguments: [Argument] = []
        /// Starts with one byte, so its base address is never nil: an empty text is bound as '' (a pointer
        /// to no bytes), not as NULL.
        var bytes: [UInt8] = [0]

        /// Adds a statement; returns how many the batch holds.
        func append(_ sql: String, _ values: [SQLValue], isScript: Bool) -> Int {
            let first = arguments.count
            for value in values {
                switch value {
                case .null: arguments.append(Argument(form: .null))
                case .int(let v): arguments.append(Argument(form: .int, number: v))
                case .double(let d): arguments.append(Argument(form: .double, number: Int64(bitPattern: d.bitPattern)))
                case .text(let text): arguments.append(Argument(form: .text, bytes: append(text)))
                case .blob(let blob):
                    let start = bytes.count
                    bytes.append(contentsOf: blob)
                    arguments.append(Argument(form: .blob, bytes: start..<bytes.count))
                }
            }
            operations.append(Operation(sql: sql, isScript: isScript, arguments: first..<arguments.count))
            return operations.count
        }

        /// Copies a text's UTF-8 bytes in; where they are.
        private func append(_ text: String) -> Range<Int> {
            let start = bytes.count
            if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
                bytes.append(contentsOf: text.utf8)
            }
            return start..<bytes.count
        }

        /// Adds a piece of work; returns how many operations the batch holds.
        func append(_ work: @escaping Work) -> Int {
            operations.append(Operation(sql: "", isScript: false, arguments: 0..<0, work: work))
            return operations.count
        }

        func removeAll() {
            operations.removeAll(keepingCapacity: true)
            arguments.removeAll(keepingCapacity: true)
            bytes.removeSubrange(1...)
        }
    }

    /// Statements in a batch before it is handed over, and batches queued before the owner waits: about
    /// 2,000 of a re-run's requests, enough for the writing thread to commit 10,000 meanwhile.
    private static let batchSize = 96, queueLimit = 64

    private unowned let connection: Connection
    private let condition = NSCondition()
    private var queued: [Batch] = []
    private var spare: [Batch] = []
    private var writing = false
    private var stopping = false
    private var running = false
    private var failure: SQLiteError?
    /// The batch the owner is filling.
    private var filling = Batch()

    init(connection: Connection) { self.connection = connection }

    func start() {
        running = true
        let thread = Thread { self.work() }
        thread.name = "sqlite-write-behind"
        thread.start()
    }

    /// Queues one statement. When it fills the batch, the batch is handed over, which throws the failure
    /// of an earlier statement, if the writing thread has met one (then nothing more runs).
    func enqueue(_ sql: String, _ values: [SQLValue], isScript: Bool) throws(SQLiteError) {
        let full = filling.append(sql, values, isScript: isScript) >= WriteBehind.batchSize
        if full { try handOver(waitingForAll: false) }
    }

    /// Queues a piece of work, run in order with the statements.
    func enqueue(_ work: @escaping Work) throws(SQLiteError) {
        if filling.append(work) >= WriteBehind.batchSize { try handOver(waitingForAll: false) }
    }

    /// Returns once every queued statement has run; throws the first that failed.
    func waitUntilWritten() throws(SQLiteError) {
        try handOver(waitingForAll: true)
    }

    /// Waits for the queue, then stops the writing thread. Throws the first failure.
    func stop() throws(SQLiteError) {

        let outcome = Result { () throws(SQLiteError) in try waitUntilWritten() }
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
        try outcome.get()
    }

    /// Queues the batch being filled (when it holds anything), waiting while the queue is full, or, with
    /// `waitingForAll`, until everything queued has run.
    private func handOver(waitingForAll: Bool) throws(SQLiteError) {
        condition.lock()
        defer { condition.unlock() }
        if !filling.operations.isEmpty {
            while queued.count >= WriteBehind.queueLimit && failure == nil { condition.wait() }
            queued.append(filling)
            filling = spare.popLast() ?? Batch()
            condition.broadcast()
        }
        if waitingForAll {
            while (!queued.isEmpty || writing) && failure == nil { condition.wait() }
        }
        if let failure { throw failure }
    }

    private func work() {
        condition.lock()
        while true {
            while queued.isEmpty && !stopping { condition.wait() }
            if queued.isEmpty { break }
            let batch = queued.removeFirst()
            writing = true
            let skip = failure != nil
            condition.unlock()
            let outcome = skip ? nil : run(batch)
            batch.removeAll()
            condition.lock()
            writing = false
            if let outcome, failure == nil { failure = outcome }
            if spare.count < WriteBehind.queueLimit { spare.append(batch) }
            condition.broadcast()
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }

    /// Runs a batch's statements in order; the error of the first that fails.
    private func run(_ batch: Batch) -> SQLiteError? {
        batch.bytes.withUnsafeBufferPointer { bytes -> SQLiteError? in
            for operation in batch.operations {
                do throws(SQLiteError) {
                    if let work = operation.work {
                        try work(DirectStatements(connection: connection))
                    } else if operation.isScript {
                        try connection.executeNow(operation.sql)
                    } else {
                        let statement = try connection.statement(for: operation.sql)
                        try statement.bind(batch.arguments[operation.arguments], bytes: bytes)
                        while try statement.step() != nil {}
                        statement.clearBindings()
                    }
                } catch {
                    return error
                }
            }
            return nil
        }
    }
}

/// Runs statements at once, on the calling thread: what work queued with `Connection.runBehind` runs its
/// statements with on the writing thread (the connection's own `run` would queue them again).
public struct DirectStatements {
    let connection: Connection

    /// Runs `sql` with `arguments`, ignoring rows.
    public func run(_ sql: String, _ arguments: [SQLValue] = []) throws(SQLiteError) {
        let statement = try connection.statement(for: sql)
        try statement.bind(arguments)
        while try statement.step() != nil {}
    }

    /// The first column of the first row, if any.
    public func scalar(_ sql: String, _ arguments: [SQLValue] = []) throws(SQLiteError) -> SQLValue? {
        let statement = try connection.statement(for: sql)
        try statement.bind(arguments)
        defer { statement.reset() }
        return try statement.step()?.values.first
    }
}

extension Statement {
    /// Binds queued arguments whose texts and blobs lie in `bytes`, which must stay unchanged until the
    /// statement has run and `clearBindings` forgot them (SQLite reads them in place).
    func bind(_ arguments: ArraySlice<WriteBehind.Argument>, bytes: UnsafeBufferPointer<UInt8>) throws(SQLiteError) {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return }
        for (position, argument) in arguments.enumerated() {
            let index = Int32(position + 1)
            let start = base + argument.bytes.lowerBound
            let rc: Int32
            switch argument.form {
            case .null: rc = sqlite3_bind_null(handle, index)
            case .int: rc = sqlite3_bind_int64(handle, index, argument.number)
            case .double: rc = sqlite3_bind_double(handle, index, Double(bitPattern: UInt64(bitPattern: argument.number)))
            case .text:
                rc = sqlite3_bind_text(handle, index, start.assumingMemoryBound(to: CChar.self), Int32(argument.bytes.count), nil)
            case .blob: rc = sqlite3_bind_blob(handle, index, start, Int32(argument.bytes.count), nil)
            }
            guard rc == SQLITE_OK else { throw connection.error(sql: sql, code: rc) }
        }
    }

    func clearBindings() { sqlite3_clear_bindings(handle) }
}
