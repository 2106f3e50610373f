import SQLiteKit
import Determinism

/// A point in the log to read "as of": a seq, or a simulated time (the last event at or before it).
public enum LogPoint: Sendable, Equatable, CustomStringConvertible {
    case seq(Int64)
    case time(Timestamp)

    /// Parses `--at`: digits are a seq, anything else an RFC 3339 time; nil when it is neither.
    public init?(_ text: String) {
        if let seq = Int64(text) { self = .seq(seq); return }
        guard let time = Timestamp(rfc3339: text) else { return nil }
        self = .time(time)
    }

    public var description: String {
        switch self {
        case .seq(let seq): return String(seq)
        case .time(let time): return time.rfc3339
        }
    }
}

/// A `--at` that names no point of this log.
public struct TimeTravelError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Store {
    /// The seq a point names: a seq must exist in the log; a time gives the last event at or before it.
    public func resolve(_ point: LogPoint) throws -> Int64 {
        let last = try mainHead()
        switch point {
        case .seq(let seq):
            if seq > last.seq { throw TimeTravelError("--at \(seq) is beyond the end of the log (last seq \(last.seq))") }
            if seq < 1 { throw TimeTravelError("--at \(seq) is before the start of the log (the first seq is 1)") }
            return seq
        case .time(let time):
            guard let first = try eventTime(seq: 1), last.seq > 0 else {
                throw TimeTravelError("--at \(time.rfc3339): the log is empty")
            }
            if time < first {
                throw TimeTravelError("--at \(time.rfc3339) is before the first event (seq 1 at \(first.rfc3339))")
            }
            // Times never go backwards along the log, so a binary search over seqs finds the last event <= time.
            var low: Int64 = 1, high = last.seq
            while low < high {
                let middle = low + (high - low + 1) / 2
                if let t = try eventTime(seq: middle), t <= time { low = middle } else { high = middle - 1 }
            }
            return low
        }
    }

    /// Pins this store at `seq`: every later read (objects, lists, the log, revisions, the SQL views)
    /// answers as the live store did right after event `seq`. Only for a store opened `.read`; nothing in
    /// the file changes except, when it is writable, a reusable snapshot every `snapshotInterval` events.
    public func pin(at seq: Int64, snapshotInterval: Int64 = Store.snapshotInterval) throws {
        guard isReadOnly else { throw StoreError("--at is for reading: open the database read-only to travel in time") }
        guard try pinnedSeq() == nil else { throw StoreError("this store is already pinned at seq \(try pinnedSeq()!)") }
        let head = try mainHead().seq
        guard seq <= head else { throw TimeTravelError("--at \(seq) is beyond the end of the log (last seq \(head))") }
        try attachSidecar()
        // The checkpoint is stored first, through its own transaction, so the read below sees it.
        try prepareCheckpoint(near: seq, head: head, interval: max(1, snapshotInterval))
        try connection.readTransaction {
            try materializeObjects(at: seq, head: head)
            try connection.execute("CREATE TEMP TABLE time_travel (at_seq INTEGER NOT NULL)")
            try connection.run("INSERT INTO temp.time_travel VALUES (?)", [.int(seq)])
            try connection.execute("CREATE TEMP VIEW events AS SELECT * FROM main.events WHERE seq <= \(seq)")
            try rebuildRevisionHistory()
            try connection.execute("ALTER TABLE temp.rebuilt_revisions RENAME TO revisions")
            try connection.execute("CREATE INDEX temp.revisions_by_deployment ON revisions(namespace, deployment, revision)")
            try shadowViews()
        }
    }

    /// The seq this store is pinned at by `pin(at:)`, or nil when it reads the live state.
    public func pinnedSeq() throws -> Int64? {
        guard try connection.scalar("SELECT 1 FROM temp.sqlite_schema WHERE name = 'time_travel'") != nil else { return nil }
        return try connection.scalar("SELECT at_seq FROM temp.time_travel")?.int
    }

    /// Re-creates every view of the file as a temp view of the same name: a view in the main schema always
    /// reads main tables, while a temp view reads the pinned temp `objects`, `events` and `revisions`.
    private func shadowViews() throws {
        let views = try connection.query("SELECT sql FROM main.sqlite_schema WHERE type = 'view' AND sql IS NOT NULL ORDER BY rowid")
        for view in views {
            // SQLite keeps the statement as written, with `CREATE VIEW` normalized to upper case.
            guard let sql = view[0].text, sql.hasPrefix("CREATE VIEW ") else { continue }
            try connection.execute("CREATE TEMP " + sql.dropFirst("CREATE ".count))
        }
    }

    /// The newest event of the file itself, ignoring any pin.
    func mainHead() throws -> (seq: Int64, time: String) {
        guard let row = try connection.query("SELECT seq, time FROM main.events ORDER BY seq DESC LIMIT 1").first else {
            return (0, "")
        }
        return (row[0].int ?? 0, row[1].text ?? "")
    }

    private func eventTime(seq: Int64) throws -> Timestamp? {
        try connection.scalar("SELECT time FROM main.events WHERE seq = ?", [.int(seq)])?.text.flatMap(Timestamp.init(rfc3339:))
    }
}
