import SQLiteKit

/// Snapshots of the objects projection, so that `--at` never replays the log from its start.
///
/// A snapshot at seq S is every projection row as it was right after event S (`snapshot_objects`), listed in
/// `snapshots`. Reading at seq N starts from the nearest known state — a snapshot in the database or in its
/// sidecar file (written as the log grows, see `TimeTravel+Sidecar`), the live projection (the state at the
/// head), or the empty state before seq 1 — and applies only the events between it and N: for
/// each object those events touched, its newest version at or before N. When that distance is more than
/// `snapshotInterval` events, a snapshot is first built at the multiple of the interval just below N (from
/// the state nearest to it) and stored through a separate short write transaction, so later reads near N
/// reuse it. A file that cannot be written keeps nothing: the state is built in memory each time.
extension Store {
    /// Events between snapshots: the most events a read `--at` applies once a snapshot is near.
    public static let snapshotInterval: Int64 = 10_000

    /// The projection's columns, in table order.
    static let projectionColumns = "kind, namespace, name, api_version, uid, seq, owner_uid, node_name, phase, pod_ip"

    /// A state of the projection to start from.
    enum SnapshotBase: Equatable {
        /// Before the first event: no objects.
        case empty
        /// A stored snapshot at this seq.
        case snapshot(Int64)
        /// A snapshot at this seq in the sidecar file (see `TimeTravel+Sidecar`).
        case sidecar(Int64)
        /// The live projection, at the head of the log.
        case live(Int64)

        var seq: Int64 {
            switch self {
            case .empty: return 0
            case .snapshot(let seq), .sidecar(let seq), .live(let seq): return seq
            }
        }

        var rowsSQL: String? {
            switch self {
            case .empty: return nil
            case .snapshot(let seq): return "SELECT \(Store.projectionColumns) FROM main.snapshot_objects WHERE at_seq = \(seq)"
            case .sidecar(let seq): return "SELECT \(Store.projectionColumns) FROM sidecar.snapshot_objects WHERE at_seq = \(seq)"
            case .live: return "SELECT \(Store.projectionColumns) FROM main.objects"
            }
        }
    }

    /// The seqs of the stored snapshots.
    public func snapshotSeqs() throws -> [Int64] {
        try connection.query("SELECT at_seq FROM main.snapshots ORDER BY at_seq").compactMap { $0[0].int }
    }

    /// The known state nearest to `seq` (fewest events to apply).
    func nearestBase(to seq: Int64, head: Int64, on connection: Connection) throws -> SnapshotBase {
        var candidates: [SnapshotBase] = [.empty, .live(head)]
        if let below = try connection.scalar("SELECT max(at_seq) FROM main.snapshots WHERE at_seq <= ?", [.int(seq)])?.int {
            candidates.append(.snapshot(below))
        }
        if let above = try connection.scalar("SELECT min(at_seq) FROM main.snapshots WHERE at_seq > ?", [.int(seq)])?.int {
            candidates.append(.snapshot(above))
        }
        if try hasSidecar(on: connection) {
            // Only snapshots of this history: the log must hold the event each was taken at.
            let matching = "FROM sidecar.snapshots s JOIN main.events e ON e.seq = s.at_seq AND e.hash = s.hash"
            if let below = try connection.scalar("SELECT max(s.at_seq) \(matching) WHERE s.at_seq <= ?", [.int(seq)])?.int {
                candidates.append(.sidecar(below))
            }
            if let above = try connection.scalar("SELECT min(s.at_seq) \(matching) WHERE s.at_seq > ?", [.int(seq)])?.int {
                candidates.append(.sidecar(above))
            }
        }
        return candidates.min { abs($0.seq - seq) < abs($1.seq - seq) }!
    }

    /// When the known state nearest to `seq` is more than `interval` events away, stores a snapshot at the
    /// multiple of `interval` just below `seq` (when the file can be written).
    func prepareCheckpoint(near seq: Int64, head: Int64, interval: Int64) throws {
        let base = try nearestBase(to: seq, head: head, on: connection)
        let checkpoint = seq - seq % interval
        if abs(base.seq - seq) > interval, checkpoint > 0 { _ = try storeSnapshot(at: checkpoint, head: head) }
    }

    /// Fills `temp.objects` (shadowing the live projection on this connection) with the projection as of `seq`.
    func materializeObjects(at seq: Int64, head: Int64) throws {
        let base = try nearestBase(to: seq, head: head, on: connection)
        try connection.execute("""
            CREATE TEMP TABLE objects (kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                api_version TEXT NOT NULL, uid TEXT NOT NULL, seq INTEGER NOT NULL, owner_uid TEXT NOT NULL DEFAULT '',
                node_name TEXT NOT NULL DEFAULT '', phase TEXT NOT NULL DEFAULT '', pod_ip TEXT NOT NULL DEFAULT '',
                PRIMARY KEY (kind, namespace, name)) WITHOUT ROWID
            """)
        try Store.insertState(into: "temp.objects", prefix: "", at: seq, from: base, on: connection)
        // The live indexes, under the same names (some reads name them with INDEXED BY).
        try connection.execute("CREATE INDEX temp.objects_by_owner ON objects(kind, namespace, owner_uid)")
        try connection.execute("CREATE INDEX temp.objects_by_node ON objects(kind, node_name, namespace, name, phase, pod_ip, uid)")
        try connection.execute("CREATE INDEX temp.objects_by_phase ON objects(kind, phase)")
    }

