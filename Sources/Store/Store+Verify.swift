import SQLiteKit
import Model

/// What `verify` found: the projection rows that differ from a rebuild from the log.
public struct VerifyReport: Sendable {
    /// One differing object: in the live projection but not the rebuild, or the reverse, or both with
    /// different bytes.
    public struct Difference: Sendable, Equatable {
        public var kind: String
        public var namespace: String
        public var name: String
        /// `missing` (rebuild has it, live does not), `unexpected` (live has it, rebuild does not), `changed`;
        /// for a live pod's table row (`pod_rows`): `missing row`, `changed row`.
        public var problem: String
    }

    public var eventsReplayed: Int64
    public var objectsRebuilt: Int
    public var differences: [Difference]
    public var isClean: Bool { differences.isEmpty }
}

extension Store {
    /// The rebuild of the object projection from the log alone: for each object the newest event, unless
    /// that event removed it.
    static let rebuildObjectsSQL = """
        SELECT kind, namespace, name, api_version, uid, seq,
            coalesce((SELECT json_extract(r.value, '$.uid') FROM json_each(object, '$.metadata.ownerReferences') r
                      WHERE json_extract(r.value, '$.controller') = 1 LIMIT 1), '') AS owner_uid,
            CASE WHEN kind = 'Pod' THEN coalesce(json_extract(object, '$.spec.nodeName'), '') ELSE '' END AS node_name,
            CASE WHEN kind = 'Pod' THEN coalesce(json_extract(object, '$.status.phase'), '') ELSE '' END AS phase,
            CASE WHEN kind = 'Pod' THEN coalesce(json_extract(object, '$.status.podIP'), '') ELSE '' END AS pod_ip
        FROM (
            SELECT kind, namespace, name, api_version, uid, verb, object, max(seq) AS seq
            FROM events WHERE verb NOT IN ('init', 'advance')
            GROUP BY kind, namespace, name)
        WHERE verb <> 'delete'
        """

    /// Rebuilds every projection from the log and compares it with the live one, byte for byte.
    public func verify() throws -> VerifyReport {
        try connection.readTransaction {
            try connection.execute("DROP TABLE IF EXISTS temp.rebuilt_objects")
            try connection.execute("""
                CREATE TEMP TABLE rebuilt_objects (kind TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
                    api_version TEXT NOT NULL, uid TEXT NOT NULL, seq INTEGER NOT NULL, owner_uid TEXT NOT NULL, node_name TEXT NOT NULL,
                    phase TEXT NOT NULL, pod_ip TEXT NOT NULL,
                    PRIMARY KEY (kind, namespace, name)) WITHOUT ROWID
                """)
            defer { try? connection.execute("DROP TABLE IF EXISTS temp.rebuilt_objects") }
            try connection.execute("INSERT INTO temp.rebuilt_objects " + Store.rebuildObjectsSQL)
            let events = try connection.scalar("SELECT count(*) FROM events")?.int ?? 0
            let rebuilt = Int(try connection.scalar("SELECT count(*) FROM temp.rebuilt_objects")?.int ?? 0)
            var differences: [VerifyReport.Difference] = []
            let missing = try connection.query("""
                SELECT kind, namespace, name FROM temp.rebuilt_objects r WHERE NOT EXISTS
                (SELECT 1 FROM objects o WHERE o.kind = r.kind AND o.namespace = r.namespace AND o.name = r.name)
                """)
            differences += missing.map { .init(kind: $0[0].text ?? "", namespace: $0[1].text ?? "", name: $0[2].text ?? "", problem: "missing") }
            let unexpected = try connection.query("""
                SELECT kind, namespace, name FROM objects o WHERE NOT EXISTS
                (SELECT 1 FROM temp.rebuilt_objects r WHERE o.kind = r.kind AND o.namespace = r.namespace AND o.name = r.name)
                """)
            differences += unexpected.map { .init(kind: $0[0].text ?? "", namespace: $0[1].text ?? "", name: $0[2].text ?? "", problem: "unexpected") }
            let changed = try connection.query("""
                SELECT o.kind, o.namespace, o.name FROM objects o JOIN temp.rebuilt_objects r
                ON o.kind = r.kind AND o.namespace = r.namespace AND o.name = r.name
                WHERE o.api_version IS NOT r.api_version OR o.uid IS NOT r.uid OR o.seq IS NOT r.seq
                   OR o.owner_uid IS NOT r.owner_uid OR o.node_name IS NOT r.node_name
                   OR o.phase IS NOT r.phase OR o.pod_ip IS NOT r.pod_ip
                """)
            differences += changed.map { .init(kind: $0[0].text ?? "", namespace: $0[1].text ?? "", name: $0[2].text ?? "", problem: "changed") }
            differences += try verifyRevisionHistory()
            differences += try verifyPodRows()
            differences.sort { ($0.kind, $0.namespace, $0.name) < ($1.kind, $1.namespace, $1.name) }
            return VerifyReport(eventsReplayed: events, objectsRebuilt: rebuilt, differences: differences)
        }
    }
}
