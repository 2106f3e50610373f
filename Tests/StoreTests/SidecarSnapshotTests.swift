import XCTest
import Model
import SQLiteKit
@testable import Store

/// Time-travel snapshots written beside the database as the log grows: near every point, never changing
/// an answer, and never used for a log they were not taken from.
final class SidecarSnapshotTests: XCTestCase {
    var databases: [TemporaryDatabase] = []

    func configMap(_ name: String, _ value: String = "1") -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["v": .string(value)]]
    }

    /// A log of `rounds` commits (creates, changes and deletes of ConfigMaps), written with sidecar
    /// snapshots at least `interval` events apart; the writer is finished before this returns.
    func writeLog(rounds: Int, interval: Int64, prefix: String = "c") throws -> String {
        let db = TemporaryDatabase()
        databases.append(db)
        let store = try Store.open(path: db.path, mode: .write)
        store.sidecarMinimumInterval = interval
        for i in 0..<rounds {
            try store.create(configMap("\(prefix)\(i)"))
            if i % 3 == 2 {
                var changed = try store.get(.configMap, namespace: "default", name: "\(prefix)\(i - 1)")
                changed["data"] = ["v": "2"]
                _ = try store.update(changed, namespace: "default")
            }
            if i % 5 == 4 { try store.delete(.configMap, namespace: "default", name: "\(prefix)\(i - 4)") }
        }
        store.finishSidecarSnapshots()
        return db.path
    }

    /// What a pinned read store lists at each of `points`.
    func answers(_ path: String, at points: [Int64]) throws -> [String] {
        try points.map { seq in
            let reader = try Store.open(path: path, mode: .read)
            try reader.pin(at: seq)
            return "\(seq): " + (try reader.list(.configMap)).map { "\($0.name)=\($0.resourceVersion)" }.joined(separator: ",")
        }
    }

    func testSnapshotsAreWrittenBesideTheLogAndReadsNearThemAnswerAsWithout() throws {
        let path = try writeLog(rounds: 150, interval: 25)
        let sidecar = try Connection(path: path + "-snapshots", mode: .readOnly)
        let snapshots = try sidecar.query("SELECT at_seq, hash, objects FROM snapshots ORDER BY at_seq")
        XCTAssertGreaterThanOrEqual(snapshots.count, 5, "one every 25 events or more")
        let log = try Store.open(path: path, mode: .read)
        XCTAssertNotNil(try log.connection.scalar("SELECT 1 FROM main.sqlite_schema WHERE name = 'snapshot_objects'"),
                        "making the sidecar's tables leaves the database's own alone")
        for (earlier, later) in zip(snapshots, snapshots.dropFirst()) {
            XCTAssertGreaterThanOrEqual(try XCTUnwrap(later[0].int) - XCTUnwrap(earlier[0].int), 25)
        }
        for snapshot in snapshots {
            XCTAssertEqual(try log.eventHash(at: try XCTUnwrap(snapshot[0].int)), snapshot[1].text, "taken from this log")
        }
        // A read near a snapshot starts from it.
        let near = try XCTUnwrap(snapshots[2][0].int) + 3
        try log.attachSidecar()
        XCTAssertEqual(try log.nearestBase(to: near, head: try log.lastSeq(), on: log.connection), .sidecar(near - 3))

        let points = Array(stride(from: Int64(12), through: try log.lastSeq(), by: 11))
        let withSidecar = try answers(path, at: points)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + "-snapshots" + suffix) }
        XCTAssertEqual(try answers(path, at: points), withSidecar, "the same answers without the snapshots")
    }

    func testASidecarLeftBesideAnotherLogIsNeverUsed() throws {
        let original = try writeLog(rounds: 150, interval: 25)
        let other = try writeLog(rounds: 150, interval: 1_000_000, prefix: "other-")
        XCTAssertFalse(FileManager.default.fileExists(atPath: other + "-snapshots"))
        let points = Array(stride(from: Int64(12), through: 200, by: 17))
        let expected = try answers(other, at: points)
        try FileManager.default.copyItem(atPath: original + "-snapshots", toPath: other + "-snapshots")
        let copied = try Connection(path: other + "-snapshots", mode: .readOnly)
        XCTAssertGreaterThanOrEqual(try copied.scalar("SELECT count(*) FROM snapshots")?.int ?? 0, 5, "a usable sidecar, of the other log")
        let reader = try Store.open(path: other, mode: .read)
        try reader.attachSidecar()
        for point in points {
            if case .sidecar = try reader.nearestBase(to: point, head: try reader.lastSeq(), on: reader.connection) {
                XCTFail("a snapshot of another log was used at \(point)")
            }
        }
        XCTAssertEqual(try answers(other, at: points), expected)
    }

    func testASidecarOfAnotherSchemaVersionIsIgnoredThenWrittenAfresh() throws {
        let path = try writeLog(rounds: 60, interval: 25)
        try Connection(path: path + "-snapshots").execute("PRAGMA user_version = \(Store.schemaVersion - 1)")
        let reader = try Store.open(path: path, mode: .read)
        try reader.attachSidecar()
        XCTAssertFalse(try reader.hasSidecar(on: reader.connection), "its rows may not fit this version's columns")

        let writer = try Store.open(path: path, mode: .write)
        writer.sidecarMinimumInterval = 25
        let headBefore = try writer.lastSeq()
        for i in 0..<30 { try writer.create(configMap("later-\(i)")) }
        writer.finishSidecarSnapshots()
        let sidecar = try Connection(path: path + "-snapshots", mode: .readOnly)
        XCTAssertEqual(try sidecar.userVersion, Store.schemaVersion)
        XCTAssertGreaterThan(try sidecar.scalar("SELECT min(at_seq) FROM snapshots")?.int ?? 0, headBefore,
                             "the old snapshots were dropped")
        let fresh = try Store.open(path: path, mode: .read)
        try fresh.attachSidecar()
        XCTAssertTrue(try fresh.hasSidecar(on: fresh.connection))
        XCTAssertNotNil(try fresh.connection.scalar("SELECT 1 FROM main.sqlite_schema WHERE name = 'snapshot_objects'"),
                        "the database's own snapshot table is untouched")
    }
}
