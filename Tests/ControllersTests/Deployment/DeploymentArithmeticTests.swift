import XCTest
import Model
import Determinism
@testable import Controllers

/// T2 rounding, the pod-template-hash encoding, proportional scaling, conditions and cleanup, as pure functions.
final class DeploymentArithmeticTests: XCTestCase {
    private func deployment(replicas: Int, surge: JSONValue?, unavailable: JSONValue?) -> JSONValue {
        var rolling: JSONValue = .emptyObject
        if let surge { rolling["maxSurge"] = surge }
        if let unavailable { rolling["maxUnavailable"] = unavailable }
        return ["spec": ["replicas": .int(replicas), "strategy": ["type": "RollingUpdate", "rollingUpdate": rolling]]]
    }

    func testRoundingTable() {
        let expected: [Int: (Int, Int)] = [1: (1, 0), 2: (1, 0), 3: (1, 0), 4: (1, 1), 5: (2, 1), 7: (2, 1), 10: (3, 2), 20: (5, 5)]
        for (replicas, (surge, unavailable)) in expected {
            let d = deployment(replicas: replicas, surge: "25%", unavailable: "25%")
            XCTAssertEqual(RolloutArithmetic.maxSurge(d), surge, "R=\(replicas)")
            XCTAssertEqual(RolloutArithmetic.maxUnavailable(d), unavailable, "R=\(replicas)")
        }
        let fencepost = deployment(replicas: 5, surge: 0, unavailable: "10%")
        XCTAssertEqual([RolloutArithmetic.maxSurge(fencepost), RolloutArithmetic.maxUnavailable(fencepost)], [0, 1])
        let odd = deployment(replicas: 10, surge: "39%", unavailable: "39%")
        XCTAssertEqual([RolloutArithmetic.maxSurge(odd), RolloutArithmetic.maxUnavailable(odd)], [4, 3])
        XCTAssertEqual(RolloutArithmetic.maxUnavailable(deployment(replicas: 3, surge: 1, unavailable: 5)), 3)
        XCTAssertEqual(RolloutArithmetic.maxUnavailable(deployment(replicas: 3, surge: 1, unavailable: "100%")), 3)
        XCTAssertEqual(RolloutArithmetic.maxUnavailable(deployment(replicas: 0, surge: "0%", unavailable: "0%")), 0)
        let fence = RolloutArithmetic.resolveFenceposts(maxSurge: "0%", maxUnavailable: "0%", replicas: 0)
        XCTAssertEqual([fence.surge, fence.unavailable], [0, 1])
        let recreate: JSONValue = ["spec": ["replicas": 4, "strategy": ["type": "Recreate"]]]
        XCTAssertEqual([RolloutArithmetic.maxSurge(recreate), RolloutArithmetic.maxUnavailable(recreate)], [0, 0])
    }

