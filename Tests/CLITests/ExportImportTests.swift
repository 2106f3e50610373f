import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// `logbook export` and `logbook import`: a log as one tamper-evident file, and back.
final class ExportImportTests: ReplayFixture {
    func exportLines(_ extra: String...) -> [String] {
        let result = Logbook.run(["export", "--db", db] + extra, output: { let o = Output(passThrough: false); outputs.append(o); return o }())
        XCTAssertEqual(result, 0)
        return outputs.last!.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
    }
    var outputs: [Output] = []

    func importFile(_ lines: [String], into target: String) -> (code: Int32, out: String, err: String) {
        let file = folder.file("export-\(UUID().uuidString).jsonl", lines.joined(separator: "\n") + "\n")
        let output = Output(passThrough: false)
        let code = Logbook.run(["import", file, "--into", target], output: output)
        return (code, output.standardOutput, output.standardError)
    }

    func testRoundTripGivesTheSameLogAndACleanVerify() throws {
        recordRollout()
        let lines = exportLines()
        let header = try JSONValue.parse(lines[0])
        XCTAssertEqual(header["format"], "logbook-export")
        XCTAssertEqual(header["version"], 1)
        XCTAssertEqual(header["seed"], 1)
        XCTAssertEqual(header["last_seq"]?.intValue, lines.count - 1)
        let target = path("imported.db")
        let result = importFile(lines, into: target)
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertTrue(result.out.contains("imported \(lines.count - 1) events"))
        XCTAssertEqual(try events(target), try events(db))
        let imported = try Store.open(path: target, mode: .read)
        XCTAssertTrue(try imported.verify().isClean)
        XCTAssertTrue(try imported.verifyHashChain().isIntact)
        XCTAssertEqual(try imported.verifyHashChain().head, try Store.open(path: db, mode: .read).verifyHashChain().head)
        XCTAssertEqual(try imported.connection.scalar("SELECT seq FROM controller_cursor")?.int, try imported.lastSeq())
        XCTAssertEqual(try imported.get(.deployment, namespace: "default", name: "web")[path: ["spec", "template", "spec", "containers"]]?
            .arrayValue?.first?["image"], "nginx:1.25")
        XCTAssertEqual(logbook("get", "pods", db: target).out.split(separator: "\n").count, 4)
        XCTAssertEqual(logbook("replay", "--verify", db: target).code, 0)
    }

