import XCTest
import Model
import SQLiteKit
import Determinism
@testable import Store

/// The tamper-evident hash chain stored with the event log.
final class HashChainTests: XCTestCase {
    var databases: [TemporaryDatabase] = []
    func freshPath() -> String {
        let db = TemporaryDatabase()
        databases.append(db)
        return db.path
    }

    func storeWithSomeHistory() throws -> Store {
        let store = try Store.open(path: freshPath(), mode: .write)
        _ = try store.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "a"], "data": ["k": "1"]])
        try store.advance(seconds: 5)
        _ = try store.patch(.configMap, namespace: "default", name: "a", patch: ["data": ["k": "2"]], type: .merge)
        try store.delete(.configMap, namespace: "default", name: "a")
        return store
    }

    func testEveryEventIsChainedToThePreviousOne() throws {
        let store = try storeWithSomeHistory()
        let events = try store.readEvents(EventFilter())
        var previous = EventHash.genesis
        for event in events {
            let expected = EventHash.hex(of: event, previous: previous)
            XCTAssertEqual(try store.eventHash(at: event.seq), expected, "seq \(event.seq)")
            previous = SHA256.bytes(hex: expected)!
        }
        let report = try store.verifyHashChain()
        XCTAssertTrue(report.isIntact)
        XCTAssertEqual(report.eventsChecked, Int64(events.count))
        XCTAssertEqual(report.head, try store.eventHash(at: try store.lastSeq()))
    }

    /// An import accepts a recorded hash only when it is exactly the computed one, as lowercase hex.
    func testARecordedHashMatchesOnlyItsExactLowercaseHex() {
        let digest = SHA256.hash("event")
        let hex = SHA256.hex(digest)
        XCTAssertTrue(EventHash.digest(digest, isHex: hex))
        XCTAssertFalse(EventHash.digest(digest, isHex: hex.uppercased()))
        XCTAssertFalse(EventHash.digest(digest, isHex: String(hex.dropLast())))
        XCTAssertFalse(EventHash.digest(digest, isHex: hex + "0"))
        XCTAssertFalse(EventHash.digest(digest, isHex: ""))
        XCTAssertFalse(EventHash.digest(digest, isHex: String(hex.dropLast()) + (hex.last == "0" ? "1" : "0")))
        XCTAssertFalse(EventHash.digest(SHA256.hash("other"), isHex: hex))
    }

    func testTheSameRequestsGiveTheSameChain() throws {
        let a = try storeWithSomeHistory(), b = try storeWithSomeHistory()
        XCTAssertEqual(try a.verifyHashChain().head, try b.verifyHashChain().head)
    }

    func testAnEditedEventBreaksTheChainFromThatEvent() throws {
        let store = try storeWithSomeHistory()
        // Someone with the file removes the guard and edits history.
        try store.connection.execute("DROP TRIGGER events_are_append_only_update")
        try store.connection.execute("UPDATE events SET actor = 'mallory' WHERE seq = 9")
        XCTAssertEqual(try store.verifyHashChain().brokenAt, 9)
    }

    func testHashesCanBeFilledOnceButNeverRewritten() throws {
        let store = try storeWithSomeHistory()
        XCTAssertThrowsError(try store.connection.execute("UPDATE events SET hash = 'beef' WHERE seq = 2")) { error in
            XCTAssertTrue("\(error)".contains("append-only"))
        }
        XCTAssertThrowsError(try store.connection.execute("UPDATE events SET hash = NULL WHERE seq = 2"))
    }

    func testAnOlderDatabaseGetsItsChainOnTheFirstWriteOpen() throws {
        let path = freshPath()
        var expected: [String?] = []
        do {
            let store = try storeWithSomeHistory()
            expected = try store.readEvents(EventFilter()).map { try store.eventHash(at: $0.seq) }
            // Copy its log into a database as version 4 left it: the same events without hashes.
            let old = try Connection(path: path)
            try Migrator(steps: Store.migrator.steps.filter { $0.version <= 4 }).migrate(old)
            try old.execute("ATTACH DATABASE '\(store.path)' AS source")
            try old.execute("""
                INSERT INTO events(seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause)
                SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause FROM source.events
                """)
            try old.execute("INSERT INTO objects SELECT * FROM source.objects")
        }
        let upgraded = try Store.open(path: path, mode: .write)
        XCTAssertEqual(try upgraded.readEvents(EventFilter()).map { try upgraded.eventHash(at: $0.seq) }, expected)
        XCTAssertTrue(try upgraded.verifyHashChain().isIntact)
        _ = try upgraded.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "after"]])
        XCTAssertTrue(try upgraded.verifyHashChain().isIntact)
    }
}
