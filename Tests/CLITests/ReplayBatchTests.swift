import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// `replay --rerun` of a long log written by a person alone: its requests are re-sent in large batches
/// under one savepoint, and a divergence or failure in the middle of a batch is still reported exactly.
final class ReplayBatchTests: CLITestCase {
    /// 1,200 pods created, then each annotated: 2,400 requests (more than one batch of 2,000) and no
    /// controller events. Returns the seq of the last event.
    func recordPeopleOnly() throws -> Int64 {
        let store = try Store.create(path: db, settings: .defaults)
        try store.write {
            for index in 0..<1200 {
                _ = try store.create(try JSONValue.parse(#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-\#(index)"},"spec":{"containers":[{"name":"app","image":"nginx"}]}}"#))
            }
            for index in 0..<1200 {
                _ = try store.patch(.pod, namespace: "default", name: "pod-\(index)",
                                    patch: ["metadata": ["annotations": ["n": .string(String(index))]]], type: .merge)
            }
        }
        return try store.lastSeq()
    }

    /// Rewrites the recorded object at `seq` (the log is append-only, so its guard is dropped first).
    func tamper(seq: Int64, _ change: (String) -> String) throws {
        let store = try Store.open(path: db, mode: .write)
        try store.connection.execute("DROP TRIGGER events_are_append_only_update")
        let text = try XCTUnwrap(store.readEvents(EventFilter(since: seq - 1, limit: 1)).first?.object)
        XCTAssertNotEqual(change(text), text)
        try store.connection.run("UPDATE events SET object = ? WHERE seq = ?", [.text(change(text)), .int(seq)])
    }

    func testALongLogOfRequestsAloneReplaysIdentically() throws {
        let last = try recordPeopleOnly()
        let into = path("rerun.db")
        let result = logbook("replay", "--rerun", "--until", String(last), "--into", into)
        XCTAssertEqual(result.code, 0, result.out + result.err)
        XCTAssertEqual(result.out, "replayed \(last) events: identical to the recorded log\n")
        XCTAssertEqual(try Store.open(path: into, mode: .read).verifyHashChain().head,
                       try Store.open(path: db, mode: .read).verifyHashChain().head)
    }

    func testADivergenceInTheMiddleOfABatchIsReportedAtItsSeqWithItsFields() throws {
        let last = try recordPeopleOnly()
        let seq = last - 300  // an annotation, in the second batch
        try tamper(seq: seq) { $0.replacingOccurrences(of: #""resourceVersion":"\#(seq)""#, with: #""resourceVersion":"99""#) }
        let result = logbook("replay", "--rerun", "--until", String(last))
        XCTAssertEqual(result.code, 1, result.out + result.err)
        XCTAssertTrue(result.out.hasPrefix("replay diverged at seq \(seq): the first \(seq - 1) events are identical\n"), result.out)
        XCTAssertTrue(result.out.contains("  recorded: seq \(seq) 2026-01-01T00:00:00Z kubernetes-admin patch pod/default/pod-899\n"), result.out)
        XCTAssertTrue(result.out.contains("  object fields (recorded -> now):\n    metadata.resourceVersion: \"99\" -> \"\(seq)\"\n"), result.out)
    }

    /// A request that fails when sent again rolls back alone: the requests before it in its batch stay in
    /// the new log, each event is printed once, and the failure is reported at its seq.
    func testARequestFailingInTheMiddleOfABatchKeepsTheRequestsBeforeIt() throws {
        let last = try recordPeopleOnly()
        let seq = last - 300
        // A pod's containers cannot be renamed: the recorded annotation now fails validation.
        try tamper(seq: seq) { $0.replacingOccurrences(of: #""name":"app""#, with: #""name":"other""#) }
        let into = path("rerun.db")
        let result = logbook("replay", "--rerun", "--until", String(last), "--into", into, "--step")
        XCTAssertEqual(result.code, 1, result.out + result.err)
        let steps = result.out.split(separator: "\n").filter { $0.hasPrefix("seq ") }
        XCTAssertEqual(steps.count, Int(seq - 1))
        XCTAssertEqual(steps.last.map(String.init), "seq \(seq - 1) 2026-01-01T00:00:00Z kubernetes-admin patch pod/default/pod-898")
        XCTAssertTrue(result.out.contains("replay diverged at seq \(seq): the first \(seq - 1) events are identical\n"), result.out)
        XCTAssertTrue(result.out.contains("  now:      nothing (the re-run produced no event here)\n"), result.out)
        XCTAssertTrue(result.out.contains("  re-sending the recorded request failed: "), result.out)
        let kept = try Store.open(path: into, mode: .read).readEvents(EventFilter())
        let recorded = try Store.open(path: db, mode: .read).readEvents(EventFilter(until: seq - 1))
        XCTAssertEqual(kept, recorded)
    }
}