    func testHashEncodingUsesTheSafeAlphabet() {
        XCTAssertEqual(PodTemplateHash.encode("2262704881"), "66b6c48dd5")
        XCTAssertEqual(PodTemplateHash.encode("0123456789"), "456789bcdf")
        let template: JSONValue = ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "a", "image": "b"]]]]
        let plain = PodTemplateHash.compute(template: template, collisionCount: nil)
        XCTAssertEqual(plain, PodTemplateHash.compute(template: template, collisionCount: nil))
        XCTAssertNotEqual(plain, PodTemplateHash.compute(template: template, collisionCount: 0))
        XCTAssertNotEqual(PodTemplateHash.compute(template: template, collisionCount: 0),
                          PodTemplateHash.compute(template: template, collisionCount: 1))
        XCTAssertNotNil(("web-" + plain).range(of: "^web-[4-9bcdf]{1,10}$", options: .regularExpression))
        var labelled = template
        labelled[path: ["metadata", "labels", "pod-template-hash"]] = .string(plain)
        XCTAssertEqual(PodTemplateHash.compute(template: labelled, collisionCount: nil), plain)
        XCTAssertTrue(PodTemplateHash.equalIgnoringHash(labelled, template))
        var withEmpty = template
        withEmpty[path: ["metadata", "annotations"]] = .emptyObject
        XCTAssertTrue(PodTemplateHash.equalIgnoringHash(withEmpty, template))
        var changed = template
        changed[path: ["metadata", "labels", "tier"]] = "x"
        XCTAssertFalse(PodTemplateHash.equalIgnoringHash(changed, template))
    }

    func testNewReplicaSetReplicasIsBoundedBySurgeAndReplicas() {
        let d = deployment(replicas: 10, surge: 3, unavailable: 2)
        XCTAssertEqual(RolloutArithmetic.newReplicaSetReplicas(d, allSpecs: [10, 0], newSpec: 0), 3)
        XCTAssertEqual(RolloutArithmetic.newReplicaSetReplicas(d, allSpecs: [8, 3], newSpec: 3), 5)
        XCTAssertEqual(RolloutArithmetic.newReplicaSetReplicas(d, allSpecs: [8, 5], newSpec: 5), 5)
        XCTAssertEqual(RolloutArithmetic.newReplicaSetReplicas(d, allSpecs: [0], newSpec: 0), 10)
    }

    private func replicaSet(_ name: String, spec: Int, max: Int?, created: String) -> JSONValue {
        var rs: JSONValue = ["metadata": ["name": .string(name), "creationTimestamp": .string(created)],
                             "spec": ["replicas": .int(spec)]]
        if let max { rs[path: ["metadata", "annotations"]] = ["deployment.kubernetes.io/max-replicas": .string(String(max))] }
        return rs
    }

    func testProportionalScalingDocsExample() {
        var d = deployment(replicas: 15, surge: 3, unavailable: 2)
        let old = replicaSet("web-a", spec: 8, max: 13, created: "2024-01-01T00:00:00Z")
        let new = replicaSet("web-b", spec: 5, max: 13, created: "2024-01-01T00:01:00Z")
        XCTAssertEqual(ProportionalScaling.sizes(d, active: [old, new]), ["web-a": 11, "web-b": 7])
        d[path: ["spec", "replicas"]] = 0
        XCTAssertEqual(ProportionalScaling.sizes(d, active: [old, new]), ["web-a": 0, "web-b": 0])
    }

    func testSettingAConditionWithTheSameReasonChangesNothing() {
        let t0 = Timestamp(seconds: 1000), t1 = Timestamp(seconds: 2000)
        var status: JSONValue = .emptyObject
        DeploymentConditions.set(&status, DeploymentConditions.make("Progressing", "True", "NewReplicaSetCreated", "m", now: t0))
        DeploymentConditions.set(&status, DeploymentConditions.make("Available", "True", "MinimumReplicasAvailable", "a", now: t0))
        let before = status
        DeploymentConditions.set(&status, DeploymentConditions.make("Progressing", "True", "NewReplicaSetCreated", "other", now: t1))
        XCTAssertEqual(status, before)
        DeploymentConditions.set(&status, DeploymentConditions.make("Progressing", "True", "ReplicaSetUpdated", "p", now: t1))
        let conditions = status["conditions"]?.arrayValue ?? []
        XCTAssertEqual(conditions.map { $0["type"] }, ["Available", "Progressing"])
        XCTAssertEqual(conditions[1]["lastTransitionTime"], .string(t0.rfc3339))
        XCTAssertEqual(conditions[1]["lastUpdateTime"], .string(t1.rfc3339))
        DeploymentConditions.set(&status, DeploymentConditions.make("Progressing", "False", "ProgressDeadlineExceeded", "x", now: t1))
        XCTAssertEqual(DeploymentConditions.find(status, "Progressing")?["lastTransitionTime"], .string(t1.rfc3339))
    }

    func testCleanupLooksOnlyAtTheOldestBeyondTheLimit() {
        func rs(_ name: String, revision: Int, spec: Int) -> JSONValue {
            ["metadata": ["name": .string(name), "generation": 1,
                          "annotations": ["deployment.kubernetes.io/revision": .string(String(revision))]],
             "spec": ["replicas": .int(spec)], "status": ["replicas": .int(spec), "observedGeneration": 1]]
        }
        let old = [rs("web-2", revision: 2, spec: 0), rs("web-1", revision: 1, spec: 2)]
        XCTAssertEqual(RevisionHistoryCleanup.deletable(old: old, limit: 0).map(\.name), ["web-2"])
        XCTAssertEqual(RevisionHistoryCleanup.deletable(old: old, limit: 1).map(\.name), [])
        XCTAssertEqual(RevisionHistoryCleanup.deletable(old: old, limit: nil).map(\.name), [])
    }

    func testRevisionHistoryIsAppendedWhenAReplicaSetIsReused() {
        let d: JSONValue = ["metadata": ["annotations": ["kubernetes.io/change-cause": "undo",
                                                         "kubectl.kubernetes.io/last-applied-configuration": "{}"]],
                            "spec": ["replicas": 3]]
        let result = DeploymentAnnotations.newReplicaSetAnnotations(
            deployment: d, current: ["deployment.kubernetes.io/revision": "2", "deployment.kubernetes.io/revision-history": "1"],
            newRevision: 4, exists: true)
        XCTAssertTrue(result.changed)
        XCTAssertEqual(result.annotations, ["deployment.kubernetes.io/revision": "4",
                                            "deployment.kubernetes.io/revision-history": "1,2",
                                            "kubernetes.io/change-cause": "undo"])
        let higher = DeploymentAnnotations.newReplicaSetAnnotations(
            deployment: ["spec": ["replicas": 3]], current: ["deployment.kubernetes.io/revision": "7"], newRevision: 4, exists: true)
        XCTAssertFalse(higher.changed)
        XCTAssertEqual(higher.annotations["deployment.kubernetes.io/revision"], "7")
    }
}
