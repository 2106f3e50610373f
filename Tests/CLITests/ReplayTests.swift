import XCTest
import Foundation
import Model
import Controllers
@testable import CLI
@testable import Store

/// A controller the standard list does not have: it marks every Deployment it sees. A log recorded with
/// it stands for a log made by different controller code.
struct MarkingController: Reconciler {
    var name: String { "marking-controller" }

    func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        change.kind == .deployment && !change.isDelete ? [ObjectKey(of: change.object, kind: .deployment)] : []
    }

    func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard var deployment = try client.get(.deployment, key.namespace, key.name),
              deployment[path: ["metadata", "annotations", "example.com/marked"]] == nil else { return .done }
        deployment[path: ["metadata", "annotations", "example.com/marked"]] = "yes"
        try client.update(deployment)
        return .done
    }
}

/// `logbook replay --verify` and `--rerun`.
final class ReplayTests: ReplayFixture {
    func testARerunOfACLIMadeLogIsIdentical() throws {
        recordRollout()
        let recorded = try events(db)
        XCTAssertTrue(recorded.contains { $0.verb == .advance } && recorded.contains { $0.actor == "kubelet" })
        let into = path("rerun.db")
        let result = logbook("replay", "--rerun", db, "--into", into)
        XCTAssertEqual(result.code, 0, result.out + result.err)
        XCTAssertEqual(result.out, "replayed \(recorded.count) events: identical to the recorded log\n")
        XCTAssertEqual(try events(into), recorded)
        XCTAssertEqual(try Store.open(path: into, mode: .read).verifyHashChain().head,
                       try Store.open(path: db, mode: .read).verifyHashChain().head)
        // Written beside NEW.db and renamed once complete: nothing else is left, and it is a whole database.
        XCTAssertFalse(FileManager.default.fileExists(atPath: into + ".partial"))
        XCTAssertEqual(logbook("verify", db: into).code, 0)
        XCTAssertEqual(logbook("get", "pods", "-A", db: into).out, logbook("get", "pods", "-A").out)
    }

    func testARerunRefusesToWriteOverAnExistingFile() throws {
        recordRollout()
        let into = path("taken.db")
        _ = FileManager.default.createFile(atPath: into, contents: Data("mine".utf8))
        let result = logbook("replay", "--rerun", db, "--into", into)
        XCTAssertEqual(result.code, 1, result.out + result.err)
        XCTAssertTrue(result.err.contains("--into \(into): the file exists"), result.err)
        XCTAssertEqual(FileManager.default.contents(atPath: into), Data("mine".utf8))
    }

    func testARerunOfAnImportedBugReportIsIdentical() throws {
        recordRollout()
        let export = Output(passThrough: false)
        XCTAssertEqual(Logbook.run(["export", "--db", db], output: export), 0)
        let file = folder.file("bug.jsonl", export.standardOutput)
        let repro = path("repro.db")
        XCTAssertEqual(logbook("import", file, "--into", repro).code, 0)
        XCTAssertEqual(logbook("replay", "--rerun", repro).code, 0)
    }

