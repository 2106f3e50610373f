import XCTest
@testable import Controllers
import Store
import Model
import Determinism

/// T33 and scaling up: pod names, labels, owner references, Events and status.
final class ReplicaSetCreationTests: XCTestCase {
    func testPodsAreNamedAfterTheReplicaSetAndControlledByIt() throws {
        let scenario = try ReplicaSetScenario()
        let labels = ["app": "web", "pod-template-hash": "66b6c48dd5"]
        let rs = try scenario.createReplicaSet("web-66b6c48dd5", replicas: 2, labels: labels)
        let pods = try scenario.activePods(of: "web-66b6c48dd5")
        XCTAssertEqual(pods.count, 2)
        let pattern = try NSRegularExpression(pattern: "^web-66b6c48dd5-[bcdfghjklmnpqrstvwxz2456789]{5}$")
        for pod in pods {
            XCTAssertNotNil(pattern.firstMatch(in: pod.name, range: NSRange(pod.name.startIndex..., in: pod.name)), pod.name)
            XCTAssertEqual(pod.labels["pod-template-hash"], "66b6c48dd5")
            XCTAssertEqual(pod[path: ["metadata", "generateName"]]?.stringValue, "web-66b6c48dd5-")
            XCTAssertEqual(pod.ownerReferences, [[
                "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-66b6c48dd5", "uid": .string(rs.uid),
                "controller": true, "blockOwnerDeletion": true,
            ]])
            XCTAssertEqual(pod[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue, "nginx:1.25")
        }
        let messages = try scenario.eventMessages("SuccessfulCreate")
        XCTAssertEqual(messages.count, 2)
        XCTAssertEqual(Set(messages), Set(pods.map { "Created pod: \($0.name)" }))
        let event = try XCTUnwrap(scenario.store.list(.event, namespace: "default").first { $0["reason"] == "SuccessfulCreate" })
        XCTAssertEqual(event[path: ["source", "component"]], "replicaset-controller")
        XCTAssertEqual(event["type"], "Normal")
        XCTAssertEqual(event[path: ["involvedObject", "kind"]], "ReplicaSet")
        XCTAssertEqual(event[path: ["involvedObject", "name"]], "web-66b6c48dd5")
        let creates = try scenario.store.readEvents(EventFilter(kind: "Pod")).filter { $0.verb == .create }
        XCTAssertEqual(creates.map(\.actor), ["replicaset-controller", "replicaset-controller"])
        XCTAssertTrue(creates.allSatisfy { $0.cause != nil })
    }

    func testLongReplicaSetNamesAreCutTo58CharactersBeforeTheSuffix() throws {
        let scenario = try ReplicaSetScenario()
        let name = String(repeating: "a", count: 49) + "-66b6c48dd5"
        XCTAssertEqual(name.count, 60)
        try scenario.createReplicaSet(name, replicas: 1)
        let pod = try XCTUnwrap(scenario.activePods(of: name).first)
        XCTAssertEqual(pod.name.count, 63)
        XCTAssertTrue(pod.name.hasPrefix(String(name.prefix(58))))
        XCTAssertFalse(pod.name.hasPrefix(name))
    }

    func testTemplateLabelsAndAnnotationsAreCopiedToPods() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 1, templateAnnotations: ["team": "blue"])
        let pod = try XCTUnwrap(scenario.activePods(of: "web").first)
        XCTAssertEqual(pod.labels, ["app": "web"])
        XCTAssertEqual(pod.annotations, ["team": "blue"])
    }

    func testStatusCountsClaimedPodsAndObservesTheGeneration() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 3)
        let rs = try scenario.replicaSet("web")
        XCTAssertEqual(rs[path: ["status", "replicas"]], 3)
        XCTAssertEqual(rs[path: ["status", "fullyLabeledReplicas"]], 3)
        XCTAssertNil(rs[path: ["status", "readyReplicas"]], "zero counts are omitted as Go's omitempty does")
        XCTAssertNil(rs[path: ["status", "availableReplicas"]])
        XCTAssertEqual(rs[path: ["status", "observedGeneration"]], 1)

        try scenario.scale("web", to: 4)
        XCTAssertEqual(try scenario.status("web", "replicas"), 4)
        XCTAssertEqual(try scenario.status("web", "observedGeneration"), 2)
    }

    func testStatusIsWrittenOnlyWhenItChanges() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 2)
        let statusWrites = { try scenario.store.readEvents(EventFilter(kind: "ReplicaSet")).filter { $0.verb == .status }.count }
        let before = try statusWrites()
        // Touch the ReplicaSet without changing its spec: the controller looks again but writes nothing.
        try scenario.store.patch(.replicaSet, namespace: "default", name: "web",
                                 patch: ["metadata": ["annotations": ["note": "x"]]], type: .merge)
        try scenario.engine.settle()
        XCTAssertEqual(try statusWrites(), before)
    }

    func testScalingUpCreatesOnlyTheMissingPods() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 2)
        let first = Set(try scenario.activePods(of: "web").map(\.name))
        try scenario.scale("web", to: 5)
        let after = Set(try scenario.activePods(of: "web").map(\.name))
        XCTAssertEqual(after.count, 5)
        XCTAssertTrue(first.isSubset(of: after))
        XCTAssertEqual(try scenario.eventMessages("SuccessfulCreate").count, 5)
    }

    func testDeletedAndFinishedPodsAreReplaced() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 2)
        let pods = try scenario.activePods(of: "web")
        try scenario.store.delete(.pod, namespace: "default", name: pods[0].name)
        try scenario.setStatus(pods[1].name, phase: "Succeeded")
        try scenario.engine.settle()
        let active = try scenario.activePods(of: "web")
        XCTAssertEqual(active.count, 2)
        XCTAssertTrue(Set(active.map(\.name)).isDisjoint(with: pods.map(\.name)))
        XCTAssertEqual(try scenario.status("web", "replicas"), 2)
    }

    func testTerminatingPodsAreNotCountedAndAreReplacedAtOnce() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createPod("bound", node: "node-1")
        try scenario.createReplicaSet("web", replicas: 1)
        XCTAssertEqual(try scenario.activePods(of: "web").map(\.name), ["bound"])
        try scenario.store.delete(.pod, namespace: "default", name: "bound")
        try scenario.engine.settle()
        let terminating = try scenario.store.get(.pod, namespace: "default", name: "bound")
        XCTAssertNotNil(terminating.deletionTimestamp, "a bound pod stays until the kubelet finishes it")
        let replacement = try scenario.activePods(of: "web")
        XCTAssertEqual(replacement.count, 1)
        XCTAssertNotEqual(replacement.first?.name, "bound")
        XCTAssertEqual(try scenario.status("web", "replicas"), 1)
    }

    func testAReplicaSetBeingDeletedNoLongerReplacesPodsButKeepsItsStatus() throws {
        let scenario = try ReplicaSetScenario()
        var rs = ReplicaSetScenario.replicaSet("web", replicas: 2)
        rs[path: ["metadata", "finalizers"]] = ["foregroundDeletion"]
        try scenario.store.create(rs)
        try scenario.engine.settle()
        let pods = try scenario.activePods(of: "web")
        XCTAssertEqual(pods.count, 2)
        try scenario.store.delete(.replicaSet, namespace: "default", name: "web")
        try scenario.store.delete(.pod, namespace: "default", name: pods[0].name)
        try scenario.engine.settle()
        XCTAssertNotNil(try scenario.replicaSet("web").deletionTimestamp)
        XCTAssertEqual(try scenario.activePods(of: "web").map(\.name), [pods[1].name], "no replacement while being deleted")
        XCTAssertEqual(try scenario.status("web", "replicas"), 1)
    }
}
