import XCTest
import Model
import SQLiteKit
@testable import Store

/// Writing behind: statements queued on a second thread land in order with every byte, reads see them,
/// a failure is never lost, and a store writing behind answers exactly as one that does not.
final class WriteBehindTests: XCTestCase {
    var databases: [TemporaryDatabase] = []

    func freshConnection() throws -> Connection {
        let db = TemporaryDatabase()
        databases.append(db)
        let connection = try Connection(path: db.path)
        try connection.configureForDurableWrites()
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b BLOB, c REAL, d TEXT)")
        return connection
    }

    func testQueuedStatementsLandInOrderWithTheirValuesAndReadsSeeThem() throws {
        let connection = try freshConnection()
        connection.startWritingBehind()
        let texts = ["", "naïve — 日本語 ✓", String(repeating: "0123456789", count: 500), "before\u{0}after"]
        try connection.writeTransaction {
            for id in 0..<2_000 {
                try connection.run("INSERT INTO t(id, a, b, c, d) VALUES (?, ?, ?, ?, ?)",
                                   [.int(Int64(id)), .text(texts[id % texts.count]), .blob([UInt8(id % 256), 0, 7]),
                                    .double(Double(id) / 4), id % 3 == 0 ? .null : .text("d\(id)")])
                if id % 500 == 499 {
                    // A read in the middle waits for what was queued before it.
                    XCTAssertEqual(try connection.scalar("SELECT count(*) FROM t"), .int(Int64(id + 1)))
                }
            }
            try connection.run("UPDATE t SET a = 'changed' WHERE id = ?", [.int(7)])
        }
        try connection.stopWritingBehind()
        XCTAssertFalse(connection.isWritingBehind)
        for id in [0, 1, 2, 3, 7, 1_999] {
            let row = try XCTUnwrap(try connection.query("SELECT a, b, c, d, typeof(a) FROM t WHERE id = ?", [.int(Int64(id))]).first)
            XCTAssertEqual(row[0], .text(id == 7 ? "changed" : texts[id % texts.count]))
            XCTAssertEqual(row[1], .blob([UInt8(id % 256), 0, 7]))
            XCTAssertEqual(row[2], .double(Double(id) / 4))
            XCTAssertEqual(row[3], id % 3 == 0 ? .null : .text("d\(id)"))
            XCTAssertEqual(row[4], .text("text"))
        }
    }

    func testAFailedStatementIsReportedByEveryLaterCallAndItsTransactionRolledBack() throws {
        let connection = try freshConnection()
        try connection.run("INSERT INTO t(id, a) VALUES (1, 'kept')")
        connection.startWritingBehind()
        XCTAssertThrowsError(try connection.writeTransaction {
            XCTAssertTrue(try connection.inTransaction)
            try connection.run("INSERT INTO t(id, a) VALUES (2, 'lost')")
            // The failure shows only once the queue has run it...
            try connection.run("INSERT INTO t(id, a) VALUES (1, 'duplicate')")
            XCTAssertThrowsError(try connection.scalar("SELECT count(*) FROM t")) { error in
                XCTAssertEqual((error as? SQLiteError)?.code, 1555, "\(error)")  // SQLITE_CONSTRAINT_PRIMARYKEY
            }
            // ...and it stays: nothing queued later runs as if it had not happened.
            try? connection.run("INSERT INTO t(id, a) VALUES (3, 'after')")
            try connection.waitForWrites()
        })
        XCTAssertFalse(try connection.inTransaction)
        XCTAssertThrowsError(try connection.waitForWrites())
        XCTAssertThrowsError(try connection.stopWritingBehind())
        XCTAssertEqual(try connection.query("SELECT id, a FROM t").map { $0[1] }, [.text("kept")])
        XCTAssertFalse(try connection.inTransaction)
    }

    func testAStoreWritingBehindAnswersLikeOneThatDoesNot() throws {
        let plainDB = TemporaryDatabase(), behindDB = TemporaryDatabase()
        databases += [plainDB, behindDB]
        let plain = try Store.open(path: plainDB.path, mode: .write)
        let behind = try Store.open(path: behindDB.path, mode: .write)
        behind.keepsWrittenObjects = true
        func configMap(_ name: String, _ value: String) -> JSONValue {
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)], "data": ["v": .string(value)]]
        }
        func requests(_ store: Store) throws {
            try store.write {
                for i in 0..<300 { _ = try store.create(configMap("cm-\(i)", "one")) }
                for i in stride(from: 0, to: 300, by: 3) {
                    var object = try store.get(.configMap, namespace: "default", name: "cm-\(i)")
                    object["data"] = ["v": "two"]
                    _ = try store.update(object)
                }
                for i in stride(from: 1, to: 300, by: 5) {
                    try store.delete(.configMap, namespace: "default", name: "cm-\(i)", options: DeleteOptions())
                }
                // A request that fails changes nothing, and lookups by name know it.
                try store.connection.execute("SAVEPOINT attempt")
                _ = try store.create(configMap("undone", "x"))
                try store.delete(.configMap, namespace: "default", name: "cm-2", options: DeleteOptions())
                try store.connection.execute("ROLLBACK TO attempt")
                try store.connection.execute("RELEASE attempt")
                XCTAssertFalse(try store.exists(.configMap, namespace: "default", name: "undone"))
                XCTAssertEqual(try store.fetch(.configMap, namespace: "default", name: "cm-2")?["data"], ["v": "one"])
                XCTAssertThrowsError(try store.create(configMap("cm-0", "again"))) { error in
                    XCTAssertEqual((error as? APIError)?.reason, .alreadyExists)
                }
                XCTAssertNil(try store.fetch(.configMap, namespace: "default", name: "cm-1"))
                XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "cm-3")["data"], ["v": "two"])
            }
        }
        try requests(plain)
        try behind.writingBehind { try requests(behind) }
        XCTAssertEqual(try behind.readEvents(EventFilter()), try plain.readEvents(EventFilter()))
        XCTAssertEqual(try behind.list(.configMap), try plain.list(.configMap))
        XCTAssertTrue(try behind.verifyHashChain().isIntact)
        XCTAssertEqual(try behind.verifyHashChain().head, try plain.verifyHashChain().head)
        XCTAssertTrue(try behind.verify().isClean)
    }
}
