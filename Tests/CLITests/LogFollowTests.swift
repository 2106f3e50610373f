import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// `logbook log -f`: the log followed as other processes write it.
final class LogFollowTests: CLITestCase {
    /// Creates ConfigMaps `names` from another thread with its own connection, a little apart, as another
    /// `logbook` process would.
    func writeLater(_ names: [String], path: String) -> XCTestExpectation {
        let done = expectation(description: "writer finished")
        Thread.detachNewThread {
            defer { done.fulfill() }
            guard let store = try? Store.open(path: path, mode: .write) else { return }
            for name in names {
                Thread.sleep(forTimeInterval: 0.3)
                _ = try? store.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name)]])
            }
        }
        return done
    }

    func testFollowPrintsTheBacklogThenEventsWrittenMeanwhileWithTheSameFilters() throws {
        _ = try Store.open(path: db, mode: .write) // the bootstrap: namespaces, nodes (seq 1-9)
        let writer = writeLater(["one", "two", "three"], path: db)
        let output = Output(passThrough: false)
        let started = Date()
        let code = Logbook.run(["log", "-f", "--kind", "cm", "--count", "3", "--for", "30", "--db", db], output: output)
        wait(for: [writer], timeout: 10)
        XCTAssertEqual(code, 0, output.standardError)
        XCTAssertLessThan(Date().timeIntervalSince(started), 20, "--count ended it, not --for")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, output.standardOutput)
        XCTAssertEqual(lines[0], "SEQ       TIME                   ACTOR                      VERB        OBJECT                                                     CAUSE")
        XCTAssertEqual(lines[1], "10        2026-01-01T00:00:00Z   kubernetes-admin           create      ConfigMap default/one                                      -")
        XCTAssertTrue(lines[2].hasPrefix("11        ") && lines[2].contains("ConfigMap default/two"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("12        ") && lines[3].contains("ConfigMap default/three"), lines[3])
    }

    func testFollowAsJSONSkipsEventsOutsideTheFilterAndStopsAfterForSeconds() throws {
        _ = try Store.open(path: db, mode: .write)
        let writer = writeLater(["skip", "keep"], path: db)
        let output = Output(passThrough: false)
        let code = Logbook.run(["log", "-f", "--name", "keep", "-o", "json", "--for", "1.5", "--since", "9", "--db", db],
                               output: output)
        wait(for: [writer], timeout: 10)
        XCTAssertEqual(code, 0)
        let lines = output.standardOutput.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, output.standardOutput)
        let event = try JSONValue.parse(String(lines[0]))
        XCTAssertEqual(event["name"], "keep")
        XCTAssertEqual(event["seq"], 11)
    }

    func testTheBinaryFollowsAnotherProcessesWritesAndStopsWhenTheDatabaseIsRemoved() throws {
        guard FileManager.default.isExecutableFile(atPath: BinaryRunner.logbook) else {
            throw XCTSkip("no built logbook binary at \(BinaryRunner.logbook)")
        }
        XCTAssertEqual(try BinaryRunner.logbook(["init", "--db", db]).code, 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BinaryRunner.logbook)
        process.arguments = ["log", "-f", "--since", "9", "--for", "30", "--db", db]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        let file = folder.file("cm.json", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"late"}}"#)
        XCTAssertEqual(try BinaryRunner.logbook(["create", "-f", file, "--db", db]).code, 0)
        Thread.sleep(forTimeInterval: 0.8)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        XCTAssertTrue(stdout.hasPrefix("SEQ "), stdout)
        XCTAssertTrue(stdout.contains("ConfigMap default/late"), stdout)
        XCTAssertEqual(stderr, "the database \(db) was removed; stopped following\n")
    }

    func testWithoutFollowTheTableIsUnchanged() throws {
        _ = try Store.open(path: db, mode: .write)
        let output = Output(passThrough: false)
        XCTAssertEqual(Logbook.run(["log", "--since", "8", "--db", db], output: output), 0)
        XCTAssertEqual(output.standardOutput, """
            SEQ   TIME                   ACTOR                VERB     OBJECT        CAUSE
            9     2026-01-01T00:00:00Z   system:node:node-3   create   Node node-3   -

            """)
    }
}
