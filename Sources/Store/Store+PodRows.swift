import SQLiteKit
import Model
import Determinism

/// The pod table rows (`pod_rows`, migration 0006): one `PodRow` per pod version, keyed by the seq of the
/// event that holds it, written in that event's transaction. `get pods` lists them joined to the objects
/// projection (or to a pinned past state) instead of decoding every pod's JSON.
extension Store {
    static let podRowColumns = "seq, ready, status, restarts, last_restart, created, ip, node, nominated_node, readiness_gates"
    static let insertPodRowSQL = "INSERT OR REPLACE INTO main.pod_rows(\(podRowColumns)) VALUES (?,?,?,?,?,?,?,?,?,?)"

    /// Stores the row of the pod version at `seq`. Must run inside the write transaction of that event.
    func writePodRow(of pod: JSONValue, seq: Int64) throws {
        // Worked out where it is inserted: on the write-behind thread while writing behind.
        try connection.runBehind { statements throws(SQLiteError) in
            try statements.run(Store.insertPodRowSQL, Store.values(of: PodRow(pod: pod), seq: seq))
        }
    }

    static func values(of row: PodRow, seq: Int64) -> [SQLValue] {
        [.int(seq), .text(row.ready), .text(row.status), .int(Int64(row.restarts)),
         SQLValue(row.lastRestart?.seconds), SQLValue(row.created?.seconds), .text(row.ip), .text(row.node),
         .text(row.nominatedNode), .text(row.readinessGates)]
    }

    /// Fills in the rows of the live pods that have none (a database from before migration 0006).
    /// Returns how many it wrote. Must run inside a write transaction.
    @discardableResult
    func fillMissingPodRows() throws -> Int {
        let rows = try connection.query("""
            SELECT o.seq, e.object FROM main.objects o JOIN main.events e ON e.seq = o.seq
            WHERE o.kind = 'Pod' AND NOT EXISTS (SELECT 1 FROM main.pod_rows r WHERE r.seq = o.seq)
            """)
        for row in rows {
            guard let seq = row[0].int, let text = row[1].text else { continue }
            try writePodRow(of: try JSONValue.parse(text), seq: seq)
        }
        return rows.count
    }

    /// Whether the pod rows can answer `fields`: the projection holds only `metadata.name`,
    /// `metadata.namespace` and `status.phase`; other fields need the objects (`list`).
    public static func podRowsAnswer(_ fields: FieldSelector) -> Bool {
        fields.terms.allSatisfy { ["metadata.name", "metadata.namespace", "status.phase"].contains($0.field) }
    }

    /// The rows of the pods in `namespace` (every namespace when nil) that `fields` selects, sorted as `list`
    /// sorts them; from the live projection, or the pinned state after `pin(at:)`. A version without a stored
    /// row has it computed from its JSON. Nil when the rows cannot answer `fields` (`podRowsAnswer`).
    public func podRows(namespace: String?, fields: FieldSelector = FieldSelector()) throws -> [ListedPod]? {
        guard Store.podRowsAnswer(fields) else { return nil }
        return try podRows(state: "SELECT namespace, name, seq, phase FROM objects WHERE kind = 'Pod'",
                           namespace: namespace, fields: fields)
    }

    /// The rows of the pods `state` lists (a query of namespace, name, seq, phase: one row per pod).
    func podRows(state: String, namespace: String?, fields: FieldSelector) throws -> [ListedPod] {
        var sql = """
            SELECT o.namespace, o.name, o.phase, o.seq, r.ready, r.status, r.restarts, r.last_restart, r.created,
                r.ip, r.node, r.nominated_node, r.readiness_gates
            FROM (\(state)) o LEFT JOIN main.pod_rows r ON r.seq = o.seq
            """
        var arguments: [SQLValue] = []
        if let namespace {
            sql += " WHERE o.namespace = ? ORDER BY o.name"
            arguments.append(.text(namespace))
        } else {
            sql += " ORDER BY o.namespace, o.name"
        }
        let statement = try connection.cached(sql)
        try statement.bind(arguments)
        var pods: [ListedPod] = []
        while let values = try statement.step()?.values {
            let namespace = values[0].text ?? "", name = values[1].text ?? ""
            if !fields.isEmpty {
                let selectable = ["metadata.name": name, "metadata.namespace": namespace, "status.phase": values[2].text ?? ""]
                guard fields.terms.allSatisfy({ (selectable[$0.field] == $0.value) != $0.negated }) else { continue }
            }
            let row: PodRow
            if let ready = values[4].text {
                row = PodRow(ready: ready, status: values[5].text ?? "", restarts: Int(values[6].int ?? 0),
                             lastRestart: values[7].int.map(Timestamp.init(seconds:)),
                             created: values[8].int.map(Timestamp.init(seconds:)), ip: values[9].text ?? "",
                             node: values[10].text ?? "", nominatedNode: values[11].text ?? "",
                             readinessGates: values[12].text ?? "")
            } else {
                guard let seq = values[3].int, let pod = try object(atSeq: seq) else { continue }
                row = PodRow(pod: pod)
            }
            pods.append(ListedPod(namespace: namespace, name: name, row: row))
        }
        return pods
    }
}
