import Determinism

/// The newest event a store appended in the open write transaction: its seq and time, so the next append
/// needs no head row from SQLite (its hash is `HashChainCursor`'s).
///
/// Trusted only inside a transaction, and only while the connection has run no `ROLLBACK` since it was
/// made: a rollback (to a savepoint or of the whole transaction) may remove the event, and is checked by
/// asking SQLite for the newest seq. Every event is appended through `Store.append`, which replaces the
/// tail, so an event at this seq is always the one described here. `Store.write` starts and ends every
/// transaction with no tail.
struct LogTail {
    var seq: Int64
    var time: Timestamp
    /// `Connection.rollbacks` when the tail was made or last checked.
    var rollbacks: Int
    /// Namespaces seen to exist since the tail was last checked; forgotten with the tail and whenever
    /// a Namespace event is appended.
    var namespaces: Set<String> = []
}

extension Store {
    /// The tail, when it still describes the newest event of the log; otherwise nil (and forgotten).
    func trustedTail() throws -> LogTail? {
        guard var tail else { return nil }
        guard try connection.inTransaction else { self.tail = nil; return nil }
        if tail.rollbacks == connection.rollbacks { return tail }
        guard try connection.scalar("SELECT seq FROM events ORDER BY seq DESC LIMIT 1")?.int == tail.seq else {
            self.tail = nil
            return nil
        }
        tail.rollbacks = connection.rollbacks
        self.tail = tail
        return tail
    }

    /// Whether `namespace` exists, remembered for the rest of the transaction while the tail holds.
    /// Call right after `head()`, which checks the tail.
    func namespaceExists(_ namespace: String) throws -> Bool {
        if tail?.namespaces.contains(namespace) == true { return true }
        guard try exists(.namespace, namespace: "", name: namespace) else { return false }
        tail?.namespaces.insert(namespace)
        return true
    }
}