    /// Builds and stores the snapshot at `checkpoint` through a separate write connection. False when the
    /// file cannot be written (the caller then starts from the nearest state it has).
    func storeSnapshot(at checkpoint: Int64, head: Int64) throws -> Bool {
        guard let writer = try? Connection(path: path, mode: .readWrite) else { return false }
        do {
            try writer.writeTransaction {
                guard try writer.scalar("SELECT 1 FROM main.snapshots WHERE at_seq = ?", [.int(checkpoint)]) == nil else { return }
                let base = try nearestBase(to: checkpoint, head: head, on: writer)
                try Store.insertState(into: "main.snapshot_objects", prefix: "\(checkpoint), ", at: checkpoint, from: base,
                                      on: writer)
                try writer.run("INSERT INTO main.snapshots(at_seq, objects) SELECT ?, count(*) FROM main.snapshot_objects WHERE at_seq = ?",
                               [.int(checkpoint), .int(checkpoint)])
            }
            return true
        } catch {
            // A snapshot is only a cache: a file that is read-only, locked or full still answers, from further away.
            return false
        }
    }

    /// Fills `temp.touched_objects` (made afresh; the caller drops it) with each object that an event
    /// between `base` and `seq` touched, at its newest version up to `seq`; only objects of `kind` when one
    /// is given. The changes are read by seq range (`NOT INDEXED`): ordered by the (kind, namespace, name)
    /// index, SQLite would walk every event of the log to save a sort.
    static func collectTouched(from base: SnapshotBase, to seq: Int64, kind: String? = nil,
                               on connection: Connection) throws {
        try connection.execute("DROP TABLE IF EXISTS temp.touched_objects")
        try connection.execute("""
            CREATE TEMP TABLE touched_objects (kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                seq INTEGER, PRIMARY KEY (kind, namespace, name)) WITHOUT ROWID
            """)
        let changes = "seq > ? AND seq <= ? AND verb NOT IN ('init', 'advance')" + (kind == nil ? "" : " AND kind = ?")
        let kindArgument: [SQLValue] = kind.map { [.text($0)] } ?? []
        if base.seq < seq {
            try connection.run("""
                INSERT INTO temp.touched_objects SELECT kind, namespace, name, max(seq) FROM main.events NOT INDEXED
                WHERE \(changes) GROUP BY kind, namespace, name
                """, [.int(base.seq), .int(seq)] + kindArgument)
        } else if base.seq > seq {
            try connection.run("""
                INSERT INTO temp.touched_objects
                SELECT x.kind, x.namespace, x.name, (SELECT max(p.seq) FROM main.events p
                    WHERE p.kind = x.kind AND p.namespace = x.namespace AND p.name = x.name AND p.seq <= ?)
                FROM (SELECT DISTINCT kind, namespace, name FROM main.events NOT INDEXED WHERE \(changes)) x
                """, [.int(seq), .int(seq), .int(base.seq)] + kindArgument)
        }
    }

    /// Inserts into `table` (each row prefixed with `prefix`) the projection as of `seq`, starting from `base`:
    /// the base rows of objects no event between them touched, plus each touched object's newest version at
    /// or before `seq` unless that version deleted it. Projection columns come from the event's JSON as in a
    /// rebuild (`rebuildObjectsSQL`).
    static func insertState(into table: String, prefix: String, at seq: Int64, from base: SnapshotBase,
                            on connection: Connection) throws {
        try collectTouched(from: base, to: seq, on: connection)
        defer { try? connection.execute("DROP TABLE IF EXISTS temp.touched_objects") }
        if let rows = base.rowsSQL {
            try connection.execute("""
                INSERT INTO \(table) SELECT \(prefix)\(projectionColumns) FROM (\(rows)) b WHERE NOT EXISTS
                (SELECT 1 FROM temp.touched_objects x WHERE x.kind = b.kind AND x.namespace = b.namespace AND x.name = b.name)
                """)
        }
        try connection.execute("""
            INSERT INTO \(table) SELECT \(prefix)e.kind, e.namespace, e.name, e.api_version, e.uid, e.seq,
                coalesce((SELECT json_extract(r.value, '$.uid') FROM json_each(e.object, '$.metadata.ownerReferences') r
                          WHERE json_extract(r.value, '$.controller') = 1 LIMIT 1), ''),
                CASE WHEN e.kind = 'Pod' THEN coalesce(json_extract(e.object, '$.spec.nodeName'), '') ELSE '' END,
                CASE WHEN e.kind = 'Pod' THEN coalesce(json_extract(e.object, '$.status.phase'), '') ELSE '' END,
                CASE WHEN e.kind = 'Pod' THEN coalesce(json_extract(e.object, '$.status.podIP'), '') ELSE '' END
            FROM temp.touched_objects x JOIN main.events e ON e.seq = x.seq WHERE e.verb <> 'delete'
            """)
    }
}
