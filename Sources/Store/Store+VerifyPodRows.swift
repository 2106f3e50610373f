import SQLiteKit
import Model

extension Store {
    /// Compares the pod table rows of the live pods with the log: each must be what `PodRow(pod:)` computes
    /// from its version's JSON (`missing row`, `changed row`; pinned at a past point, a version may have no row). Rows of past versions are not read here: a
    /// scan of every row against its event would cost more than the rest of `verify`; `get pods --at` reads
    /// them as they were written in their event's transaction.
    func verifyPodRows() throws -> [VerifyReport.Difference] {
        var differences: [VerifyReport.Difference] = []
        // Past versions of an imported or upgraded log have no rows (they are computed when read): only the
        // live state must have every row.
        let pinned = try pinnedSeq() != nil
        let statement = try connection.cached("""
            SELECT o.namespace, o.name, e.object, r.seq, r.ready, r.status, r.restarts, r.last_restart, r.created,
                r.ip, r.node, r.nominated_node, r.readiness_gates
            FROM objects o JOIN events e ON e.seq = o.seq LEFT JOIN pod_rows r ON r.seq = o.seq
            WHERE o.kind = 'Pod'
            """)
        while let values = try statement.step()?.values {
            let namespace = values[0].text ?? "", name = values[1].text ?? ""
            guard let seq = values[3].int else {
                if !pinned { differences.append(.init(kind: "Pod", namespace: namespace, name: name, problem: "missing row")) }
                continue
            }
            let expected = (values[2].text).flatMap { try? JSONValue.parse($0) }.map { Store.values(of: PodRow(pod: $0), seq: seq) }
            if expected != Array(values[3...]) {
                differences.append(.init(kind: "Pod", namespace: namespace, name: name, problem: "changed row"))
            }
        }
        return differences
    }
}
