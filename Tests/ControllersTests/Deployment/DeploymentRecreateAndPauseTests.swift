import XCTest
import Model
import Store
import Controllers

/// T10 Recreate, T17 scale with template change, T18 pause/resume, T27 cleanup while paused.
final class DeploymentRecreateAndPauseTests: XCTestCase {
    func testRecreateWaitsForEveryOldPodBeforeCreatingTheNewReplicaSet() throws {
        let world = try DeploymentScenario()
        try world.create(DeploymentScenario.manifest(replicas: 3, strategy: ["type": "Recreate"]))
        let a = try world.replicaSets()[0]
        // A pod of A that is still around (the fake ReplicaSet controller makes none).
        try world.store.create([
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "web-old", "namespace": "default", "labels": .fromStringMap(a.labels),
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(a.name),
                                              "uid": .string(a.uid), "controller": true, "blockOwnerDeletion": true]]],
            "spec": ["containers": [["name": "nginx", "image": "nginx:1.14.2"]]],
        ])
        try world.engine.settle()
        try world.setImage("nginx:1.16.1")
        XCTAssertEqual(try world.specs(), [0])
        XCTAssertEqual(try world.eventMessages().last, "Scaled down replica set \(a.name) from 3 to 0")
        XCTAssertEqual(try world.conditionState("Available"), ["False", "MinimumReplicasUnavailable"])

        try world.store.delete(.pod, namespace: "default", name: "web-old", options: DeleteOptions(gracePeriodSeconds: 0))
        try world.engine.settle()
        let sets = try world.replicaSets()
        XCTAssertEqual(try world.specs(), [0, 3])
        assertReplicaSetName(sets[1].name)
        XCTAssertEqual(try world.eventMessages().last, "Scaled up replica set \(sets[1].name) from 0 to 3")
        for step in try world.rolloutSteps() { XCTAssertLessThanOrEqual(step.filter { $0 > 0 }.count, 1, "\(step)") }
        XCTAssertEqual(try world.conditionState("Available"), ["True", "MinimumReplicasAvailable"])
    }

    func testTemplateAndReplicasInOneWriteScaleFirstThenRollOut() throws {
        let world = try DeploymentScenario()
        try world.create(DeploymentScenario.manifest(replicas: 3, strategy: DeploymentScenario.rolling(surge: 1, unavailable: 0)))
        try world.patch(["spec": ["replicas": 5, "template": ["spec": ["containers": [["name": "nginx", "image": "nginx:1.16.1"]]]]]])
        XCTAssertEqual(try world.rolloutSteps(), [[3], [5], [5, 1], [4, 1], [4, 2], [3, 2], [3, 3], [2, 3], [2, 4], [1, 4],
                                                   [1, 5], [0, 5]])
    }

    func testPausedDeploymentScalesButDoesNotRollOutUntilResumed() throws {
        let world = try DeploymentScenario()
        try world.create(DeploymentScenario.manifest(replicas: 3, strategy: DeploymentScenario.rolling(surge: 1, unavailable: 0)))
        try world.patch(["spec": ["paused": true]])
        XCTAssertEqual(try world.conditionState("Progressing"), ["Unknown", "DeploymentPaused"])
        XCTAssertEqual(try world.condition("Progressing")?["message"], "Deployment is paused")

        try world.setImage("nginx:1.16.1")
        XCTAssertEqual(try world.replicaSets().count, 1)
        let deployment = try world.deployment()
        XCTAssertEqual(try world.status("observedGeneration"), deployment.generation)
        XCTAssertEqual(try world.status("updatedReplicas"), 0)

        try world.scale(5)
        XCTAssertEqual(try world.specs(), [5])
        try world.advance(1200)
        XCTAssertEqual(try world.conditionState("Progressing"), ["Unknown", "DeploymentPaused"])

        let stepsBefore = try world.rolloutSteps().count
        try world.patch(["spec": ["paused": nil]])
        XCTAssertEqual(Array(try world.progressingReasons().suffix(4)),
                       ["DeploymentResumed", "NewReplicaSetCreated", "ReplicaSetUpdated", "NewReplicaSetAvailable"])
        XCTAssertEqual(Array(try world.rolloutSteps().dropFirst(stepsBefore)),
                       [[5, 1], [4, 1], [4, 2], [3, 2], [3, 3], [2, 3], [2, 4], [1, 4], [1, 5], [0, 5]])
    }

    func testPausedCleanupSkipsOldReplicaSetsThatStillHaveReplicas() throws {
        let world = try DeploymentScenario()
        try world.setUnready("nginx:2", "all")
        try world.setUnready("nginx:3", "all")
        try world.create(DeploymentScenario.manifest(replicas: 2, strategy: DeploymentScenario.rolling(surge: 1, unavailable: 0)))
        try world.advance(10)
        try world.setImage("nginx:2")
        try world.advance(10)
        try world.setImage("nginx:3")
        let sets = try world.replicaSets()
        XCTAssertEqual(try world.specs(), [2, 0, 1])
        XCTAssertEqual(sets.map { $0.annotations["deployment.kubernetes.io/revision"] }, ["1", "2", "3"])

        try world.patch(["spec": ["paused": true, "revisionHistoryLimit": 0]])
        XCTAssertEqual(try world.replicaSets().map(\.name), [sets[0].name, sets[2].name])
    }
}
