import XCTest
import SQLiteKit

/// Text arguments reach SQLite byte for byte: empty text stays text (not NULL), and non-ASCII, long and
/// embedded-NUL strings keep all their bytes.
final class SQLiteTextBindingTests: XCTestCase {
    func testTextArgumentsRoundTripExactly() throws {
        let db = TemporaryDatabase()
        let connection = try Connection(path: db.path)
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, value TEXT)")
        let texts = ["", "a", "naïve — 日本語 ✓", String(repeating: "0123456789", count: 1_000), "before\u{0}after",
                     String("prefix/suffix".split(separator: "/")[1])]
        for (id, text) in texts.enumerated() {
            try connection.run("INSERT INTO t(id, value) VALUES (?, ?)", [.int(Int64(id)), .text(text)])
        }
        for (id, text) in texts.enumerated() {
            XCTAssertEqual(try connection.scalar("SELECT typeof(value) FROM t WHERE id = ?", [.int(Int64(id))]), .text("text"))
            XCTAssertEqual(try connection.scalar("SELECT length(CAST(value AS BLOB)) FROM t WHERE id = ?", [.int(Int64(id))]),
                           .int(Int64(text.utf8.count)))
            XCTAssertEqual(try connection.scalar("SELECT value FROM t WHERE id = ?", [.int(Int64(id))]), .text(text))
        }
    }

    func testSeveralTextsInOneStatementAndAQueryReadOverManyRowsKeepTheirBytes() throws {
        let db = TemporaryDatabase()
        let connection = try Connection(path: db.path)
        try connection.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")
        // The statement's argument buffer grows between uses; earlier and later rows must not mix.
        for id in 0..<200 {
            let long = String(repeating: "x", count: id * 37)
            try connection.run("INSERT INTO t(id, a, b, c) VALUES (?, ?, ?, ?)",
                               [.int(Int64(id)), .text("a\(id)"), .text(long), .text("")])
        }
        let rows = try connection.query("SELECT id, a, length(b), c FROM t WHERE a >= ? AND c = ? ORDER BY id",
                                        [.text("a1"), .text("")])
        XCTAssertEqual(rows.count, 199)
        for row in rows {
            let id = try XCTUnwrap(row[0].int)
            XCTAssertEqual(row[1], .text("a\(id)"))
            XCTAssertEqual(row[2], .int(id * 37))
            XCTAssertEqual(row[3], .text(""))
        }
    }
}
