import XCTest
import Model
import Determinism
@testable import Store

/// The revision history projection: kept in step with ReplicaSet events, rebuilt from the log by verify.
final class RevisionHistoryTests: XCTestCase {
    var database: TemporaryDatabase!
    var store: Store!

    override func setUpWithError() throws {
        database = TemporaryDatabase()
        store = try Store.open(path: database.path, mode: .write)
    }

    /// The hook as `append` will call it: every event since the last call (idempotent).
    func applyHook() throws {
        try store.write {
            for event in try store.readEvents(EventFilter(kind: "ReplicaSet")) {
                try store.updateRevisionHistory(kind: .replicaSet, verb: event.verb,
                                                object: try event.object.map { try JSONValue.parse($0) }, seq: event.seq,
                                                time: Timestamp(rfc3339: event.time)!, actor: event.actor, cause: event.cause)
            }
        }
    }

    func deployment() throws -> JSONValue {
        if let d = try store.fetch(.deployment, namespace: "default", name: "web") { return d }
        return try store.create(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
                                 "spec": ["selector": ["matchLabels": ["app": "web"]],
                                          "template": ["metadata": ["labels": ["app": "web"]],
                                                       "spec": ["containers": [["name": "nginx", "image": "nginx:1.24"]]]]]])
    }

    @discardableResult
    func replicaSet(_ hash: String, image: String, revision: String?, cause: Int64? = nil) throws -> JSONValue {
        let owner = try deployment()
        var annotations: JSONObject = [:]
        if let revision { annotations["deployment.kubernetes.io/revision"] = .string(revision) }
        return try store.create([
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string("web-\(hash)"), "labels": ["app": "web", "pod-template-hash": .string(hash)],
                         "annotations": .object(annotations),
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                              "uid": .string(owner.uid), "controller": true]]],
            "spec": ["replicas": 1, "selector": ["matchLabels": ["app": "web", "pod-template-hash": .string(hash)]],
                     "template": ["metadata": ["labels": ["app": "web", "pod-template-hash": .string(hash)]],
                                  "spec": ["containers": [["name": "nginx", "image": .string(image)]]]]],
        ], context: WriteContext(actor: "deployment-controller", cause: cause))
    }

    func testRowsFollowCreateReuseAndDelete() throws {
        let d = try deployment()
        let created = try store.lastSeq()
        try replicaSet("aaa", image: "nginx:1.24", revision: "1", cause: created)
        try replicaSet("bbb", image: "nginx:1.25", revision: "2")
        try replicaSet("ccc", image: "nginx:1.26", revision: nil)
        try applyHook()
        var rows = try store.revisions(namespace: "default", deployment: "web", uid: d.uid)
        XCTAssertEqual(rows.map(\.revision), [1, 2], "a ReplicaSet without a revision annotation has no row")
        XCTAssertEqual(rows[0].actor, "deployment-controller")
        XCTAssertEqual(rows[0].verb, "create")
        XCTAssertEqual(rows[0].cause, created)
        XCTAssertEqual(rows[0].time, "2026-01-01T00:00:00Z")
        XCTAssertEqual(rows[0].templateValue[path: ["spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.24")
        let firstSeq = rows[0].seq

        // A change-cause arriving later updates the row but keeps the event that made the revision.
        try store.advance(seconds: 30)
        _ = try store.patch(.replicaSet, namespace: "default", name: "web-aaa",
                            patch: ["metadata": ["annotations": ["kubernetes.io/change-cause": "hotfix"]]], type: .merge)
        try applyHook()
        rows = try store.revisions(namespace: "default", deployment: "web")
        XCTAssertEqual(rows[0].changeCause, "hotfix")
        XCTAssertEqual(rows[0].seq, firstSeq)

        // Undo reuses web-aaa with revision 3: revision 1 vanishes, 3 is made by this event.
        _ = try store.patch(.replicaSet, namespace: "default", name: "web-aaa",
                            patch: ["metadata": ["annotations": ["deployment.kubernetes.io/revision": "3",
                                                                 "deployment.kubernetes.io/revision-history": "1"]]],
                            type: .merge, context: WriteContext(actor: "deployment-controller"))
        let bump = try store.lastSeq()
        try applyHook()
        rows = try store.revisions(namespace: "default", deployment: "web")
        XCTAssertEqual(rows.map(\.revision), [2, 3])
        XCTAssertEqual(rows[1].replicaSet, "web-aaa")
        XCTAssertEqual(rows[1].seq, bump)
        XCTAssertEqual(rows[1].time, "2026-01-01T00:00:30Z")

        try store.delete(.replicaSet, namespace: "default", name: "web-bbb")
        try applyHook()
        XCTAssertEqual(try store.revisions(namespace: "default", deployment: "web").map(\.revision), [3])
        XCTAssertEqual(try store.verifyRevisionHistory(), [])
    }

    func testVerifyFindsAProjectionOutOfStep() throws {
        try replicaSet("aaa", image: "nginx:1.24", revision: "1")
        XCTAssertEqual(try store.verifyRevisionHistory(), [], "the append hook keeps it in step")
        try store.write { try store.connection.run("DELETE FROM revisions") }
        XCTAssertEqual(try store.verifyRevisionHistory().map(\.problem), ["missing"])
        try applyHook()
        XCTAssertEqual(try store.verifyRevisionHistory(), [])
        try store.write { try store.connection.run("UPDATE revisions SET change_cause = 'forged'") }
        XCTAssertEqual(try store.verifyRevisionHistory(),
                       [VerifyReport.Difference(kind: "Revision", namespace: "default", name: "web-aaa", problem: "changed")])
        try store.rebuildRevisions()
        XCTAssertEqual(try store.verifyRevisionHistory(), [], "repaired from the log")
        XCTAssertEqual(try store.revisions(namespace: "default", deployment: "web").map(\.changeCause), [""])
    }

    func testTransitionIgnoresReplicaSetsWithoutADeploymentController() {
        let orphan: JSONValue = ["metadata": ["name": "x", "namespace": "default",
                                              "annotations": ["deployment.kubernetes.io/revision": "1"]]]
        XCTAssertEqual(RevisionHistory.transition(existing: nil, verb: .create, object: orphan, seq: 5, time: "t",
                                                  actor: "a", cause: nil), .none)
        var owned = orphan
        owned[path: ["metadata", "ownerReferences"]] = [["kind": "Deployment", "name": "web", "uid": "u", "controller": true]]
        guard case .upsert(let row) = RevisionHistory.transition(existing: nil, verb: .create, object: owned, seq: 5,
                                                                 time: "t", actor: "a", cause: nil)
        else { return XCTFail("expected a row") }
        XCTAssertEqual(RevisionHistory.transition(existing: row, verb: .update, object: orphan, seq: 6, time: "t",
                                                  actor: "a", cause: nil), .remove, "released by its Deployment")
    }
}
