import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// `logbook diff A B`: what was created, changed and deleted between two points of the log.
final class DiffTests: CLITestCase {
    override var controllers: Bool { false }

    func configMap(_ name: String, color: String, namespace: String = "default") -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \(name), namespace: \(namespace)}\ndata: {color: \(color)}\n"
    }

    let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 3
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: nginx, image: "nginx:1.24"}]}
        """

    func lastSeq() throws -> Int64 { try Store.open(path: db, mode: .read).lastSeq() }

    /// Seq A: ConfigMaps a and b and Deployment web. Seq B: a changed, b deleted, c created, web's image set.
    func makeHistory() throws -> (a: Int64, b: Int64) {
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("a", color: "red")).code, 0)
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("b", color: "red")).code, 0)
        XCTAssertEqual(logbook("apply", "-f", "-", input: deployment).code, 0)
        let a = try lastSeq()
        XCTAssertEqual(logbook("patch", "cm", "a", "-p", #"{"data":{"color":"blue"}}"#).code, 0)
        XCTAssertEqual(logbook("delete", "cm", "b").code, 0)
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("c", color: "green")).code, 0)
        XCTAssertEqual(logbook("set", "image", "deployment/web", "nginx=nginx:1.25").code, 0)
        return (a, try lastSeq())
    }

    func testObjectsCreatedChangedAndDeletedWithFieldPaths() throws {
        let (a, b) = try makeHistory()
        let result = logbook("diff", String(a), String(b))
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, """
            Between seq \(a) (2026-01-01T00:00:00Z) and seq \(b) (2026-01-01T00:00:00Z): 1 created, 2 changed, 1 deleted

            ConfigMap
              ~ default/a
                  data.color: red → blue
              - default/b
              + default/c

            Deployment
              ~ default/web
                  metadata.generation: 1 → 2
                  spec.template.spec.containers[0].image: nginx:1.24 → nginx:1.25

            """)
        XCTAssertFalse(result.out.contains("resourceVersion"))

        let deployments = logbook("diff", String(a), String(b), "--kind", "deploy").out
        XCTAssertTrue(deployments.hasPrefix("Between seq \(a) (2026-01-01T00:00:00Z) and seq \(b) (2026-01-01T00:00:00Z): 0 created, 1 changed, 0 deleted"))
        XCTAssertFalse(deployments.contains("ConfigMap"))

        let json = try JSONValue.parse(logbook("diff", String(a), String(b), "-o", "json").out)
        XCTAssertEqual(json["from"]?["seq"]?.intValue, Int(a))
        XCTAssertEqual(json["created"]?.arrayValue?.map { $0["name"] }, ["c"])
        XCTAssertEqual(json["deleted"]?.arrayValue?.map { $0["name"] }, ["b"])
        XCTAssertEqual(json["changed"]?.arrayValue?.map { $0["name"] }, ["a", "web"])
        XCTAssertEqual(json["changed"]?.arrayValue?.first?["fields"],
                       [["path": "data.color", "before": "red", "after": "blue"]])

        // Backwards, the same changes undone.
        let backwards = logbook("diff", String(b), String(a), "--kind", "cm").out
        XCTAssertTrue(backwards.contains("  ~ default/a\n      data.color: blue → red\n  + default/b\n  - default/c\n"), backwards)
        XCTAssertEqual(logbook("diff", String(b), String(b)).out,
                       "No changes between seq \(b) (2026-01-01T00:00:00Z) and seq \(b) (2026-01-01T00:00:00Z).\n")
    }

    func testTheNamespaceFilter() throws {
        XCTAssertEqual(logbook("create", "-f", "-", input: "apiVersion: v1\nkind: Namespace\nmetadata: {name: prod}\n").code, 0)
        let a = try lastSeq()
        XCTAssertEqual(logbook("create", "-f", "-", "-n", "prod", input: configMap("alpha", color: "red", namespace: "prod")).code, 0)
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("beta", color: "red")).code, 0)
        let b = try lastSeq()
        let prod = logbook("diff", String(a), String(b), "-n", "prod").out
        XCTAssertTrue(prod.contains("+ prod/alpha") && !prod.contains("default/beta"), prod)
        let all = logbook("diff", String(a), String(b)).out
        XCTAssertTrue(all.contains("+ prod/alpha") && all.contains("+ default/beta"), all)
    }

    func testPointsGivenAsTimes() throws {
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("a", color: "red")).code, 0)
        XCTAssertEqual(logbook("advance", "1m").code, 0)
        XCTAssertEqual(logbook("patch", "cm", "a", "-p", #"{"data":{"color":"blue"}}"#).code, 0)
        XCTAssertEqual(logbook("advance", "1m").code, 0)
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("b", color: "red")).code, 0)
        // 00:00:30 is before the patch (00:01:00); 00:01:59 is after it and before b (00:02:00).
        let result = logbook("diff", "2026-01-01T00:00:30Z", "2026-01-01T00:01:59Z")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, """
            Between seq 10 (2026-01-01T00:00:00Z) and seq 12 (2026-01-01T00:01:00Z): 0 created, 1 changed, 0 deleted

            ConfigMap
              ~ default/a
                  data.color: red → blue

            """)
        // A time before the log began: everything there is now was created since.
        let fromStart = logbook("diff", "2025-12-31T23:00:00Z", "2026-01-01T01:00:00+01:00", "--kind", "cm").out
        XCTAssertTrue(fromStart.hasPrefix("Between seq 0 (2026-01-01T00:00:00Z) and seq 10 (2026-01-01T00:00:00Z): 1 created"), fromStart)
    }

    func testBadPointsAreErrors() throws {
        XCTAssertEqual(logbook("create", "-f", "-", input: configMap("a", color: "red")).code, 0)
        let beyond = logbook("diff", "1", "99")
        XCTAssertEqual(beyond.code, 1)
        XCTAssertEqual(beyond.err, "error: seq 99 is beyond the end of the log: the newest event is seq 10\n")
        let garbage = logbook("diff", "1", "soon")
        XCTAssertEqual(garbage.code, 1)
        XCTAssertTrue(garbage.err.hasPrefix("error: invalid argument \"soon\" as a point of the log"), garbage.err)
        XCTAssertEqual(logbook("diff", "1").code, 1)
    }
}