    /// Containers that start late and crash get new random container IDs during clock advances; the
    /// IDs depend on how the advances were split into commands, which the re-run infers from the log.
    func testAdvancesInSeparateCommandsOrInOneBothReplayIdentically() throws {
        let manifest = folder.file("slow.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: slow}
            spec:
              replicas: 2
              selector: {matchLabels: {app: slow}}
              template:
                metadata:
                  labels: {app: slow}
                  annotations: {sim.logbook.dev/start-delay: "5s", sim.logbook.dev/exit-code: "1", sim.logbook.dev/run-duration: "3s"}
                spec:
                  containers: [{name: app, image: busybox}]
            """)
        let split = path("split.db"), whole = path("whole.db")
        XCTAssertEqual(logbook("apply", "-f", manifest, db: split).code, 0)
        for _ in 0..<8 { XCTAssertEqual(logbook("advance", "4s", db: split).code, 0) }
        XCTAssertEqual(logbook("apply", "-f", manifest, db: whole).code, 0)
        XCTAssertEqual(logbook("advance", "32s", db: whole).code, 0)
        for recorded in [split, whole] {
            let restarts = try events(recorded).filter { $0.object?.contains("\"restartCount\":1") ?? false }
            XCTAssertFalse(restarts.isEmpty, "the containers restarted during the advances")
            let result = logbook("replay", "--rerun", recorded)
            XCTAssertEqual(result.code, 0, result.out)
        }
    }

    func testUntilStopsEarlyAndStepPrintsEachEvent() throws {
        recordRollout()
        let result = logbook("replay", "--rerun", "--until", "40", "--step")
        XCTAssertEqual(result.code, 0, result.out)
        let lines = result.out.split(separator: "\n")
        XCTAssertEqual(lines.count, 41)
        XCTAssertTrue(lines[0].hasPrefix("seq 1 2026-01-01T00:00:00Z logbook init"), String(lines[0]))
        XCTAssertTrue(lines[39].hasPrefix("seq 40 "))
        XCTAssertEqual(lines.last, "replayed 40 events: identical to the recorded log")
    }

    func testALogMadeByDifferentControllerCodeReportsTheFirstDivergence() throws {
        // Record with the standard controllers plus one that annotates Deployments.
        let store = try Store.create(path: db, settings: .defaults)
        _ = try store.create(try JSONValue.parse(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"app","image":"nginx:1.24"}]}}}}"#))
        try ControllerEngine(store: store, reconcilers: StandardControllers.all() + [MarkingController()]).settle()
        let marked = try XCTUnwrap(try store.readEvents(EventFilter()).first { $0.actor == "marking-controller" })

        let result = logbook("replay", "--rerun")
        XCTAssertEqual(result.code, 1, result.out + result.err)
        XCTAssertTrue(result.out.hasPrefix("replay diverged at seq \(marked.seq): the first \(marked.seq - 1) events are identical\n"), result.out)
        XCTAssertTrue(result.out.contains("  recorded: seq \(marked.seq) 2026-01-01T00:00:00Z marking-controller update deployment/default/web"), result.out)
        XCTAssertTrue(result.out.contains("actor: marking-controller -> "), result.out)
        XCTAssertTrue(result.out.contains("metadata.annotations.example.com/marked: \"yes\" -> (absent)")
                      || result.out.contains("kind: Deployment -> "), result.out)
    }

    func testTodaysControllersDifferingFromTheRecordingAreCaught() throws {
        recordRollout()
        let arguments = try ParsedArguments(["--rerun"], flags: ReplayCommand.flags + globalFlags)
        let output = Output(passThrough: false)
        let context = CommandContext(output: output, environment: ["LOGBOOK_DB": db], standardInput: { "" }, globals: arguments)
        let code = try ReplayCommand.rerun(arguments, context, reconcilers: { StandardControllers.all() + [MarkingController()] })
        XCTAssertEqual(code, 1)
        XCTAssertTrue(output.standardOutput.contains("  now:      seq "), output.standardOutput)
        XCTAssertTrue(output.standardOutput.contains("marking-controller update deployment/default/web"), output.standardOutput)
    }

    func testVerifyChecksProjectionsAndTheHashChain() throws {
        recordRollout()
        let clean = logbook("replay", "--verify")
        XCTAssertEqual(clean.code, 0)
        XCTAssertTrue(clean.out.contains("the projections match the log"))
        XCTAssertTrue(clean.out.contains("hash chain intact: "))
        let store = try Store.open(path: db, mode: .write)
        try store.connection.execute("DROP TRIGGER events_are_append_only_update")
        try store.connection.execute("UPDATE events SET time = '2030-01-01T00:00:00Z' WHERE seq = 20")
        let tampered = logbook("replay", "--verify")
        XCTAssertEqual(tampered.code, 1)
        XCTAssertTrue(tampered.out.contains("hash chain broken at seq 20"), tampered.out)
    }

    func testReplayNeedsOneMode() {
        XCTAssertEqual(logbook("replay").code, 1)
        XCTAssertTrue(logbook("replay", "--verify", "--rerun").err.contains("exactly one of --verify or --rerun"))
    }
}
