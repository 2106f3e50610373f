import SQLiteKit
import Model

/// Where each live object's newest version is, by kind, namespace and name: the `objects` table's keys
/// and seqs, kept in memory while the store writes behind (`Store.writingBehind`), so that a request's
/// lookups by name (does it exist, what is its current version) need not wait for SQLite to catch up.
final class LiveObjectIndex {
    private var seqs: [ObjectCache.Identity: Int64] = [:]
    private let connection: Connection
    /// `Connection.rollbacks` when the index was last read from the table: after a rollback, what the
    /// index recorded since may be undone, so it is read again.
    private var rollbacks: Int

    /// The index of the `objects` table as `connection` sees it now.
    init(connection: Connection) throws {
        self.connection = connection
        rollbacks = connection.rollbacks
        try reload()
    }

    private func reload() throws {
        seqs.removeAll(keepingCapacity: true)
        for row in try connection.query("SELECT kind, namespace, name, seq FROM main.objects") {
            seqs[ObjectCache.Identity(kind: row[0].text ?? "", namespace: row[1].text ?? "", name: row[2].text ?? "")] = row[3].int
        }
        rollbacks = connection.rollbacks
    }

    /// The seq of the object's newest version; nil when it does not exist.
    func seq(of identity: ObjectCache.Identity) throws -> Int64? {
        if rollbacks != connection.rollbacks { try reload() }
        return seqs[identity]
    }

    /// Records a version (nil: deleted).
    func set(_ identity: ObjectCache.Identity, to seq: Int64?) throws {
        if rollbacks != connection.rollbacks { try reload() }
        seqs[identity] = seq
    }
}

extension Store {
    /// Runs `body` with the store's SQLite writes going behind: they run on a second thread, in order,
    /// while this one goes on with the next request (`Connection.startWritingBehind`). Lookups by name are
    /// answered from memory (`LiveObjectIndex`); any other read first waits for the writes. Returns once
    /// every write has reached SQLite, throwing the first that failed.
    ///
    /// For a writer with the database to itself, such as `replay --rerun` on its new database: the store
    /// keeps its view of the log's head from one transaction to the next instead of reading it again.
    public func writingBehind<T>(_ body: () throws -> T) throws -> T {
        guard !connection.isWritingBehind else { return try body() }
        liveObjects = try LiveObjectIndex(connection: connection)
        connection.startWritingBehind()
        defer { liveObjects = nil }
        let value: T
        do {
            value = try body()
        } catch {
            // The queued writes' own failure, if any, says more than what it made the body throw.
            try connection.stopWritingBehind()
            throw error
        }
        try connection.stopWritingBehind()
        return value
    }

    /// Keeps the live-object index (while writing behind) in step with an appended event.
    func noteLiveObject(kind: ResourceKind, namespace: String, name: String, seq: Int64?) throws {
        try liveObjects?.set(ObjectCache.Identity(kind: kind.kind, namespace: kind.namespaced ? namespace : "", name: name), to: seq)
    }
}
