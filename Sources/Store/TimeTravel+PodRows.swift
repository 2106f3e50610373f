import SQLiteKit
import Model
import Determinism

/// `get pods --at`: the pod rows as of a seq without pinning the store. The (name → version) set comes from
/// the nearest snapshot (or the live projection) and the pod events between it and the seq, in one query,
/// as `pin(at:)` builds the whole projection; nothing is decoded.
extension Store {
    /// What `podRows(at:namespace:fields:)` answers: the rows, and the time of the event at that seq (the
    /// "now" the table's ages count from, as a pinned store's `now()`).
    public struct PodRowsAtPoint: Sendable {
        public var pods: [ListedPod]
        public var now: Timestamp
    }

    /// The rows `podRows(namespace:fields:)` answers after `pin(at: seq)`, from an unpinned read store: nil
    /// when `fields` names a field the rows cannot answer. Stores a snapshot when `pin` would.
    public func podRows(at seq: Int64, namespace: String?, fields: FieldSelector = FieldSelector(),
                        snapshotInterval: Int64 = Store.snapshotInterval) throws -> PodRowsAtPoint? {
        guard Store.podRowsAnswer(fields) else { return nil }
        guard isReadOnly, try pinnedSeq() == nil else { throw StoreError("pod rows at a point are read from an unpinned read store") }
        let head = try mainHead().seq
        guard seq <= head else { throw TimeTravelError("--at \(seq) is beyond the end of the log (last seq \(head))") }
        try attachSidecar()
        try prepareCheckpoint(near: seq, head: head, interval: max(1, snapshotInterval))
        return try connection.readTransaction {
            let base = try nearestBase(to: seq, head: head, on: connection)
            try Store.collectTouched(from: base, to: seq, kind: ResourceKind.pod.kind, on: connection)
            defer { try? connection.execute("DROP TABLE IF EXISTS temp.touched_objects") }
            let baseRows: String
            switch base {
            case .empty: baseRows = "SELECT '' AS namespace, '' AS name, 0 AS seq, '' AS phase WHERE 0"
            case .snapshot(let at): baseRows = "SELECT namespace, name, seq, phase FROM main.snapshot_objects WHERE at_seq = \(at) AND kind = 'Pod'"
            case .sidecar(let at): baseRows = "SELECT namespace, name, seq, phase FROM sidecar.snapshot_objects WHERE at_seq = \(at) AND kind = 'Pod'"
            case .live: baseRows = "SELECT namespace, name, seq, phase FROM main.objects WHERE kind = 'Pod'"
            }
            let state = """
                SELECT b.namespace, b.name, b.seq, b.phase FROM (\(baseRows)) b WHERE NOT EXISTS
                    (SELECT 1 FROM temp.touched_objects x WHERE x.kind = 'Pod' AND x.namespace = b.namespace AND x.name = b.name)
                UNION ALL
                SELECT e.namespace, e.name, e.seq, coalesce(json_extract(e.object, '$.status.phase'), '')
                FROM temp.touched_objects x JOIN main.events e ON e.seq = x.seq WHERE e.verb <> 'delete'
                """
            let pods = try podRows(state: state, namespace: namespace, fields: fields)
            let time = try connection.scalar("SELECT time FROM main.events WHERE seq = ?", [.int(seq)])?.text
            return PodRowsAtPoint(pods: pods, now: time.flatMap(Timestamp.init(rfc3339:)) ?? settings.start)
        }
    }
}
