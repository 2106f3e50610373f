import XCTest
@testable import Controllers
import Store
import Model
import Determinism

/// T36: adoption and release by selector; keys for pod changes.
final class ReplicaSetClaimTests: XCTestCase {
    func testAMatchingOrphanIsAdoptedAndOnlyTheRestAreCreated() throws {
        let scenario = try ReplicaSetScenario()
        let labels = ["app": "web", "pod-template-hash": "66b6c48dd5"]
        try scenario.createPod("manual", labels: labels)
        let rs = try scenario.createReplicaSet("web-66b6c48dd5", replicas: 2, labels: labels)
        let manual = try scenario.store.get(.pod, namespace: "default", name: "manual")
        XCTAssertEqual(manual.controllerReference?["uid"]?.stringValue, rs.uid)
        XCTAssertEqual(manual.controllerReference?["blockOwnerDeletion"], true)
        XCTAssertEqual(try scenario.activePods(of: "web-66b6c48dd5").count, 2)
        XCTAssertEqual(try scenario.eventMessages("SuccessfulCreate").count, 1)
        let adoption = try scenario.store.readEvents(EventFilter(kind: "Pod", name: "manual")).last
        XCTAssertEqual(adoption?.verb, .patch)
        XCTAssertEqual(adoption?.actor, "replicaset-controller")
    }

    func testARelabelledPodIsReleasedAndReplaced() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 2)
        let victim = try XCTUnwrap(scenario.activePods(of: "web").first)
        try scenario.store.patch(.pod, namespace: "default", name: victim.name,
                                 patch: ["metadata": ["labels": ["app": "debug"]]], type: .merge)
        try scenario.engine.settle()
        let released = try scenario.store.get(.pod, namespace: "default", name: victim.name)
        XCTAssertEqual(released.ownerReferences, [], "the owner reference is removed")
        XCTAssertNil(released.deletionTimestamp, "the pod keeps running")
        let owned = try scenario.activePods(of: "web")
        XCTAssertEqual(owned.count, 2)
        XCTAssertFalse(owned.map(\.name).contains(victim.name))
        XCTAssertEqual(try scenario.status("web", "replicas"), 2)
    }

    func testPodsControlledBySomethingElseAreLeftAlone() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("other", replicas: 1)
        let foreign = try XCTUnwrap(scenario.activePods(of: "other").first)
        // A second ReplicaSet whose selector also matches the first one's pod.
        try scenario.createReplicaSet("web", replicas: 1)
        XCTAssertEqual(try scenario.activePods(of: "other").map(\.name), [foreign.name])
        XCTAssertEqual(try scenario.activePods(of: "web").count, 1)
        XCTAssertEqual(try scenario.store.get(.pod, namespace: "default", name: foreign.name).ownerReferences.count, 1)
    }

    func testAnOrphanThatDoesNotMatchIsNotAdopted() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createPod("stray", labels: ["app": "api"])
        try scenario.createReplicaSet("web", replicas: 1)
        XCTAssertEqual(try scenario.store.get(.pod, namespace: "default", name: "stray").ownerReferences, [])
        XCTAssertEqual(try scenario.activePods(of: "web").count, 1)
    }

    func testClaimDecisions() {
        let rs: JSONValue = ["metadata": ["name": "web", "namespace": "default", "uid": "rs-uid"]]
        let selector = LabelSelector.fromSet(["app": "web"])
        func pod(_ labels: [String: String], owner: String? = nil) -> JSONValue {
            var pod: JSONValue = ["metadata": ["name": "p", "namespace": "default", "labels": JSONValue.fromStringMap(labels)]]
            if let owner { pod[path: ["metadata", "ownerReferences"]] = [["uid": .string(owner), "controller": true]] }
            return pod
        }
        XCTAssertEqual(PodClaim.decide(replicaSet: rs, selector: selector, pod: pod(["app": "web"], owner: "rs-uid")), .owned)
        XCTAssertEqual(PodClaim.decide(replicaSet: rs, selector: selector, pod: pod(["app": "x"], owner: "rs-uid")), .release)
        XCTAssertEqual(PodClaim.decide(replicaSet: rs, selector: selector, pod: pod(["app": "web"], owner: "other")), .ignore)
        XCTAssertEqual(PodClaim.decide(replicaSet: rs, selector: selector, pod: pod(["app": "web"])), .adopt)
        XCTAssertEqual(PodClaim.decide(replicaSet: rs, selector: selector, pod: pod(["app": "x"])), .ignore)
        var deleting = rs
        deleting[path: ["metadata", "deletionTimestamp"]] = "2025-01-01T00:00:00Z"
        XCTAssertEqual(PodClaim.decide(replicaSet: deleting, selector: selector, pod: pod(["app": "web"])), .ignore)
        XCTAssertEqual(PodClaim.decide(replicaSet: deleting, selector: selector, pod: pod(["app": "x"], owner: "rs-uid")), .ignore)
    }

    func testPodChangesMapToTheOwnerOrToMatchingReplicaSets() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 0)
        try scenario.createReplicaSet("api", replicas: 0, labels: ["app": "api"])
        let client = try StoreClient(store: scenario.store, context: WriteContext(actor: "test"))
        let controller = ReplicaSetController()
        let orphan: JSONValue = ["metadata": ["name": "p", "namespace": "default", "labels": ["app": "web"]]]
        XCTAssertEqual(try controller.keys(for: ObjectChange(kind: .pod, verb: .create, object: orphan, seq: 1), client: client),
                       [ObjectKey(.replicaSet, "default", "web")])
        var owned = orphan
        owned[path: ["metadata", "ownerReferences"]] = [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "api",
                                                         "uid": "x", "controller": true]]
        XCTAssertEqual(try controller.keys(for: ObjectChange(kind: .pod, verb: .status, object: owned, seq: 1), client: client),
                       [ObjectKey(.replicaSet, "default", "api")])
        XCTAssertEqual(try controller.keys(for: ObjectChange(kind: .pod, verb: .delete, object: orphan, seq: 1), client: client), [])
        let node: JSONValue = ["metadata": ["name": "node-1"]]
        XCTAssertEqual(try controller.keys(for: ObjectChange(kind: .node, verb: .update, object: node, seq: 1), client: client), [])
    }
}
