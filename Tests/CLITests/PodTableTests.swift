import XCTest
import Foundation
import SQLiteKit
@testable import CLI
@testable import Store

/// `get pods` from the stored pod rows prints exactly what listing and decoding the pods prints, live and
/// with `--at`; `verify` checks the rows; a database from before the rows still answers.
final class PodTableTests: CLITestCase {
    /// Pods in most of the states `get pods` shows, driven by the simulated kubelet.
    let pods = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: other}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec: {containers: [{name: nginx, image: nginx}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: crash
          annotations: {sim.logbook.dev/exit-code: "1", sim.logbook.dev/run-duration: "5s"}
        spec: {containers: [{name: app, image: busybox}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: unready
          annotations: {sim.logbook.dev/ready: never}
        spec: {containers: [{name: app, image: busybox}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: pull
          annotations: {sim.logbook.dev/image-pull: fail}
        spec: {containers: [{name: app, image: nope}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: slow-init
          annotations: {sim.logbook.dev/start-delay: "20s"}
        spec:
          initContainers: [{name: setup, image: busybox}]
          containers: [{name: app, image: busybox}]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: done
          annotations: {sim.logbook.dev/exit-code: "0", sim.logbook.dev/run-duration: "5s"}
        spec: {restartPolicy: Never, containers: [{name: app, image: busybox}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: failed
          annotations: {sim.logbook.dev/exit-code: "2", sim.logbook.dev/run-duration: "5s"}
        spec: {restartPolicy: Never, containers: [{name: app, image: busybox}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: gated}
        spec: {readinessGates: [{conditionType: example.com/ok}], containers: [{name: app, image: busybox}]}
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: init-pull
          annotations: {sim.logbook.dev/image-pull: fail}
        spec:
          initContainers: [{name: setup, image: nope}]
          containers: [{name: app, image: busybox}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: held, finalizers: [example.com/hold]}
        spec: {containers: [{name: app, image: busybox}]}
        """
    let other = """
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec: {containers: [{name: nginx, image: nginx}, {name: sidecar, image: busybox}]}
        """

    func applyPods() {
        let apply = logbook(["apply", "-f", folder.file("pods.yaml", pods)])
        XCTAssertEqual(apply.code, 0, apply.err)
        XCTAssertEqual(logbook(["apply", "-n", "other", "-f", folder.file("other.yaml", other)]).code, 0)
    }

    /// The reads compared; each is also run with a label selector every object matches, which lists and
    /// decodes the objects (the path every `get pods` took before the rows).
    let reads: [[String]] = [
        ["get", "pods"], ["get", "pods", "-o", "wide"], ["get", "pods", "-A"], ["get", "pods", "-A", "-o", "wide"],
        ["get", "pods", "-n", "other"], ["get", "pods", "--field-selector", "status.phase=Running"],
        ["get", "pods", "-A", "--field-selector", "metadata.namespace!=default"], ["get", "pods,namespaces"],
        ["get", "pods", "-n", "empty"],
    ]

    func assertRowsMatchDecoding(_ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) {
        for read in reads {
            let fast = logbook(read + extra)
            let slow = logbook(read + extra + ["-l", "example.com/absent!=x"])
            XCTAssertEqual(fast.code, slow.code, read.joined(separator: " "), file: file, line: line)
            XCTAssertEqual(fast.out, slow.out, read.joined(separator: " "), file: file, line: line)
            XCTAssertEqual(fast.err, slow.err, read.joined(separator: " "), file: file, line: line)
        }
    }

    func lastSeq() throws -> Int64 { try Store.open(path: db, mode: .read).lastSeq() }

    /// Applies the pods and lets them run; returns the seqs of a few points along the way.
    func runScenario() throws -> [Int64] {
        applyPods()
        var points = [try lastSeq()]
        logbook(["advance", "10s"])
        points.append(try lastSeq())
        logbook(["advance", "2m"])
        points.append(try lastSeq())
        XCTAssertEqual(logbook(["delete", "pod", "held"]).code, 0)
        logbook(["advance", "5m"])
        points.append(try lastSeq())
        return points
    }

    func testRowsPrintWhatDecodingPrints() throws {
        let points = try runScenario()
        let table = logbook(["get", "pods", "-A", "-o", "wide"]).out
        for state in ["Running", "CrashLoopBackOff", "Completed", "Error", "Terminating", "ImagePullBackOff", "2/2"] {
            XCTAssertTrue(table.contains(state), "\(state) in\n\(table)")
        }
        XCTAssertTrue(table.contains(" ago)"), table)
        XCTAssertTrue(table.contains("0/1 "), table)
        assertRowsMatchDecoding()
        for point in points { assertRowsMatchDecoding(["--at", String(point)]) }
        XCTAssertTrue(try Store.open(path: db, mode: .read).verify().isClean)
    }

    func testAtAPointPrintsWhatWasPrintedThen() throws {
        applyPods()
        var seen: [(Int64, String)] = []
        for step in ["3s", "10s", "30s", "2m"] {
            logbook(["advance", step])
            seen.append((try lastSeq(), logbook(["get", "pods", "-A", "-o", "wide"]).out))
        }
        XCTAssertTrue(seen[0].1.contains("ContainerCreating"), seen[0].1)
        for (seq, then) in seen {
            XCTAssertEqual(logbook(["get", "pods", "-A", "-o", "wide", "--at", String(seq)]).out, then)
        }
    }

    func testVerifyChecksThePodRows() throws {
        _ = try runScenario()
        XCTAssertEqual(logbook(["verify"]).code, 0)
        let connection = try Connection(path: db, mode: .readWrite)
        try connection.execute("""
            UPDATE pod_rows SET status = 'Running' WHERE seq = (SELECT seq FROM objects WHERE kind = 'Pod' AND name = 'crash')
            """)
        var verify = logbook(["verify"])
        XCTAssertEqual(verify.code, 1)
        XCTAssertTrue(verify.out.contains("Pod default/crash: its pod table row differs from the log\n"), verify.out)

        try connection.execute("DELETE FROM pod_rows WHERE seq = (SELECT seq FROM objects WHERE kind = 'Pod' AND name = 'crash')")
        verify = logbook(["verify"])
        XCTAssertEqual(verify.code, 1)
        XCTAssertTrue(verify.out.contains("Pod default/crash: its pod table row is missing\n"), verify.out)
        XCTAssertTrue(verify.out.contains("verify failed: 1 difference(s)"), verify.out)
    }

    func testADatabaseFromBeforeThePodRowsStillAnswers() throws {
        _ = try runScenario()
        let before = reads.map { logbook($0) }
        do {
            // What a database written by a logbook without migration 0006 looks like.
            let connection = try Connection(path: db, mode: .readWrite)
            try connection.execute("DROP TABLE pod_rows")
            try connection.execute("PRAGMA user_version = 5")
        }
        // The first read upgrades the old schema, then answers as before.
        XCTAssertEqual(logbook(["get", "pods"]).out, before[0].out)
        XCTAssertEqual(try Connection(path: db, mode: .readOnly).scalar("SELECT count(*) FROM pod_rows")?.int,
                       try Connection(path: db, mode: .readOnly).scalar("SELECT count(*) FROM objects WHERE kind = 'Pod'")?.int)
        for (read, then) in zip(reads, before) { XCTAssertEqual(logbook(read).out, then.out, read.joined(separator: " ")) }
        XCTAssertEqual(logbook(["verify"]).code, 0)
        // Versions without a row (the past of an upgraded or imported log) are computed from their JSON.
        assertRowsMatchDecoding(["--at", String(try lastSeq() - 40)])
    }

    func testVersionsWithoutRowsAreComputedFromTheirObjects() throws {
        _ = try runScenario()
        let before = reads.map { logbook($0) }
        try Connection(path: db, mode: .readWrite).execute("DELETE FROM pod_rows")
        for (read, then) in zip(reads, before) { XCTAssertEqual(logbook(read).out, then.out, read.joined(separator: " ")) }
    }

    func testAnImportedLogHasTheRowsOfItsLivePods() throws {
        let points = try runScenario()
        let exported = logbook(["export"])
        XCTAssertEqual(exported.code, 0)
        let copy = path("imported.db")
        XCTAssertEqual(runLogbook(["import", folder.file("log.jsonl", exported.out), "--into", copy], db: copy).code, 0)
        XCTAssertEqual(try Connection(path: copy, mode: .readOnly).scalar("SELECT count(*) FROM pod_rows")?.int,
                       try Connection(path: copy, mode: .readOnly).scalar("SELECT count(*) FROM objects WHERE kind = 'Pod'")?.int)
        XCTAssertEqual(logbook(["verify"], db: copy).code, 0)
        for read in reads {
            XCTAssertEqual(logbook(read, db: copy).out, logbook(read).out, read.joined(separator: " "))
            // Past versions have no rows there: they are computed from their JSON.
            XCTAssertEqual(logbook(read + ["--at", String(points[1])], db: copy).out, logbook(read + ["--at", String(points[1])]).out)
        }
    }
}
