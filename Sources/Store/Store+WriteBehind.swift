import SQLiteKit
import Model
import Determinism

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

/// The hash chain as the write-behind thread extends it (see `Store.append`): the newest event it hashed,
/// so the next one chains onto it without reading it back. After a rollback the newest event it hashed
/// is gone, and the hash of the one before the next is read from the log.
///
/// `@unchecked Sendable`: only the thread running the write-behind queue uses it.
final class ChainBehind: @unchecked Sendable {
    private var seq: Int64 = -1
    private var hash: [UInt8] = []

    /// The hash of the event before `seq`.
    func previous(before seq: Int64, _ statements: DeferredStatements) throws(SQLiteError) -> [UInt8] {
        if self.seq == seq - 1 { return hash }
        if seq <= 1 { return EventHash.genesis }
        guard let text = try statements.scalar("SELECT hash FROM main.events WHERE seq = ?", [.int(seq - 1)])?.text,
              let bytes = SHA256.bytes(hex: text), bytes.count == 32 else {
            throw SQLiteError(code: 11, message: "event \(seq - 1) has no valid hash: the hash chain is damaged; run `logbook replay --verify`")
        }
        return bytes
    }

    func note(seq: Int64, hash: [UInt8]) {
        self.seq = seq
        self.hash = hash
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
        chainBehind = ChainBehind()
        // The tail's hash is the writing thread's from now on: appends after this one read it back.
        tail?.hash = []
        defer { liveObjects = nil; chainBehind = nil }
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
