import XCTest
import Model
import Store
import Controllers

/// T25 change-cause copying, T37 hash collision, T38 deleting the current ReplicaSet, T41 generations,
/// T42 revision annotation lag.
final class DeploymentRevisionTests: XCTestCase {
    /// `web` at revision 2: A (rev 1) drained, B (rev 2) with 3 replicas.
    private func atRevisionTwo() throws -> DeploymentScenario {
        let world = try DeploymentScenario()
        try world.create(DeploymentScenario.manifest(replicas: 3))
        try world.advance(10)
        try world.setImage("nginx:1.16.1")
        XCTAssertEqual(try world.specs(), [0, 3])
        return world
    }

    func testChangeCauseIsCopiedToTheCurrentReplicaSetAndNeverRemoved() throws {
        let world = try atRevisionTwo()
        try world.patch(["metadata": ["annotations": ["kubernetes.io/change-cause": "hotfix"]]])
        var sets = try world.replicaSets()
        XCTAssertEqual(sets.count, 2)
        XCTAssertEqual(sets[1].annotations["kubernetes.io/change-cause"], "hotfix")
        XCTAssertNil(sets[0].annotations["kubernetes.io/change-cause"])
        XCTAssertEqual(sets[1].annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(try world.deployment().annotations["deployment.kubernetes.io/revision"], "2")

        try world.patch(["metadata": ["annotations": ["kubernetes.io/change-cause": nil]]])
        sets = try world.replicaSets()
        XCTAssertEqual(sets[1].annotations["kubernetes.io/change-cause"], "hotfix")
    }

    func testHashCollisionBumpsCollisionCountAndPicksAnotherName() throws {
        let world = try DeploymentScenario()
        let manifest = DeploymentScenario.manifest(replicas: 2)
        let defaulted = try world.store.create(manifest, dryRun: true)
        let hash = PodTemplateHash.compute(template: defaulted[path: ["spec", "template"]]!, collisionCount: nil)
        try world.store.create([
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string("web-\(hash)"), "namespace": "default", "labels": ["app": "other"]],
            "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "other"]],
                     "template": ["metadata": ["labels": ["app": "other"]],
                                  "spec": ["containers": [["name": "x", "image": "busybox"]]]]],
        ])
        try world.create(manifest)
        XCTAssertEqual(try world.status("collisionCount"), 1)
        let second = PodTemplateHash.compute(template: defaulted[path: ["spec", "template"]]!, collisionCount: 1)
        XCTAssertNotEqual(second, hash)
        let ours = try world.store.list(.replicaSet, namespace: "default").filter { $0.name != "web-\(hash)" }
        XCTAssertEqual(ours.map(\.name), ["web-\(second)"])
        assertReplicaSetName(ours[0].name)
        XCTAssertEqual(ours[0][path: ["spec", "replicas"]], 2)
        XCTAssertEqual(try world.store.get(.replicaSet, namespace: "default", name: "web-\(hash)").ownerReferences, [])

