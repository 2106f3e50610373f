import XCTest
import Model
import SQLiteKit
import Determinism
@testable import Store

/// `--at`: a store pinned at a seq answers as the live store did right after that event.
final class TimeTravelTests: XCTestCase {
    let database = TemporaryDatabase()

    func pod(_ name: String) -> JSONValue {
        ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
         "spec": ["containers": [["name": "app", "image": "nginx:1.25"]]]]
    }

    /// A log of creates, patches and deletes of pods and ConfigMaps, with clock advances; returns, for every
    /// seq, the live pod names and ConfigMap data right after it.
    func buildLog(rounds: Int) throws -> [Int64: [String]] {
        let store = try Store.open(path: database.path, mode: .write)
        var seen: [Int64: [String]] = [:]
        func record() throws {
            seen[try store.lastSeq()] = try store.list(.pod).map(\.name) + store.list(.configMap).map { "\($0.name)=\($0["data"]?["n"]?.stringValue ?? "")" }
        }
        try record()
        for round in 0..<rounds {
            let name = "p\(round % 7)-\(round / 7 % 3)"
            if try store.fetch(.pod, namespace: "default", name: name) == nil {
                _ = try store.create(pod(name))
            } else {
                _ = try store.patch(.pod, namespace: "default", name: name,
                                    patch: ["metadata": ["labels": ["round": .string(String(round))]]], type: .merge)
            }
            try record()
            if round % 3 == 0 {
                _ = try store.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("c\(round)")],
                                      "data": ["n": .string(String(round))]])
                try record()
            } else if let existing = try store.list(.configMap).first(where: { $0.name.hasPrefix("c") }) {
                _ = try store.patch(.configMap, namespace: "default", name: existing.name,
                                    patch: ["data": ["n": .string(String(round))]], type: .merge)
                try record()
            }
            if round % 4 == 1, let victim = try store.list(.pod).first {
                try store.delete(.pod, namespace: "default", name: victim.name)
                try record()
            }
            if round % 10 == 9 { try store.advance(seconds: 5); try record() }
        }
        return seen
    }

    func state(_ store: Store) throws -> [String] {
        try store.list(.pod).map(\.name) + store.list(.configMap).map { "\($0.name)=\($0["data"]?["n"]?.stringValue ?? "")" }
    }

    func testEveryPointAnswersAsTheLiveStoreDidThenAndMatchesARebuild() throws {
        let seen = try buildLog(rounds: 60)
        for seq in seen.keys.sorted() where seq % 3 == 0 || seq == seen.keys.max() {
            let store = try Store.open(path: database.path, mode: .read)
            try store.pin(at: seq, snapshotInterval: 40)
            XCTAssertEqual(try state(store), seen[seq], "at seq \(seq)")
            XCTAssertEqual(try store.lastSeq(), seq)
            XCTAssertEqual(try store.readEvents(EventFilter()).last?.seq, seq)
            let report = try store.verify()
            XCTAssertTrue(report.isClean, "at seq \(seq): \(report.differences)")
        }
    }

    func testSnapshotsAreBuiltOnceAndReused() throws {
        let seen = try buildLog(rounds: 80)
        let head = seen.keys.max()!
        let target = head / 2 + 3
        let first = try Store.open(path: database.path, mode: .read)
        XCTAssertEqual(try first.snapshotSeqs(), [])
        try first.pin(at: target, snapshotInterval: 20)
        let checkpoint = target - target % 20
        XCTAssertEqual(try first.snapshotSeqs(), [checkpoint], "a far --at stores the checkpoint below it")
        XCTAssertEqual(try state(first), seen[target])

        // Another read near the checkpoint reuses it rather than building one more.
        let second = try Store.open(path: database.path, mode: .read)
        try second.pin(at: checkpoint + 7, snapshotInterval: 20)
        XCTAssertEqual(try second.snapshotSeqs(), [checkpoint])
        XCTAssertEqual(try state(second), seen[checkpoint + 7])
        let rows = try second.connection.scalar("SELECT objects FROM main.snapshots WHERE at_seq = ?", [.int(checkpoint)])?.int
        XCTAssertEqual(rows, try second.connection.scalar("SELECT count(*) FROM main.snapshot_objects WHERE at_seq = ?", [.int(checkpoint)])?.int)

        // The live store is untouched by reading the past.
        let live = try Store.open(path: database.path, mode: .read)
        XCTAssertEqual(try state(live), seen[head])
        XCTAssertTrue(try live.verify().isClean)
    }

    func testPointsBeyondTheLogAndTimes() throws {
        let seen = try buildLog(rounds: 20)
        let head = seen.keys.max()!
        let store = try Store.open(path: database.path, mode: .read)
        XCTAssertThrowsError(try store.resolve(.seq(head + 1))) { error in
            XCTAssertEqual("\(error)", "--at \(head + 1) is beyond the end of the log (last seq \(head))")
        }
        XCTAssertThrowsError(try store.resolve(.seq(0)))
        let start = Store.Settings.defaults.start
        XCTAssertThrowsError(try store.resolve(.time(start + -1))) { error in
            XCTAssertEqual("\(error)", "--at 2025-12-31T23:59:59Z is before the first event (seq 1 at 2026-01-01T00:00:00Z)")
        }
        // The clock advanced 5s after round 9: a time inside that gap is the advance's predecessor.
        let firstAdvance = try XCTUnwrap(store.readEvents(EventFilter()).first { $0.verb == .advance })
        XCTAssertEqual(try store.resolve(.time(start + 4)), firstAdvance.seq - 1)
        XCTAssertEqual(try store.resolve(.time(start + 5)), try store.resolve(.time(start + 9)))
        XCTAssertEqual(try store.resolve(.time(start + 1_000_000)), head)
        XCTAssertEqual(LogPoint("120"), .seq(120))
        XCTAssertEqual(LogPoint("2026-01-01T00:00:05Z"), .time(start + 5))
        XCTAssertNil(LogPoint("yesterday"))
    }

    func testAWritableStoreCannotBePinned() throws {
        _ = try buildLog(rounds: 2)
        let store = try Store.open(path: database.path, mode: .write)
        XCTAssertThrowsError(try store.pin(at: 3))
    }
}
