import XCTest
@testable import Controllers
import Store
import Model
import Determinism

/// T34: slow-start batches, and what a failed create leaves behind.
final class ReplicaSetSlowStartTests: XCTestCase {
    func testBatchSizesDoubleFromOne() {
        XCTAssertEqual(SlowStart.batchSizes(count: 10), [1, 2, 4, 3])
        XCTAssertEqual(SlowStart.batchSizes(count: 3), [1, 2])
        XCTAssertEqual(SlowStart.batchSizes(count: 500), [1, 2, 4, 8, 16, 32, 64, 128, 245])
        XCTAssertEqual(SlowStart.batchSizes(count: 0), [])
    }

    func testAFailingBatchIsFinishedButNoFurtherBatchStarts() {
        struct Refused: Error {}
        var calls = 0
        let outcome = SlowStart.run(count: 10) { () throws(Refused) in
            calls += 1
            if calls == 2 { throw Refused() }
        }
        XCTAssertEqual(calls, 3, "batch 1 (one call) and all of batch 2 (two calls)")
        XCTAssertEqual(outcome.successes, 2)
        XCTAssertNotNil(outcome.failure)
    }

    func testSixHundredMissingPodsAreCappedAtTheBurst() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.store.create(ReplicaSetScenario.replicaSet("web", replicas: 600))
        let client = try StoreClient(store: scenario.store, context: WriteContext(actor: ReplicaSetController.name))
        _ = try ReplicaSetController().reconcile(ObjectKey(.replicaSet, "default", "web"), client: client)
        XCTAssertEqual(try scenario.pods().count, 500)
    }

    func testAFailedCreateStopsTheSyncAndSetsReplicaFailureUntilASyncSucceeds() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.store.create(ReplicaSetScenario.replicaSet("web", replicas: 10))
        let key = ObjectKey(.replicaSet, "default", "web")
        let storeClient = try StoreClient(store: scenario.store, context: WriteContext(actor: ReplicaSetController.name))
        let failing = FailingCreateClient(wrapping: storeClient, failingCreate: 3)
        let requeue = try ReplicaSetController().reconcile(key, client: failing)

        XCTAssertEqual(try scenario.pods().count, 2, "batch 1 made one pod; batch 2 made one and failed one")
        XCTAssertEqual(failing.creates, 3)
        XCTAssertEqual(try scenario.eventMessages("FailedCreate"), ["Error creating: \(FailingCreateClient.message)"])
        let condition = try XCTUnwrap(scenario.replicaSet("web")[path: ["status", "conditions"]]?.arrayValue?.first)
        XCTAssertEqual(condition["type"], "ReplicaFailure")
        XCTAssertEqual(condition["status"], "True")
        XCTAssertEqual(condition["reason"], "FailedCreate")
        XCTAssertEqual(condition["message"]?.stringValue, FailingCreateClient.message)
        XCTAssertEqual(condition["lastTransitionTime"]?.stringValue, try scenario.now.rfc3339)
        XCTAssertEqual(requeue, .after(1), "a failed sync is retried")

        _ = try ReplicaSetController().reconcile(key, client: storeClient)
        XCTAssertEqual(try scenario.pods().count, 10)
        XCTAssertNil(try scenario.replicaSet("web")[path: ["status", "conditions"]], "removed after a successful sync")
    }

    func testRetriesBackOffWhileCreatesKeepFailing() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.store.create(ReplicaSetScenario.replicaSet("web", replicas: 1))
        let key = ObjectKey(.replicaSet, "default", "web")
        let failing = FailingCreateClient(wrapping: try StoreClient(store: scenario.store, context: WriteContext(actor: "rs")),
                                          failingCreate: 1, failEverythingAfter: true)
        XCTAssertEqual(try ReplicaSetController().reconcile(key, client: failing), .after(1))
        try scenario.store.advance(seconds: 4)
        failing.now = try scenario.now
        XCTAssertEqual(try ReplicaSetController().reconcile(key, client: failing), .after(4))
        XCTAssertEqual(try scenario.eventMessages("FailedCreate").count, 1, "the same Event counts up")
    }
}

/// A client whose `failingCreate`-th create (1-based) fails, as an API server refusing a pod would.
final class FailingCreateClient: ObjectClient {
    static let message = "pods \"web-x\" is forbidden: exceeded quota: compute, requested: pods=1, used: pods=2, limited: pods=2"
    let inner: StoreClient
    let failingCreate: Int
    let failEverythingAfter: Bool
    var creates = 0
    var now: Timestamp

    init(wrapping inner: StoreClient, failingCreate: Int, failEverythingAfter: Bool = false) {
        self.inner = inner; self.failingCreate = failingCreate; self.failEverythingAfter = failEverythingAfter
        now = inner.now
    }

    func get(_ kind: ResourceKind, _ namespace: String, _ name: String) throws -> JSONValue? { try inner.get(kind, namespace, name) }
    func list(_ kind: ResourceKind, namespace: String?, selector: LabelSelector) throws -> [JSONValue] {
        try inner.list(kind, namespace: namespace, selector: selector)
    }
    func create(_ object: JSONValue) throws -> JSONValue {
        creates += 1
        if creates == failingCreate || (failEverythingAfter && creates > failingCreate) {
            throw APIError(reason: .forbidden, message: Self.message)
        }
        return try inner.create(object)
    }
    func update(_ object: JSONValue) throws -> JSONValue { try inner.update(object) }
    func updateStatus(_ object: JSONValue) throws -> JSONValue { try inner.updateStatus(object) }
    func patch(_ kind: ResourceKind, _ namespace: String, _ name: String, _ patch: JSONValue, type: PatchType,
               status: Bool) throws -> JSONValue {
        try inner.patch(kind, namespace, name, patch, type: type, status: status)
    }
    func deleteInForeground(_ kind: ResourceKind, _ namespace: String, _ name: String) throws {
        try inner.deleteInForeground(kind, namespace, name)
    }
    func delete(_ kind: ResourceKind, _ namespace: String, _ name: String, gracePeriodSeconds: Int64?) throws {
        try inner.delete(kind, namespace, name, gracePeriodSeconds: gracePeriodSeconds)
    }
    func bind(_ pod: JSONValue, to node: String) throws -> JSONValue { try inner.bind(pod, to: node) }
    func pods(onNode node: String) throws -> [JSONValue] { try inner.pods(onNode: node) }
    func podIPsInUse(onNode node: String, excluding uid: String) throws -> [String] {
        try inner.podIPsInUse(onNode: node, excluding: uid)
    }
    func list(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws -> [JSONValue] {
        try inner.list(kind, namespace: namespace, controlledBy: uid)
    }
    func recordEvent(about object: JSONValue, type: EventType, reason: String, message: String) throws {
        try inner.recordEvent(about: object, type: type, reason: reason, message: message)
    }
    func random() -> UInt64 { inner.random() }
}
