import SQLiteKit
import Model

extension Store {
    /// Rebuilds the revision history from the log alone into `temp.rebuilt_revisions`, replaying every
    /// ReplicaSet event in seq order through the same rules the live projection uses.
    func rebuildRevisionHistory() throws {
        try connection.execute("DROP TABLE IF EXISTS temp.rebuilt_revisions")
        try connection.execute("""
            CREATE TEMP TABLE rebuilt_revisions (namespace TEXT NOT NULL, deployment TEXT NOT NULL,
                deployment_uid TEXT NOT NULL, revision INTEGER NOT NULL, replicaset TEXT NOT NULL, template TEXT NOT NULL,
                change_cause TEXT NOT NULL DEFAULT '', seq INTEGER NOT NULL, time TEXT NOT NULL, actor TEXT NOT NULL,
                verb TEXT NOT NULL, cause INTEGER, PRIMARY KEY (namespace, replicaset)) WITHOUT ROWID
            """)
        let statement = try connection.prepare(
            "SELECT seq, time, actor, verb, object, cause FROM events WHERE kind = 'ReplicaSet' ORDER BY seq")
        var pending: [(Int64, String, String, Verb, JSONValue, Int64?)] = []
        while let row = try statement.step() {
            guard let text = row[4].text, let object = try? JSONValue.parse(text),
                  let verb = Verb(rawValue: row[3].text ?? "") else { continue }
            pending.append((row[0].int ?? 0, row[1].text ?? "", row[2].text ?? "", verb, object, row[5].int))
        }
        for (seq, time, actor, verb, object, cause) in pending {
            try applyRevisionEvent(table: "temp.rebuilt_revisions", verb: verb, object: object, seq: seq, time: time,
                                   actor: actor, cause: cause)
        }
    }

    /// Rebuilds the revision history from the log and compares it with the live `revisions` table, row by
    /// row. Each difference names the ReplicaSet (kind `Revision`): `missing` (the rebuild has it, the live
    /// table does not), `unexpected` (the reverse) or `changed`. Empty means the projection is sound.
    /// `verify` calls this beside the object projection check.
    public func verifyRevisionHistory() throws -> [VerifyReport.Difference] {
        try connection.readTransaction {
            try rebuildRevisionHistory()
            defer { try? connection.execute("DROP TABLE IF EXISTS temp.rebuilt_revisions") }
            var differences: [VerifyReport.Difference] = []
            let key = "l.namespace = r.namespace AND l.replicaset = r.replicaset"
            for (problem, sql) in [
                ("missing", "SELECT namespace, replicaset FROM temp.rebuilt_revisions r WHERE NOT EXISTS (SELECT 1 FROM revisions l WHERE \(key))"),
                ("unexpected", "SELECT namespace, replicaset FROM revisions l WHERE NOT EXISTS (SELECT 1 FROM temp.rebuilt_revisions r WHERE \(key))"),
                ("changed", """
                    SELECT l.namespace, l.replicaset FROM revisions l JOIN temp.rebuilt_revisions r ON \(key)
                    WHERE l.deployment IS NOT r.deployment OR l.deployment_uid IS NOT r.deployment_uid
                       OR l.revision IS NOT r.revision OR l.template IS NOT r.template
                       OR l.change_cause IS NOT r.change_cause OR l.seq IS NOT r.seq OR l.time IS NOT r.time
                       OR l.actor IS NOT r.actor OR l.verb IS NOT r.verb OR l.cause IS NOT r.cause
                    """),
            ] {
                differences += try connection.query(sql).map {
                    VerifyReport.Difference(kind: "Revision", namespace: $0[0].text ?? "", name: $0[1].text ?? "",
                                            problem: problem)
                }
            }
            return differences.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
        }
    }

    /// Replaces the live `revisions` table with its rebuild from the log: for a database whose log predates
    /// migration 3 (the table starts empty), or to repair what `verifyRevisionHistory` reports.
    public func rebuildRevisions() throws {
        try write {
            try rebuildRevisionHistory()
            defer { try? connection.execute("DROP TABLE IF EXISTS temp.rebuilt_revisions") }
            try connection.execute("DELETE FROM revisions")
            try connection.execute("INSERT INTO revisions(\(Store.revisionColumns)) SELECT \(Store.revisionColumns) FROM temp.rebuilt_revisions")
        }
    }
}
