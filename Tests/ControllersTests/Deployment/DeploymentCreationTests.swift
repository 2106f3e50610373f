import XCTest
import Model
import Store
import Controllers

/// T1, T3: creating a Deployment.
final class DeploymentCreationTests: XCTestCase {
    func testDefaultsAreStoredAndRecreateWithRollingUpdateIsForbidden() throws {
        let world = try DeploymentScenario()
        var manifest = DeploymentScenario.manifest(replicas: nil)
        let created = try world.store.create(manifest)
        let spec = created["spec"]
        XCTAssertEqual(spec?["replicas"], 1)
        XCTAssertEqual(spec?[path: ["strategy", "type"]], "RollingUpdate")
        XCTAssertEqual(spec?[path: ["strategy", "rollingUpdate", "maxSurge"]], "25%")
        XCTAssertEqual(spec?[path: ["strategy", "rollingUpdate", "maxUnavailable"]], "25%")
        XCTAssertEqual(spec?["revisionHistoryLimit"], 10)
        XCTAssertEqual(spec?["progressDeadlineSeconds"], 600)
        XCTAssertEqual(created.generation, 1)

        manifest[path: ["metadata", "name"]] = "other"
        manifest[path: ["spec", "strategy"]] = ["type": "Recreate", "rollingUpdate": ["maxSurge": 1]]
        XCTAssertThrowsError(try world.store.create(manifest)) { error in
            XCTAssertEqual((error as? APIError)?.code, 422)
            XCTAssertTrue("\(error)".contains("spec.strategy.rollingUpdate"), "\(error)")
        }
    }

    func testFirstCreationMakesOneReplicaSetWithAllReplicas() throws {
        let world = try DeploymentScenario()
        try world.setUnready("nginx:1.14.2", "all")
        try world.create(DeploymentScenario.manifest(replicas: 3))

        let sets = try world.replicaSets()
        XCTAssertEqual(sets.count, 1)
        let rs = sets[0]
        assertReplicaSetName(rs.name)
        let hash = String(rs.name.dropFirst("web-".count))
        XCTAssertEqual(rs[path: ["spec", "replicas"]], 3)
        XCTAssertEqual(rs.labels, ["app": "web", "pod-template-hash": hash])
        XCTAssertEqual(rs[path: ["spec", "selector", "matchLabels"]], ["app": "web", "pod-template-hash": .string(hash)])
        XCTAssertEqual(rs[path: ["spec", "template", "metadata", "labels", "pod-template-hash"]], .string(hash))
        let deployment = try world.deployment()
        XCTAssertEqual(rs.ownerReferences, [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                             "uid": .string(deployment.uid), "controller": true, "blockOwnerDeletion": true]])
        XCTAssertEqual(rs.annotations, ["deployment.kubernetes.io/revision": "1",
                                        "deployment.kubernetes.io/desired-replicas": "3",
                                        "deployment.kubernetes.io/max-replicas": "4"])
        XCTAssertEqual(deployment.annotations["deployment.kubernetes.io/revision"], "1")
        XCTAssertEqual(try world.eventMessages(), ["Scaled up replica set \(rs.name) from 0 to 3"])
        // The creating sync sets NewReplicaSetCreated; once the pods exist (not ready) it becomes ReplicaSetUpdated.
        XCTAssertEqual(try world.progressingReasons(), ["NewReplicaSetCreated", "ReplicaSetUpdated"])
        let createdStatus = try world.controllerWrites(kind: "Deployment").first {
            $0.verb == .status && ($0.object ?? "").contains("NewReplicaSetCreated")
        }?.object ?? ""
        XCTAssertTrue(createdStatus.contains("Created new replica set \\\"\(rs.name)\\\""), createdStatus)
        XCTAssertEqual(try world.conditionState("Available"), ["False", "MinimumReplicasUnavailable"])
        XCTAssertEqual(try world.condition("Available")?["message"], "Deployment does not have minimum availability.")

        try world.setUnready("nginx:1.14.2", "0")
        XCTAssertEqual(try world.conditionState("Available"), ["True", "MinimumReplicasAvailable"])
        XCTAssertEqual(try world.conditionState("Progressing"), ["True", "NewReplicaSetAvailable"])
        XCTAssertEqual(try world.condition("Progressing")?["message"],
                       .string("ReplicaSet \"\(rs.name)\" has successfully progressed."))
        for field in ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] {
            XCTAssertEqual(try world.status(field), 3, field)
        }
        XCTAssertEqual(try world.status("unavailableReplicas"), 0)
        XCTAssertEqual(try world.status("observedGeneration"), 1)
        XCTAssertEqual(try world.eventMessages().count, 1)
    }
}
