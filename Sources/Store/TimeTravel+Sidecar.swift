import Foundation
import SQLiteKit

/// Snapshots written as the log grows, so that `--at` finds one near every point of a long log, including
/// points no read has visited (reads still store snapshots where they need them, in the database itself).
///
/// They live in a file beside the database, `PATH-snapshots`, written by a thread of their own through
/// their own connection: a separate file has its own write lock, so copying the projection never holds up
/// the writer of the log. After each commit the writer wakes the thread; when the log has grown
/// `sidecarInterval` events past the newest snapshot there, the thread copies the projection as of the
/// newest committed event. The file is only a cache: each snapshot records the hash of the event it was
/// taken at, and a read uses it only while the log holds that same event (a file left beside another log
/// is ignored); deleting it loses nothing.
extension Store {
    /// Where the snapshots of the database at `path` are written as its log grows.
    static func sidecarPath(for path: String) -> String { path + "-snapshots" }

    /// Events between snapshots in the sidecar, for a projection of `objects` rows: at least `minimum`
    /// (`snapshotInterval` unless a test says otherwise), and a third of the objects when there are more,
    /// so each event costs at most about three copied rows however large the state grows.
    static func sidecarInterval(objects: Int64, minimum: Int64) -> Int64 {
        max(minimum, objects / 3)
    }

    /// The sidecar's list of snapshots; their rows go in a `snapshot_objects` table made by the same
    /// statement as the database's own (see `prepareSidecarSchema`).
    static let sidecarSnapshotsTable = """
        CREATE TABLE snapshots (
            at_seq  INTEGER PRIMARY KEY,
            objects INTEGER NOT NULL,  -- rows in snapshot_objects for this at_seq
            hash    TEXT    NOT NULL   -- the hash of the log's event at_seq: the snapshot belongs to that history
        )
        """

    /// Gives the sidecar open on `connection` (with the log attached as `log`) the tables of this schema
    /// version: `snapshot_objects` as the log's migrations define it, so the two never drift apart. A
    /// sidecar written by another schema version is emptied first, its rows no longer fitting.
    static func prepareSidecarSchema(on connection: Connection) throws {
        guard try connection.userVersion != schemaVersion else { return }
        // Qualified: an unqualified name would find the log's own table through the attachment.
        try connection.execute("DROP TABLE IF EXISTS main.snapshot_objects; DROP TABLE IF EXISTS main.snapshots")
        guard let objectsTable = try connection.scalar(
            "SELECT sql FROM log.sqlite_schema WHERE type = 'table' AND name = 'snapshot_objects'")?.text else {
            throw StoreError("the log has no snapshot_objects table")
        }
        try connection.execute(objectsTable)
        try connection.execute(sidecarSnapshotsTable)
        try connection.execute("PRAGMA user_version = \(schemaVersion)")
    }

    /// Makes the sidecar's snapshots readable on this (read) connection as schema `sidecar`, when the file
    /// exists and was written for this schema version. Nothing in it is trusted yet: `nearestBase` checks
    /// each snapshot's hash against the log.
    func attachSidecar() throws {
        let sidecar = Store.sidecarPath(for: path)
        guard FileManager.default.fileExists(atPath: sidecar), !(try hasSidecar(on: connection)) else { return }
        do {
            try connection.run("ATTACH DATABASE ? AS sidecar", [.text(sidecar)])
            guard try connection.scalar("PRAGMA sidecar.user_version")?.int == Int64(Store.schemaVersion) else {
                try connection.execute("DETACH DATABASE sidecar")
                return
            }
        } catch {
            // Unreadable: time travel works without it, from further away.
            try? connection.execute("DETACH DATABASE sidecar")
        }
    }

    /// Whether `attachSidecar` attached the sidecar.
    func hasSidecar(on connection: Connection) throws -> Bool {
        try connection.scalar("SELECT 1 FROM pragma_database_list WHERE name = 'sidecar'") != nil
    }
}

/// The thread that writes a database's sidecar snapshots (see `Store.sidecarPath`).
final class SidecarSnapshotWriter: Sendable {
    private let logPath: String
    /// The newest commit's head, with the fewest events between snapshots; taken before stopping, so a
    /// command that ends right after its commit still leaves the snapshot it made due.
    private let worker = CoalescingWorker<(head: Int64, interval: Int64)>(finishesPendingOnStop: true)

