import XCTest
import Model
import SQLiteKit
import Determinism
@testable import Store

/// Many changes in one transaction: seqs, times and the hash chain stay right after rollbacks, and a
/// namespace removed mid-transaction is noticed.
final class WriteTransactionTests: XCTestCase {
    var databases: [TemporaryDatabase] = []
    func freshStore() throws -> Store {
        let db = TemporaryDatabase()
        databases.append(db)
        return try Store.open(path: db.path, mode: .write)
    }

    func configMap(_ name: String, namespace: String = "default") -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": .string(namespace)]]
    }

    func testARollbackToASavepointLeavesNoGapAndAnIntactChain() throws {
        let store = try freshStore()
        try store.write {
            _ = try store.create(configMap("a"))
            try store.connection.execute("SAVEPOINT attempt")
            _ = try store.create(configMap("b"))
            _ = try store.create(configMap("c"))
            try store.connection.execute("ROLLBACK TO attempt")
            try store.connection.execute("RELEASE attempt")
            _ = try store.create(configMap("d"))
        }
        let events = try store.readEvents(EventFilter())
        XCTAssertEqual(events.map(\.seq), Array(1...Int64(events.count)))
        XCTAssertEqual(events.suffix(2).map(\.name), ["a", "d"])
        XCTAssertNil(try store.fetch(.configMap, namespace: "default", name: "b"))
        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "d").resourceVersion, String(events.count))
        XCTAssertTrue(try store.verifyHashChain().isIntact)
    }

    func testALongRunIsCheckpointedIntoTheDatabaseFileByASecondThread() throws {
        let store = try freshStore()
        let sizeBefore = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        try store.checkpointingInBackground {
            XCTAssertEqual(try store.connection.scalar("PRAGMA wal_autocheckpoint")?.int, 0)
            for batch in 0..<100 {
                try store.write { for i in 0..<20 { _ = try store.create(configMap("c-\(batch)-\(i)")) } }
            }
        }
        XCTAssertEqual(try store.connection.scalar("PRAGMA wal_autocheckpoint")?.int, 1000, "SQLite's own checkpoints are back")
        let sizeAfter = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int)
        XCTAssertGreaterThan(sizeAfter, sizeBefore, "committed pages reached the database file, not only the WAL")
        let reader = try Connection(path: store.path, mode: .readOnly)
        XCTAssertEqual(try reader.scalar("SELECT count(*) FROM objects WHERE kind = 'ConfigMap'")?.int, 2000)
        XCTAssertTrue(try store.verifyHashChain().isIntact)
    }

    func testAFailedTransactionLeavesTheNextOneOnTheStoredLog() throws {
        let store = try freshStore()
        XCTAssertThrowsError(try store.write {
            _ = try store.create(configMap("a"))
            _ = try store.create(configMap("a"))  // AlreadyExists: everything rolls back
        })
        try store.write { _ = try store.create(configMap("b")) }
        let events = try store.readEvents(EventFilter())
        XCTAssertEqual(events.map(\.seq), Array(1...Int64(events.count)))
        XCTAssertEqual(events.last?.name, "b")
        XCTAssertTrue(try store.verifyHashChain().isIntact)
    }

    /// Two writers on one file: each chains onto what the other appended, including an event at a seq it
    /// had itself hashed in a transaction that rolled back.
    func testTwoWritersTakingTurnsKeepOneIntactChain() throws {
        let first = try freshStore()
        let second = try Store.open(path: first.path, mode: .write)
        XCTAssertThrowsError(try first.write {
            _ = try first.create(configMap("x"))
            throw StoreError("changed my mind")  // rolled back: its seq is free again
        })
        try second.write { _ = try second.create(configMap("y")) }  // takes that seq
        try first.write { _ = try first.create(configMap("z")) }
        try second.write { _ = try second.create(configMap("w")) }
        XCTAssertEqual(try first.readEvents(EventFilter()).suffix(3).map(\.name), ["y", "z", "w"])
        XCTAssertTrue(try first.verifyHashChain().isIntact)
    }

    func testANamespaceDeletedInTheSameTransactionIsGone() throws {
        let store = try freshStore()
        XCTAssertThrowsError(try store.write {
            _ = try store.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
            _ = try store.create(configMap("a", namespace: "team"), namespace: "team")
            try store.delete(.namespace, namespace: "", name: "team")
            _ = try store.create(configMap("b", namespace: "team"), namespace: "team")
        }) { error in
            XCTAssertEqual((error as? APIError)?.reason, .notFound)
        }
    }

    func testANamespaceRolledBackToASavepointIsGone() throws {
        let store = try freshStore()
        try store.write {
            try store.connection.execute("SAVEPOINT attempt")
            _ = try store.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
            _ = try store.create(configMap("a", namespace: "team"), namespace: "team")
            try store.connection.execute("ROLLBACK TO attempt")
            try store.connection.execute("RELEASE attempt")
            XCTAssertThrowsError(try store.create(configMap("b", namespace: "team"), namespace: "team")) { error in
                XCTAssertEqual((error as? APIError)?.reason, .notFound)
            }
        }
    }
}
