import XCTest
import Foundation

/// Runs the real `logbook` binary end to end, and reads its database with the real `sqlite3`.
final class BinaryEndToEndTests: XCTestCase {
    func configMap(_ name: String) -> String {
        #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"},"data":{"k":"v"}}"#
    }

    func testABinaryRoundTrip() throws {
        let folder = TemporaryFolder()
        let db = folder.url.appendingPathComponent("e2e.db").path
        let missing = try BinaryRunner.logbook(["get", "pods", "--db", db])
        XCTAssertEqual(missing.code, 1)
        XCTAssertTrue(missing.stderr.contains("does not exist"), missing.stderr)

        let initialized = try BinaryRunner.logbook(["init", "--db", db, "--seed", "3"])
        XCTAssertEqual(initialized.code, 0, initialized.stderr)
        XCTAssertEqual(initialized.stdout, "initialized \(db): seed 3, start 2026-01-01T00:00:00Z, 3 nodes, 9 events\n")

        let file = folder.file("cm.json", configMap("settings"))
        let created = try BinaryRunner.logbook(["create", "-f", file, "--db", db])
        XCTAssertEqual(created.stdout, "configmap/settings created\n")
        XCTAssertEqual(created.code, 0)

        let again = try BinaryRunner.logbook(["create", "-f", file, "--db", db])
        XCTAssertEqual(again.code, 1)
        XCTAssertEqual(again.stderr, "Error from server (AlreadyExists): error when creating \"\(file)\": configmaps \"settings\" already exists\n")

        let notFound = try BinaryRunner.logbook(["get", "deployment", "web", "--db", db])
        XCTAssertEqual(notFound.code, 1)
        XCTAssertEqual(notFound.stderr, "Error from server (NotFound): deployments.apps \"web\" not found\n")

        let log = try BinaryRunner.logbook(["log", "-o", "json", "--since", "9", "--db", db])
        let lines = log.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1)
        guard let line = lines.first else { return XCTFail("no event after seq 9") }
        let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        XCTAssertEqual(event["seq"] as? Int, 10)
        XCTAssertEqual(event["verb"] as? String, "create")
        XCTAssertEqual(event["kind"] as? String, "ConfigMap")
        XCTAssertEqual(event["actor"] as? String, "kubernetes-admin")
        XCTAssertEqual(event["time"] as? String, "2026-01-01T00:00:00Z")
        XCTAssertTrue(event["cause"] is NSNull)

        let verify = try BinaryRunner.logbook(["verify", "--db", db])
        XCTAssertEqual(verify.code, 0)
        XCTAssertEqual(verify.stdout, "verified: 10 events replayed, 9 objects rebuilt; the projections match the log\n")

        let unknown = try BinaryRunner.logbook(["frobnicate", "--db", db])
        XCTAssertEqual(unknown.code, 1)
        XCTAssertTrue(unknown.stderr.contains("unknown command \"frobnicate\""))
    }

    func testLOGBOOK_DBSelectsTheDatabase() throws {
        let folder = TemporaryFolder()
        let db = folder.url.appendingPathComponent("env.db").path
        let result = try BinaryRunner.run(BinaryRunner.logbook, ["get", "nodes", "-o", "name"], environment: ["LOGBOOK_DB": db])
        XCTAssertEqual(result.code, 1, "reads never create a database")
        _ = try BinaryRunner.run(BinaryRunner.logbook, ["advance", "10s"], environment: ["LOGBOOK_DB": db])
        let nodes = try BinaryRunner.run(BinaryRunner.logbook, ["get", "nodes", "-o", "name"], environment: ["LOGBOOK_DB": db])
        XCTAssertEqual(nodes.stdout, "node/node-1\nnode/node-2\nnode/node-3\n")
    }

    func testSqlite3ReadsTheDatabaseWhileLogbookHoldsIt() throws {
        let folder = TemporaryFolder()
        let db = folder.url.appendingPathComponent("shared.db").path
        XCTAssertEqual(try BinaryRunner.logbook(["init", "--db", db]).code, 0)
        // A second logbook process keeps the database open and busy writing while sqlite3 reads it.
        let file = folder.file("many.json", (0..<200).map { configMap("c\($0)") }.joined(separator: "\n---\n"))
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: BinaryRunner.logbook)
        writer.arguments = ["create", "-f", file, "--db", db]
        writer.standardOutput = FileHandle.nullDevice
        try writer.run()
        var sawRows = false
        for _ in 0..<20 {
            let count = try BinaryRunner.sqlite3(db, "SELECT count(*) FROM events;")
            XCTAssertEqual(count.code, 0, count.stderr)
            if let n = Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)), n >= 8 { sawRows = true }
        }
        writer.waitUntilExit()
        XCTAssertTrue(sawRows)
        let kinds = try BinaryRunner.sqlite3(db, "SELECT kind, count(*) FROM objects GROUP BY kind ORDER BY kind;")
        XCTAssertEqual(kinds.stdout, "ConfigMap|200\nNamespace|4\nNode|3\nService|1\n")
        let appendOnly = try BinaryRunner.sqlite3(db, "DELETE FROM events;")
        XCTAssertNotEqual(appendOnly.code, 0)
        XCTAssertTrue(appendOnly.stderr.contains("append-only"), appendOnly.stderr)
    }
}