    init(logPath: String) { self.logPath = logPath }

    func start() {
        worker.start { next in
            // A cache: it yields the CPU to the threads that write the log and answer requests.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)  // on Linux, 0 is the calling thread
            var sidecar: Connection?
            var newest: (seq: Int64, objects: Int64)?
            while let request = next() {
                // A snapshot that cannot be written is only a cache missing: a later commit tries again.
                try? self.writeIfDue(head: request.head, interval: request.interval, sidecar: &sidecar, newest: &newest)
            }
        }
    }

    /// Called after a commit that left the log at `head`; snapshots are at least `minimumInterval` events apart.
    func committed(head: Int64, minimumInterval: Int64) { worker.submit((head, minimumInterval)) }

    /// Lets the thread write the snapshot the last commit made due, if any, then ends it.
    func stop() { worker.stop() }

    /// Copies the projection into the sidecar when the log is far enough past its newest snapshot.
    private func writeIfDue(head: Int64, interval: Int64, sidecar: inout Connection?,
                            newest: inout (seq: Int64, objects: Int64)?) throws {
        let path = Store.sidecarPath(for: logPath)
        if newest == nil, !FileManager.default.fileExists(atPath: path) { newest = (0, 0) }
        if let newest, head - newest.seq < Store.sidecarInterval(objects: newest.objects, minimum: interval) { return }
        let connection: Connection
        if let sidecar { connection = sidecar } else {
            connection = try Connection(path: path)
            _ = try connection.scalar("PRAGMA journal_mode=WAL")
            try connection.execute("PRAGMA synchronous=NORMAL")
            try connection.run("ATTACH DATABASE ? AS log", [.text(logPath)])
            try Store.prepareSidecarSchema(on: connection)
            sidecar = connection
        }
        // BEGIN DEFERRED: only the sidecar is written; the log is only read (IMMEDIATE would lock it too).
        try connection.execute("BEGIN")
        do {
            try copyProjection(on: connection, interval: interval, newest: &newest)
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    private func copyProjection(on connection: Connection, interval: Int64, newest: inout (seq: Int64, objects: Int64)?) throws {
        // The log's newest event and its projection, read in one transaction: the state right after it.
        guard let last = try connection.query("SELECT seq, hash FROM log.events ORDER BY seq DESC LIMIT 1").first,
              let seq = last[0].int, let hash = last[1].text else { return }
        if let row = try connection.query("SELECT at_seq, objects, hash FROM main.snapshots WHERE at_seq <= ? ORDER BY at_seq DESC LIMIT 1",
                                          [.int(seq)]).first, let at = row[0].int {
            if try connection.scalar("SELECT hash FROM log.events WHERE seq = ?", [.int(at)])?.text == row[2].text {
                newest = (at, row[1].int ?? 0)
                if seq - at < Store.sidecarInterval(objects: row[1].int ?? 0, minimum: interval) { return }
            } else {
                // Left beside another history: none of it describes this log.
                try connection.execute("DELETE FROM main.snapshot_objects")
                try connection.execute("DELETE FROM main.snapshots")
            }
        }
        try connection.run("DELETE FROM main.snapshot_objects WHERE at_seq >= ?", [.int(seq)])
        try connection.run("DELETE FROM main.snapshots WHERE at_seq >= ?", [.int(seq)])
        try connection.run("INSERT INTO main.snapshot_objects SELECT ?, \(Store.projectionColumns) FROM log.objects", [.int(seq)])
        let copied = Int64(try connection.changes)
        try connection.run("INSERT INTO main.snapshots(at_seq, objects, hash) VALUES (?, ?, ?)",
                           [.int(seq), .int(copied), .text(hash)])
        newest = (seq, copied)
    }
}

extension Store {
    /// Waits until the sidecar writer has looked at every commit so far (and written what they made due).
    func finishSidecarSnapshots() {
        sidecarWriter?.stop()
        sidecarWriter = nil
    }

    /// Tells the sidecar writer (started here the first time) that a commit left the log at `head`.
    func wakeSidecarWriter(head: Int64) {
        guard keepsSnapshots, !isReadOnly else { return }
        if sidecarWriter == nil {
            let writer = SidecarSnapshotWriter(logPath: path)
            writer.start()
            sidecarWriter = writer
        }
        sidecarWriter?.committed(head: head, minimumInterval: sidecarMinimumInterval)
    }
}
