import XCTest
@testable import Controllers
import Store
import Model
import Determinism

/// T29: readiness and availability with minReadySeconds, in simulated time.
final class ReplicaSetAvailabilityTests: XCTestCase {
    func testAPodCountsAsAvailableOnlyAfterMinReadySecondsHavePassed() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 1, minReadySeconds: 10)
        let pod = try XCTUnwrap(scenario.activePods(of: "web").first)
        let readyAt = try scenario.now
        try scenario.setStatus(pod.name, phase: "Running", readySince: readyAt)
        try scenario.engine.settle()
        XCTAssertEqual(try scenario.status("web", "readyReplicas"), 1)
        XCTAssertEqual(try scenario.status("web", "availableReplicas"), 0)

        try scenario.engine.advance(seconds: 10, context: .user)
        XCTAssertEqual(try scenario.status("web", "availableReplicas"), 0, "not at exactly t+10")

        try scenario.engine.advance(seconds: 1, context: .user)
        XCTAssertEqual(try scenario.status("web", "availableReplicas"), 1, "counted once now > t+10, with no other change")
        let availableWrite = try scenario.store.readEvents(EventFilter(kind: "ReplicaSet")).last
        XCTAssertEqual(availableWrite?.actor, "replicaset-controller")
        XCTAssertEqual(availableWrite?.time, (readyAt + 11).rfc3339)
    }

    func testWithoutMinReadySecondsReadyPodsAreAvailableAtOnce() throws {
        let scenario = try ReplicaSetScenario()
        try scenario.createReplicaSet("web", replicas: 2)
        let pods = try scenario.activePods(of: "web")
        try scenario.setStatus(pods[0].name, phase: "Running", readySince: try scenario.now)
        try scenario.setStatus(pods[1].name, phase: "Running")
        try scenario.engine.settle()
        XCTAssertEqual(try scenario.status("web", "replicas"), 2)
        XCTAssertEqual(try scenario.status("web", "readyReplicas"), 1)
        XCTAssertEqual(try scenario.status("web", "availableReplicas"), 1)
    }

    func testFullyLabeledCountsPodsCarryingEveryTemplateLabel() throws {
        let scenario = try ReplicaSetScenario()
        // The selector only needs app=web; the template adds tier=front, which the hand-made pod lacks.
        var rs = ReplicaSetScenario.replicaSet("web", replicas: 2)
        rs[path: ["spec", "template", "metadata", "labels", "tier"]] = "front"
        try scenario.createPod("manual")
        try scenario.store.create(rs)
        try scenario.engine.settle()
        XCTAssertEqual(try scenario.status("web", "replicas"), 2)
        XCTAssertEqual(try scenario.status("web", "fullyLabeledReplicas"), 1)
    }

    func testAvailabilityArithmetic() {
        let t = Timestamp(seconds: 1000)
        let pod: JSONValue = ["status": ["conditions": [["type": "Ready", "status": "True", "lastTransitionTime": .string(t.rfc3339)]]]]
        XCTAssertFalse(PodState.isAvailable(pod, minReadySeconds: 10, now: t + 10))
        XCTAssertTrue(PodState.isAvailable(pod, minReadySeconds: 10, now: t + 11))
        XCTAssertTrue(PodState.isAvailable(pod, minReadySeconds: 0, now: t))
        XCTAssertEqual(PodState.secondsUntilAvailable(pod, minReadySeconds: 10, now: t + 3), 8)
        XCTAssertNil(PodState.secondsUntilAvailable(pod, minReadySeconds: 10, now: t + 11))
    }
}