        XCTAssertThrowsError(try world.store.patch(.deployment, namespace: "default", name: "web",
                                                   patch: ["status": ["collisionCount": 0]], type: .merge,
                                                   subresource: .status)) { error in
            XCTAssertEqual((error as? APIError)?.code, 422)
            XCTAssertTrue("\(error)".contains("status.collisionCount: Invalid value: 0: cannot be decremented"), "\(error)")
        }
    }

    func testDeletedCurrentReplicaSetIsRecreatedWithTheSameName() throws {
        let world = try atRevisionTwo()
        let b = try world.replicaSets()[1]
        try world.store.delete(.replicaSet, namespace: "default", name: b.name)
        try world.engine.settle()
        let sets = try world.replicaSets()
        XCTAssertEqual(sets.map(\.name).sorted(), [sets[0].name, b.name].sorted())
        let recreated = try world.store.get(.replicaSet, namespace: "default", name: b.name)
        XCTAssertNotEqual(recreated.uid, b.uid)
        XCTAssertEqual(recreated.annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(recreated[path: ["spec", "replicas"]], 3)
        XCTAssertEqual(try world.eventMessages().last, "Scaled up replica set \(b.name) from 0 to 3")
    }

    func testStatusWritesNeverBumpGenerationAndObservedGenerationCatchesUp() throws {
        let world = try DeploymentScenario()
        try world.create(DeploymentScenario.manifest(replicas: 3))
        XCTAssertEqual(try world.deployment().generation, 1)
        XCTAssertEqual(try world.status("observedGeneration"), 1)
        let a = try world.replicaSets()[0]
        XCTAssertEqual(a.generation, 1)

        try world.scale(4)
        XCTAssertEqual(try world.deployment().generation, 2)
        XCTAssertEqual(try world.status("observedGeneration"), 2)
        XCTAssertEqual(try world.replicaSets()[0].generation, 2)
        XCTAssertEqual(try world.replicaSets()[0].annotations["deployment.kubernetes.io/desired-replicas"], "4")

        let generation = try world.deployment().generation
        try world.patch(["metadata": ["annotations": ["kubernetes.io/change-cause": "resize"]]])
        let rs = try world.replicaSets()[0]
        XCTAssertEqual(rs.annotations["kubernetes.io/change-cause"], "resize")
        XCTAssertEqual(rs.generation, 2, "the controller's annotation update does not bump the RS generation")
        XCTAssertEqual(try world.status("observedGeneration"), try world.deployment().generation)
        XCTAssertGreaterThanOrEqual(try world.deployment().generation, generation)
        XCTAssertTrue(try world.controllerWrites(kind: "Deployment").allSatisfy { $0.verb == .status || $0.verb == .patch })
    }

    func testDeploymentRevisionFollowsTheReusedReplicaSetOneSyncLater() throws {
        let world = try atRevisionTwo()
        let a = try world.replicaSets()[0]
        let generationBefore = try world.deployment().generation
        let seqBefore = try world.store.lastSeq()
        try world.undo(to: a)
        let generationAfterUndo = generationBefore + 1
        XCTAssertEqual(try world.deployment().generation, generationAfterUndo)

        let reused = try world.store.get(.replicaSet, namespace: "default", name: a.name)
        XCTAssertEqual(reused.annotations["deployment.kubernetes.io/revision"], "3")
        XCTAssertEqual(reused.annotations["deployment.kubernetes.io/revision-history"], "1")
        XCTAssertEqual(try world.deployment().annotations["deployment.kubernetes.io/revision"], "3")

        let rsWrite = try XCTUnwrap(world.controllerWrites(kind: "ReplicaSet").first {
            $0.seq > seqBefore && $0.name == a.name && ($0.object ?? "").contains("\"deployment.kubernetes.io/revision\":\"3\"")
        })
        let revisionWrite = try XCTUnwrap(world.controllerWrites(kind: "Deployment").first {
            $0.seq > seqBefore && $0.verb == .status
                && ($0.object ?? "").contains("\"deployment.kubernetes.io/revision\":\"3\"")
        })
        XCTAssertGreaterThan(revisionWrite.seq, rsWrite.seq)
        XCTAssertNotEqual(revisionWrite.cause, rsWrite.cause, "D's revision is set by a later sync")
        XCTAssertEqual(try world.deployment().generation, generationAfterUndo, "the revision write does not bump generation")
    }

    func testLegacyRollbackAnnotationRestoresThePreviousTemplate() throws {
        let world = try atRevisionTwo()
        let a = try world.replicaSets()[0]
        try world.patch(["metadata": ["annotations": ["deprecated.deployment.rollback.to": "0"]]])
        let deployment = try world.deployment()
        XCTAssertNil(deployment.annotations["deprecated.deployment.rollback.to"])
        XCTAssertEqual(deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.14.2")
        XCTAssertEqual(try world.eventMessages(reason: "DeploymentRollback"), ["Rolled back deployment \"web\" to revision 1"])
        XCTAssertEqual(try world.specs(), [3, 0])
        XCTAssertEqual(try world.store.get(.replicaSet, namespace: "default", name: a.name)
            .annotations["deployment.kubernetes.io/revision"], "3")

        try world.patch(["metadata": ["annotations": ["deprecated.deployment.rollback.to": "9"]]])
        XCTAssertEqual(try world.eventMessages(reason: "DeploymentRollbackRevisionNotFound"),
                       ["Unable to find the revision to rollback to."])
        XCTAssertNil(try world.deployment().annotations["deprecated.deployment.rollback.to"])
    }
}
