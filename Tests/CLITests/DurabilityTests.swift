import XCTest
import Foundation

/// Crashes and concurrent writers: acknowledged events survive SIGKILL, two writers never corrupt the log.
final class DurabilityTests: XCTestCase {
    func manifest(_ name: String) -> String {
        #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)"},"data":{"n":"\#(name)"}}"#
    }

    /// A shell loop creates objects one by one and records each success only after logbook reported it;
    /// it is killed with SIGKILL at varied points. Every acknowledged object must be in the log and the
    /// projections must still match the log.
    func testKilledWritersNeverLoseAcknowledgedEvents() throws {
        for (round, delay) in [0.15, 0.4, 0.9].enumerated() {
            let folder = TemporaryFolder()
            let db = folder.url.appendingPathComponent("crash.db").path
            let acknowledged = folder.url.appendingPathComponent("acked").path
            XCTAssertEqual(try BinaryRunner.logbook(["init", "--db", db]).code, 0)
            let script = """
                i=0
                while [ $i -lt 400 ]; do
                  printf '%s' '\(manifest("NAME"))' | sed "s/NAME/obj-$i/g" > "\(folder.path)/m.json"
                  "\(BinaryRunner.logbook)" create -f "\(folder.path)/m.json" --db "\(db)" >/dev/null && echo "obj-$i" >> "\(acknowledged)"
                  i=$((i+1))
                done
                """
            let loop = Process()
            loop.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            loop.arguments = ["bash", "-c", script]
            try loop.run()
            Thread.sleep(forTimeInterval: delay + Double(round) * 0.05)
            // Kill the whole process group: the loop and the logbook it is running right now.
            kill(-loop.processIdentifier, SIGKILL)
            loop.waitUntilExit()

            let acked = (try? String(contentsOfFile: acknowledged, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
            let names = try BinaryRunner.sqlite3(db, "SELECT name FROM events WHERE kind = 'ConfigMap' ORDER BY seq;")
            XCTAssertEqual(names.code, 0, names.stderr)
            let logged = names.stdout.split(separator: "\n").map(String.init)
            XCTAssertTrue(logged.starts(with: acked), "round \(round): acknowledged \(acked.count), logged \(logged.count)")
            XCTAssertLessThanOrEqual(logged.count, acked.count + 1, "at most the in-flight write is logged unacknowledged")
            let verify = try BinaryRunner.logbook(["verify", "--db", db])
            XCTAssertEqual(verify.code, 0, verify.stdout + verify.stderr)
            let integrity = try BinaryRunner.sqlite3(db, "PRAGMA integrity_check;")
            XCTAssertEqual(integrity.stdout, "ok\n")
        }
    }

    /// Two processes write the same database at once: both succeed, seqs stay strictly increasing and
    /// gap-free, and verify passes.
    func testTwoConcurrentWritersBothSucceed() throws {
        let folder = TemporaryFolder()
        let db = folder.url.appendingPathComponent("shared.db").path
        XCTAssertEqual(try BinaryRunner.logbook(["init", "--db", db]).code, 0)
        let a = folder.file("a.json", (0..<60).map { manifest("a-\($0)") }.joined(separator: "\n"))
        let b = folder.file("b.json", (0..<60).map { manifest("b-\($0)") }.joined(separator: "\n"))
        // Each object is its own transaction, so the two processes interleave their commits.
        let writers = try [a, b].map { file -> (Process, Pipe) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: BinaryRunner.logbook)
            process.arguments = ["create", "-f", file, "--db", db]
            let errors = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
            return (process, errors)
        }
        for (process, errors) in writers {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, message)
        }
        let interleaved = try BinaryRunner.sqlite3(db, "SELECT count(*) FROM (SELECT substr(name, 1, 1) AS w, lag(substr(name, 1, 1)) OVER (ORDER BY seq) AS p FROM events WHERE kind = 'ConfigMap') WHERE w <> p;")
        XCTAssertGreaterThanOrEqual(Int(interleaved.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 0)
        let seqs = try BinaryRunner.sqlite3(db, "SELECT count(*), min(seq), max(seq) FROM events;")
        XCTAssertEqual(seqs.stdout, "129|1|129\n")
        XCTAssertEqual(try BinaryRunner.logbook(["verify", "--db", db]).code, 0)
    }
}
