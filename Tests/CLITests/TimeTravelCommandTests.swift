import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// `--at`: every read command answers exactly what it answered at that point of the log.
final class TimeTravelCommandTests: CLITestCase {

    func lastSeq() throws -> Int64 { try Store.open(path: db, mode: .read).lastSeq() }

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
              containers: [{name: nginx, image: "nginx:1.24"}]
        """

    let reads: [[String]] = [
        ["get", "pods"], ["get", "deployments", "-o", "wide"], ["get", "replicasets"], ["describe", "deployment", "web"],
        ["rollout", "history", "deployment/web"], ["log"], ["log", "--kind", "Pod"],
        ["sql", "SELECT name, phase, images FROM pods ORDER BY name"], ["sql", "SELECT * FROM rollout_history"],
        ["sql", "SELECT count(*) FROM events"],
    ]

    func testReadsAtAPointAnswerWhatTheyAnsweredThen() throws {
        XCTAssertEqual(logbook(["apply", "-f", folder.file("web.yaml", web)]).code, 0)
        logbook(["advance", "30s"])
        let first = try lastSeq()
        let then = reads.map { logbook($0) }
        XCTAssertTrue(then[0].out.contains("Running"), then[0].out)

        XCTAssertEqual(logbook(["set", "image", "deployment/web", "nginx=nginx:1.25"]).code, 0)
        logbook(["scale", "deployment/web", "--replicas=3"])
        let beforeAdvance = try lastSeq()
        let podsBeforeAdvance = logbook(["get", "pods"]).out
        logbook(["advance", "1m"])
        let second = try lastSeq()
        let now = reads.map { logbook($0) }
        XCTAssertNotEqual(now[0].out, then[0].out)

        for (index, read) in reads.enumerated() {
            let past = logbook(read + ["--at", String(first)])
            XCTAssertEqual(past.code, then[index].code, read.joined(separator: " "))
            XCTAssertEqual(past.out, then[index].out, read.joined(separator: " "))
            XCTAssertEqual(past.err, then[index].err, read.joined(separator: " "))
            // The head itself is the live state.
            XCTAssertEqual(logbook(read + ["--at", String(second)]).out, now[index].out, read.joined(separator: " "))
        }
        // A time names the last event at or before it: the rollout was the last thing to happen at 00:00:30.
        XCTAssertEqual(logbook(["get", "pods", "--at", "2026-01-01T00:00:30Z"]).out, podsBeforeAdvance)
        XCTAssertEqual(logbook(["get", "pods", "--at", String(beforeAdvance)]).out, podsBeforeAdvance)
        XCTAssertTrue(try Store.open(path: db, mode: .read).verify().isClean)
    }

    func testAtBeyondTheEndBeforeTheStartAndForWrites() throws {
        logbook(["init"])
        let last = try lastSeq()
        let beyond = logbook(["get", "pods", "--at", "999999"])
        XCTAssertEqual(beyond.code, 1)
        XCTAssertEqual(beyond.err, "error: --at 999999 is beyond the end of the log (last seq \(last))\n")
        XCTAssertEqual(logbook(["sql", "SELECT 1", "--at", "999999"]).err, beyond.err)
        XCTAssertEqual(logbook(["log", "--at", "2025-06-01T00:00:00Z"]).err,
                       "error: --at 2025-06-01T00:00:00Z is before the first event (seq 1 at 2026-01-01T00:00:00Z)\n")
        XCTAssertTrue(logbook(["get", "pods", "--at", "soon"]).err.hasPrefix("error: invalid argument \"soon\" for \"--at\" flag"))
        let write = logbook(["delete", "namespace", "kube-public", "--at", "3"])
        XCTAssertEqual(write.code, 1)
        XCTAssertTrue(write.err.contains("--at reads the state at a past point of the log; it cannot be used with a command that writes"), write.err)
        XCTAssertEqual(try lastSeq(), last, "nothing was written")
    }

    func testTheRealBinaryReadsThePast() throws {
        XCTAssertEqual(try BinaryRunner.logbook(["init", "--db", db]).code, 0)
        let cm = folder.file("cm.json", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"k":"v1"}}"#)
        XCTAssertEqual(try BinaryRunner.logbook(["create", "-f", cm, "--db", db]).code, 0)
        let created = try lastSeq()
        XCTAssertEqual(try BinaryRunner.logbook(["delete", "configmap", "settings", "--db", db]).code, 0)
        let past = try BinaryRunner.logbook(["sql", "SELECT name, json_extract(object, '$.data.k') AS k FROM live_objects WHERE kind = 'ConfigMap'", "--at", String(created), "--db", db])
        XCTAssertEqual(past.stdout, "NAME       K\nsettings   v1\n", past.stderr)
        let live = try BinaryRunner.logbook(["get", "configmap", "settings", "--db", db])
        XCTAssertEqual(live.code, 1)
    }
}