    func assertRefused(_ lines: [String], line: Int, _ message: String, file: StaticString = #filePath, at: UInt = #line) {
        let target = path("refused.db")
        let result = importFile(lines, into: target)
        XCTAssertEqual(result.code, 1, file: file, line: at)
        XCTAssertTrue(result.err.contains("line \(line): \(message)"), "got: \(result.err)", file: file, line: at)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target), "nothing is written", file: file, line: at)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.contains("importing") } ?? []
        XCTAssertEqual(leftovers, [], file: file, line: at)
    }

    func testATruncatedFileIsRefused() {
        recordRollout()
        let lines = exportLines()
        assertRefused(Array(lines.prefix(40)), line: 41, "truncated: the header promises events up to seq \(lines.count - 1), but the file ends after seq 39")
        var cut = Array(lines.prefix(40))
        cut[39] = String(cut[39].prefix(cut[39].count / 2))
        assertRefused(cut, line: 40, "not valid JSON")
    }

    func testOneEditedEventBreaksTheChainAtItsLine() {
        recordRollout()
        var lines = exportLines()
        let index = lines.firstIndex { $0.contains("\"verb\":\"create\"") && $0.contains("\"kind\":\"Deployment\"") }!
        lines[index] = lines[index].replacingOccurrences(of: "nginx:1.24", with: "nginx:evil")
        assertRefused(lines, line: index + 1, "hash chain broken at seq \(index)")
    }

    func testEventsOutOfOrderAreRefused() {
        recordRollout()
        var lines = exportLines()
        lines.swapAt(20, 21)
        assertRefused(lines, line: 21, "events missing or out of order: seq 21 follows seq 19")
        lines = exportLines()
        lines.insert(lines[10], at: 12)
        assertRefused(lines, line: 13, "events out of order: seq 10 comes after seq 11")
    }

    func testAMissingHeaderIsRefused() {
        recordRollout()
        assertRefused(Array(exportLines().dropFirst()), line: 1, "missing header")
    }

    func testAnInvalidObjectWithAConsistentChainIsRefused() throws {
        recordRollout()
        var lines = exportLines()
        let index = lines.firstIndex { $0.contains("\"verb\":\"create\"") && $0.contains("\"kind\":\"Deployment\"") }!
        lines[index] = lines[index].replacingOccurrences(of: "\"replicas\":3", with: "\"replicas\":-3")
        lines = try rechained(lines)
        assertRefused(lines, line: index + 1, "Deployment \"web\" is invalid: spec.replicas")
    }

    /// What a forger would do: recompute every hash after editing.
    func rechained(_ lines: [String]) throws -> [String] {
        var previous = EventHash.genesis
        return try [lines[0]] + lines.dropFirst().map { line in
            var value = try JSONValue.parse(line)
            let event = LogEvent(seq: Int64(value["seq"]!.intValue!), time: value["time"]!.stringValue!, actor: value["actor"]!.stringValue!,
                                 verb: Verb(rawValue: value["verb"]!.stringValue!)!, apiVersion: value["apiVersion"]!.stringValue!,
                                 kind: value["kind"]!.stringValue!, namespace: value["namespace"]!.stringValue!,
                                 name: value["name"]!.stringValue!, uid: value["uid"]!.stringValue!,
                                 object: value["object"] == .null ? nil : value["object"]!.canonicalString(),
                                 cause: value["cause"]?.intValue.map(Int64.init))
            let hash = EventHash.hex(of: event, previous: previous)
            previous = SHA256Bytes.of(hash)
            value["hash"] = .string(hash)
            return value.canonicalString()
        }
    }

    /// Recomputes the chain like `rechained`, but keeps each line's own layout (only its hash changes).
    func rechainedInPlace(_ lines: [String]) throws -> [String] {
        let hashes = try rechained(lines).dropFirst().map { try JSONValue.parse($0)["hash"]!.stringValue! }
        return [lines[0]] + zip(lines.dropFirst(), hashes).map { line, hash in
            line.replacingOccurrences(of: #""hash":"[0-9a-f]{64}""#, with: "\"hash\":\"\(hash)\"", options: .regularExpression)
        }
    }

    func testTimesMustBeCanonicalAndNeverGoBackwards() throws {
        recordRollout()
        let lines = exportLines()
        let last = lines.count - 1
        let time = try XCTUnwrap(JSONValue.parse(lines[last])["time"]?.stringValue)
        func withTime(_ replacement: String) throws -> [String] {
            var edited = lines
            edited[last] = lines[last].replacingOccurrences(of: "\"time\":\"\(time)\"", with: "\"time\":\"\(replacement)\"")
            return try rechainedInPlace(edited)
        }
        assertRefused(try withTime("2000-01-01T00:00:00Z"), line: last + 1, "time goes backwards")
        assertRefused(try withTime(time.dropLast() + "+00:00"), line: last + 1,
                      "time \"\(time.dropLast())+00:00\" is not an RFC 3339 UTC time in whole seconds")
    }

    func testAnUpdateWhoseObjectIsAnotherObjectIsRefused() throws {
        recordRollout()
        var lines = exportLines()
        let index = lines.lastIndex { $0.contains("\"verb\":\"status\"") && $0.contains("\"kind\":\"Pod\"") }
            ?? lines.lastIndex { $0.contains("\"kind\":\"Pod\"") && !$0.contains("\"verb\":\"create\"") }!
        let uid = try XCTUnwrap(JSONValue.parse(lines[index])["uid"]?.stringValue)
        let objectStart = try XCTUnwrap(lines[index].range(of: ",\"object\":"))
        lines[index] = String(lines[index][..<objectStart.upperBound])
            + lines[index][objectStart.upperBound...].replacingOccurrences(of: uid, with: "someone-else")
        lines = try rechainedInPlace(lines)
        assertRefused(lines, line: index + 1, "the object's name, namespace or uid differ from the event's")
    }

    func testLinesInAnotherLayoutImportTheSame() throws {
        recordRollout()
        var lines = exportLines()
        // The same fields in JSON's canonical key order: the same events, the same hashes.
        for index in [5, lines.count / 2] { lines[index] = try JSONValue.parse(lines[index]).canonicalString() }
        let target = path("relaid.db")
        let result = importFile(lines, into: target)
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(try events(target), try events(db))
        XCTAssertTrue(try Store.open(path: target, mode: .read).verify().isClean)
    }

    func testImportIntoAnExistingDatabaseIsRefused() {
        recordRollout()
        let result = importFile(exportLines(), into: db)
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.contains("already exists and is not empty"), result.err)
    }

    func testAPartialExportContinuesTheDatabaseItWasCutFrom() throws {
        let manifest = folder.file("web.yaml", deployment)
        XCTAssertEqual(logbook("apply", "-f", manifest).code, 0)
        let copy = path("copy.db")
        XCTAssertEqual(importFile(exportLines(), into: copy).code, 0)
        let cut = try Store.open(path: copy, mode: .read).lastSeq()
        XCTAssertEqual(logbook("set", "image", "deployment/web", "app=nginx:1.25").code, 0)
        let tail = exportLines("--since", String(cut))
        XCTAssertEqual(try JSONValue.parse(tail[0])["previous_hash"]?.stringValue, try Store.open(path: db, mode: .read).eventHash(at: cut))
        let result = importFile(tail, into: copy)
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(try events(copy), try events(db))
        XCTAssertTrue(try Store.open(path: copy, mode: .read).verify().isClean)
        // The same tail does not continue a database that has moved on.
        XCTAssertTrue(importFile(tail, into: copy).err.contains("not the same history"))
    }
}

import Determinism
enum SHA256Bytes { static func of(_ hex: String) -> [UInt8] { SHA256.bytes(hex: hex)! } }
