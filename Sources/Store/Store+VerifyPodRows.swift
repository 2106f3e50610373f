import SQLiteKit
import Model

extension Store {
    /// Compares the pod table rows with the log: every live pod's row must be what `PodRow(pod:)` computes
    /// from its version's JSON (`missing row`, `changed row`), and every row must belong to an event that
    /// holds a pod version (`unexpected row`).
    func verifyPodRows() throws -> [VerifyReport.Difference] {
        var differences: [VerifyReport.Difference] = []
        let statement = try connection.cached("""
            SELECT o.namespace, o.name, e.object, r.seq, r.ready, r.status, r.restarts, r.last_restart, r.created,
                r.ip, r.node, r.nominated_node, r.readiness_gates
            FROM objects o JOIN events e ON e.seq = o.seq LEFT JOIN pod_rows r ON r.seq = o.seq
            WHERE o.kind = 'Pod'
            """)
        while let values = try statement.step()?.values {
            let namespace = values[0].text ?? "", name = values[1].text ?? ""
            guard let seq = values[3].int else {
                differences.append(.init(kind: "Pod", namespace: namespace, name: name, problem: "missing row"))
                continue
            }
            let expected = (values[2].text).flatMap { try? JSONValue.parse($0) }.map { Store.values(of: PodRow(pod: $0), seq: seq) }
            if expected != Array(values[3...]) {
                differences.append(.init(kind: "Pod", namespace: namespace, name: name, problem: "changed row"))
            }
        }
        let strays = try connection.query("""
            SELECT r.seq, coalesce(e.namespace, ''), coalesce(e.name, '') FROM pod_rows r LEFT JOIN events e ON e.seq = r.seq
            WHERE r.seq <= (SELECT max(seq) FROM events) -- a pinned store sees the log up to its point
              AND (e.seq IS NULL OR e.kind <> 'Pod' OR e.verb IN ('delete', 'init', 'advance'))
            """)
        differences += strays.map { row in
            let name = row[2].text ?? ""
            return .init(kind: "Pod", namespace: row[1].text ?? "", name: name.isEmpty ? "seq \(row[0].int ?? 0)" : name,
                         problem: "unexpected row")
        }
        return differences
    }
}
