import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// `logbook sql`: the views, the output formats, and the refusal of anything that is not a read.
final class SQLCommandTests: CLITestCase {

    let web = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: nginx, image: "nginx:1.24"}, {name: sidecar, image: "busybox:1.36"}]
        """

    func runningWeb() {
        XCTAssertEqual(logbook("apply", "-f", folder.file("web.yaml", web)).code, 0)
        XCTAssertEqual(logbook("advance", "30s").code, 0)
    }

    func testPodAndDeploymentViewsShowWhatGetShows() throws {
        runningWeb()
        let pods = try Store.open(path: db, mode: .read).list(.pod)
        XCTAssertEqual(pods.count, 2)
        let result = logbook("sql", "SELECT name, phase, ready, restarts, owner_kind, images, node <> '' AS bound, ip <> '' AS has_ip FROM pods ORDER BY name", "-o", "csv")
        XCTAssertEqual(result.code, 0, result.err)
        let expected = ["name,phase,ready,restarts,owner_kind,images,bound,has_ip"] + pods.map {
            "\($0.name),Running,1,0,ReplicaSet,\"nginx:1.24,busybox:1.36\",1,1"
        }
        XCTAssertEqual(result.out, expected.map { $0 + "\r\n" }.joined())

        XCTAssertEqual(logbook("sql", "SELECT name, replicas, updated, ready, available, revision, paused, image FROM deployments").out, """
            NAME   REPLICAS   UPDATED   READY   AVAILABLE   REVISION   PAUSED   IMAGE
            web    2          2         2       2           1          0        nginx:1.24,busybox:1.36

            """)
        XCTAssertEqual(logbook("sql", "SELECT count(*) AS n FROM replicasets WHERE owner_name = 'web' AND ready = 2").out, "N\n1\n")
        XCTAssertEqual(logbook("sql", "SELECT deployment, revision, images FROM rollout_history").out,
                       "DEPLOYMENT   REVISION   IMAGES\nweb          1          nginx:1.24,busybox:1.36\n")
        XCTAssertEqual(logbook("sql", "SELECT count(*) FROM nodes WHERE ready = 1").out, "COUNT(*)\n3\n")
        let scheduled = logbook("sql", "SELECT count(*) FROM k8s_events WHERE reason = 'Scheduled' AND object_kind = 'Pod'")
        XCTAssertEqual(scheduled.out, "COUNT(*)\n2\n")
        // The log view and the events table answer alike.
        let viaView = logbook("sql", "SELECT seq, actor, verb, kind, name FROM log WHERE cause IS NULL", "-o", "json").out
        let viaTable = logbook("sql", "SELECT seq, actor, verb, kind, name FROM events WHERE cause IS NULL", "-o", "json").out
        XCTAssertEqual(viaView, viaTable)
        XCTAssertTrue(viaView.contains(#"{"seq": 1, "actor": "logbook", "verb": "init", "kind": "", "name": ""}"#), viaView)
    }

    func testOutputFormats() {
        logbook("init")
        let query = #"SELECT 'a,b' AS text, 'say "hi"' AS quoted, NULL AS missing, 3 AS n, 1.5 AS x, '' AS empty"#
        XCTAssertEqual(logbook("sql", query, "-o", "csv").out,
                       "text,quoted,missing,n,x,empty\r\n\"a,b\",\"say \"\"hi\"\"\",,3,1.5,\r\n")
        XCTAssertEqual(logbook("sql", query, "-o", "json").out,
                       "[\n  {\"text\": \"a,b\", \"quoted\": \"say \\\"hi\\\"\", \"missing\": null, \"n\": 3, \"x\": 1.5, \"empty\": \"\"}\n]\n")
        XCTAssertEqual(logbook("sql", query).out,
                       "TEXT   QUOTED     MISSING   N   X     EMPTY\na,b    say \"hi\"   <null>    3   1.5   <none>\n")
        XCTAssertEqual(logbook("sql", "SELECT * FROM pods", "-o", "json").out, "[]\n")
        let none = logbook("sql", "SELECT * FROM pods")
        XCTAssertEqual(none.out, "")
        XCTAssertEqual(none.err, "No rows.\n")
        XCTAssertEqual(logbook("sql", "SELECT 1", "-o", "yaml").code, 1)
        XCTAssertEqual(logbook("sql").code, 1)
        XCTAssertEqual(logbook("sql", "SELEC 1").err, "error: near \"SELEC\": syntax error\n")
    }

    /// The file and its write-ahead log, byte for byte.
    func fileBytes() -> [Data] {
        // A read-only connection may create an empty write-ahead log file: empty and absent are the same.
        ["", "-wal"].map { FileManager.default.contents(atPath: db + $0) ?? Data() }
    }

    func testWritesAttachAndPragmaWritesAreRefusedAndChangeNothing() throws {
        runningWeb()
        let before = fileBytes()
        let other = folder.url.appendingPathComponent("other.db").path
        for (query, reason) in [
            ("INSERT INTO events(seq, time, actor, verb) VALUES (999, 't', 'me', 'update')", "INSERT into events is a write"),
            ("DELETE FROM objects", "DELETE from objects is a write"),
            ("UPDATE objects SET phase = 'Failed'", "UPDATE of objects is a write"),
            ("DROP TABLE objects", "changes the schema"),
            ("DROP VIEW pods", "changes the schema"),
            ("CREATE TEMP TABLE t(x)", "changes the schema"),
            ("ATTACH DATABASE '\(other)' AS other", "ATTACH and DETACH are not allowed"),
            ("PRAGMA writable_schema = 1", "PRAGMA writable_schema = ... sets a value"),
            ("PRAGMA optimize", "PRAGMA optimize is not allowed"),
            ("PRAGMA query_only = 0", "PRAGMA query_only = ... sets a value"),
            ("SELECT 1; DELETE FROM events", "DELETE from events is a write"),
            ("VACUUM", "refusing to run a statement that writes: VACUUM"),
        ] {
            let result = logbook("sql", query)
            XCTAssertEqual(result.code, 1, query)
            XCTAssertEqual(result.out, "", "nothing runs, not even the reads before a refused statement: \(query)")
            XCTAssertTrue(result.err.hasPrefix("error: refusing to run"), result.err)
            XCTAssertTrue(result.err.contains(reason), "\(query): \(result.err)")
            XCTAssertTrue(result.err.hasSuffix("(logbook sql is read-only; the database was not changed)\n"), result.err)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: other), "ATTACH created no file")
        XCTAssertEqual(fileBytes(), before, "the file and its write-ahead log are unchanged")
        XCTAssertTrue(try Store.open(path: db, mode: .read).verify().isClean)
        // Pragmas that only report are allowed.
        XCTAssertEqual(logbook("sql", "PRAGMA table_info(log)", "-o", "csv").code, 0)
        XCTAssertEqual(logbook("sql", "PRAGMA user_version").out, "USER_VERSION\n\(Store.schemaVersion)\n")
    }

    func testViewsWorkInTheSqlite3CLI() throws {
        runningWeb()
        let result = try BinaryRunner.sqlite3(db, "SELECT name, phase, ready, images FROM pods ORDER BY name; SELECT name, image, revision FROM deployments; SELECT count(*) FROM log WHERE verb = 'advance';")
        XCTAssertEqual(result.code, 0, result.stderr)
        let names = try Store.open(path: db, mode: .read).list(.pod).map(\.name)
        XCTAssertEqual(result.stdout, names.map { "\($0)|Running|1|nginx:1.24,busybox:1.36\n" }.joined()
                       + "web|nginx:1.24,busybox:1.36|1\n1\n")
        let plan = try BinaryRunner.sqlite3(db, "EXPLAIN QUERY PLAN SELECT phase, count(*) FROM pods GROUP BY phase")
        XCTAssertTrue(plan.stdout.contains("COVERING INDEX objects_by_phase"), "counting by phase reads no JSON: \(plan.stdout)")
    }
}
