import XCTest
import Model
import Store
import Determinism
import Controllers

/// T28 progress deadline, T31 condition mechanics.
final class DeploymentProgressTests: XCTestCase {
    func testProgressDeadlineFiresInSimulatedTimeAndProgressClearsIt() throws {
        let world = try DeploymentScenario()
        var manifest = DeploymentScenario.manifest(replicas: 1)
        manifest[path: ["spec", "progressDeadlineSeconds"]] = 30
        try world.create(manifest)
        try world.setUnready("nginx:1.16.1", "all")
        try world.advance(100)
        try world.setImage("nginx:1.16.1")
        XCTAssertEqual(try world.specs(), [1, 1])
        XCTAssertEqual(Array(try world.progressingReasons().suffix(2)), ["NewReplicaSetCreated", "ReplicaSetUpdated"])
        let updated = try world.condition("Progressing")?["lastUpdateTime"]?.stringValue

        try world.advance(30)
        XCTAssertEqual(try world.conditionState("Progressing"), ["True", "ReplicaSetUpdated"])
        try world.advance(1)
        let b = try world.replicaSets()[1].name
        XCTAssertEqual(try world.conditionState("Progressing"), ["False", "ProgressDeadlineExceeded"])
        XCTAssertEqual(try world.condition("Progressing")?["message"], .string("ReplicaSet \"\(b)\" has timed out progressing."))
        XCTAssertEqual(try world.condition("Progressing")?["lastUpdateTime"]?.stringValue,
                       (Timestamp(rfc3339: updated ?? "")! + 31).rfc3339)
        XCTAssertEqual(try world.specs(), [1, 1])
        XCTAssertEqual(try world.conditionState("Available"), ["True", "MinimumReplicasAvailable"])

        try world.advance(600)
        XCTAssertEqual(try world.specs(), [1, 1])
        try world.setUnready("nginx:1.16.1", "0")
        XCTAssertEqual(try world.specs(), [0, 1])
        XCTAssertEqual(Array(try world.progressingReasons().suffix(3)),
                       ["ProgressDeadlineExceeded", "ReplicaSetUpdated", "NewReplicaSetAvailable"])
    }

    func testProgressingMovesToTheEndKeepingItsTransitionTime() throws {
        let world = try DeploymentScenario()
        try world.setUnready("nginx:1.14.2", "all")
        try world.create(DeploymentScenario.manifest(replicas: 3))
        let first = try XCTUnwrap(world.condition("Progressing"))
        try world.advance(10)
        try world.setUnready("nginx:1.14.2", "0")
        let conditions = try world.deployment()[path: ["status", "conditions"]]?.arrayValue ?? []
        XCTAssertEqual(conditions.map { $0["type"]?.stringValue }, ["Available", "Progressing"])
        let progressing = conditions[1]
        XCTAssertEqual(progressing["reason"], "NewReplicaSetAvailable")
        XCTAssertEqual(progressing["lastTransitionTime"], first["lastTransitionTime"])
        XCTAssertNotEqual(progressing["lastUpdateTime"], first["lastUpdateTime"])

        // Nothing changes on later syncs: same status and reason leave the timestamps alone.
        try world.advance(700)
        XCTAssertEqual(try world.deployment()[path: ["status", "conditions"]]?.arrayValue ?? [], conditions)
    }

    func testNoDeadlineMeansNoProgressingCondition() throws {
        let world = try DeploymentScenario()
        var manifest = DeploymentScenario.manifest(replicas: 2)
        manifest[path: ["spec", "progressDeadlineSeconds"]] = 2_147_483_647
        try world.create(manifest)
        try world.setImage("nginx:1.16.1")
        XCTAssertNil(try world.condition("Progressing"))
        XCTAssertEqual(try world.progressingReasons(), [])
        XCTAssertEqual(try world.conditionState("Available"), ["True", "MinimumReplicasAvailable"])
    }
}
