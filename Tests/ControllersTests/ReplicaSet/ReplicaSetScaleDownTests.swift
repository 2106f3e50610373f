import XCTest
@testable import Controllers
import Store
import Model
import Determinism

/// T35: which pods a ReplicaSet deletes first, end to end and rule by rule.
final class ReplicaSetScaleDownTests: XCTestCase {
    /// p1 Pending unscheduled, p2 Pending scheduled, p3 Running not ready, p4 Ready 10 min, p5 Ready 1 min.
    private func fivePods(p4Annotations: [String: String] = [:]) throws -> ReplicaSetScenario {
        let scenario = try ReplicaSetScenario()
        let now = try scenario.now
        try scenario.createPod("p1")
        try scenario.createPod("p2", node: "node-1")
        try scenario.createPod("p3", node: "node-2")
        try scenario.setStatus("p3", phase: "Running")
        try scenario.createPod("p4", node: "node-3", annotations: p4Annotations)
        try scenario.setStatus("p4", phase: "Running", readySince: now + (-600))
        try scenario.createPod("p5", node: "node-3")
        try scenario.setStatus("p5", phase: "Running", readySince: now + (-60))
        try scenario.createReplicaSet("web", replicas: 5)
        XCTAssertEqual(try scenario.activePods(of: "web").map(\.name), ["p1", "p2", "p3", "p4", "p5"], "all five adopted")
        XCTAssertEqual(try scenario.eventMessages("SuccessfulCreate"), [])
        return scenario
    }

    func testScaleDownRemovesUnscheduledPendingAndNotReadyPodsFirstThenTheYoungestReady() throws {
        let scenario = try fivePods()
        try scenario.scale("web", to: 2)
        XCTAssertEqual(try scenario.deletedPodNames(), ["p1", "p2", "p3"])
        XCTAssertEqual(try scenario.eventMessages("SuccessfulDelete"), ["Deleted pod: p1", "Deleted pod: p2", "Deleted pod: p3"])
        XCTAssertEqual(try scenario.activePods(of: "web").map(\.name), ["p4", "p5"])
        XCTAssertEqual(try scenario.status("web", "replicas"), 2)
        XCTAssertEqual(try scenario.status("web", "readyReplicas"), 2)

        try scenario.scale("web", to: 1)
        XCTAssertEqual(try scenario.activePods(of: "web").map(\.name), ["p4"], "p5 is in a younger log2 bucket")
    }

    func testALowerDeletionCostGoesFirst() throws {
        let scenario = try fivePods(p4Annotations: [PodState.deletionCostAnnotation: "-100"])
        try scenario.scale("web", to: 2)
        try scenario.scale("web", to: 1)
        XCTAssertEqual(try scenario.activePods(of: "web").map(\.name), ["p5"])
    }

    func testReadyAgesInTheSameLog2BucketAreDecidedByUID() throws {
        XCTAssertEqual(PodDeletionRanking.bucket(ageSeconds: 40), 35)
        XCTAssertEqual(PodDeletionRanking.bucket(ageSeconds: 50), 35)
        XCTAssertEqual(PodDeletionRanking.bucket(ageSeconds: 60), 35)
        XCTAssertEqual(PodDeletionRanking.bucket(ageSeconds: 600), 39)
        XCTAssertEqual(PodDeletionRanking.bucket(ageSeconds: 0), -1)
        let now = Timestamp(seconds: 1_000_000)
        let older = Self.pod("a", uid: "b-uid", readySince: now + (-50))
        let younger = Self.pod("b", uid: "a-uid", readySince: now + (-40))
        XCTAssertEqual(PodDeletionRanking.ranked([older, younger], related: [], now: now).map(\.name), ["b", "a"])
        let olderSmallerUID = Self.pod("a", uid: "a-uid", readySince: now + (-50))
        let youngerLargerUID = Self.pod("b", uid: "b-uid", readySince: now + (-40))
        XCTAssertEqual(PodDeletionRanking.ranked([youngerLargerUID, olderSmallerUID], related: [], now: now).map(\.name), ["a", "b"],
                       "same bucket: the smaller UID goes first even though it has been Ready longer")
    }

    func testMoreRestartsThenNewerCreationGoFirst() {
        let now = Timestamp(seconds: 1_000_000)
        var calm = Self.pod("calm", uid: "1", readySince: nil)
        var crashy = Self.pod("crashy", uid: "2", readySince: nil)
        crashy[path: ["status", "containerStatuses"]] = [["name": "c", "restartCount": 4]]
        calm[path: ["status", "containerStatuses"]] = [["name": "c", "restartCount": 1]]
        XCTAssertEqual(PodDeletionRanking.ranked([calm, crashy], related: [], now: now).map(\.name), ["crashy", "calm"])

        var old = Self.pod("old", uid: "1", readySince: nil)
        var new = Self.pod("new", uid: "2", readySince: nil)
        old[path: ["metadata", "creationTimestamp"]] = .string((now + (-3600)).rfc3339)
        new[path: ["metadata", "creationTimestamp"]] = .string((now + (-10)).rfc3339)
        XCTAssertEqual(PodDeletionRanking.ranked([old, new], related: [], now: now).map(\.name), ["new", "old"])
    }

    func testPodsCrowdedOnANodeWithRelatedPodsGoFirst() {
        let now = Timestamp(seconds: 1_000_000)
        var alone = Self.pod("alone", uid: "1", readySince: now + (-100))
        var crowded = Self.pod("crowded", uid: "2", readySince: now + (-100))
        alone[path: ["spec", "nodeName"]] = "node-1"
        crowded[path: ["spec", "nodeName"]] = "node-2"
        var sibling = Self.pod("sibling", uid: "3", readySince: now + (-100))
        sibling[path: ["spec", "nodeName"]] = "node-2"
        let ranked = PodDeletionRanking.ranked([alone, crowded], related: [alone, crowded, sibling], now: now)
        XCTAssertEqual(ranked.map(\.name), ["crowded", "alone"])
    }

    func testOnlyAsManyAsAskedAreChosen() {
        let now = Timestamp(seconds: 1_000_000)
        let pods = ["a", "b", "c"].map { Self.pod($0, uid: $0, readySince: nil) }
        XCTAssertEqual(PodDeletionRanking.podsToDelete(pods, related: [], count: 2, now: now).count, 2)
        XCTAssertEqual(PodDeletionRanking.podsToDelete(pods, related: [], count: 5, now: now).count, 3)
    }

    static func pod(_ name: String, uid: String, readySince: Timestamp?) -> JSONValue {
        var pod: JSONValue = [
            "metadata": ["name": .string(name), "uid": .string(uid)],
            "spec": ["nodeName": "node-1"],
            "status": ["phase": "Running"],
        ]
        if let readySince {
            pod[path: ["status", "conditions"]] = [["type": "Ready", "status": "True", "lastTransitionTime": .string(readySince.rfc3339)]]
        }
        return pod
    }
}
