import XCTest
import Model
import Store
import Controllers

/// T4–T9: rolling updates with instant readiness, step by step.
final class DeploymentRollingUpdateTests: XCTestCase {
    /// Creates `web` healthy at `replicas`, changes the image, and returns the world.
    private func rollout(replicas: Int, surge: JSONValue, unavailable: JSONValue) throws -> DeploymentScenario {
        let world = try DeploymentScenario()
        try world.create(DeploymentScenario.manifest(
            replicas: replicas, strategy: DeploymentScenario.rolling(surge: surge, unavailable: unavailable)))
        try world.advance(10)
        try world.setImage("nginx:1.16.1")
        return world
    }

    func testSurgeOneUnavailableZero() throws {
        let world = try rollout(replicas: 3, surge: 1, unavailable: 0)
        XCTAssertEqual(try world.rolloutSteps(), [[3], [3, 1], [2, 1], [2, 2], [1, 2], [1, 3], [0, 3]])
        let sets = try world.replicaSets()
        XCTAssertEqual(sets.count, 2)
        let (a, b) = (sets[0].name, sets[1].name)
        sets.forEach { assertReplicaSetName($0.name) }
        XCTAssertEqual(Array(try world.eventMessages().dropFirst()), [
            "Scaled up replica set \(b) from 0 to 1", "Scaled down replica set \(a) from 3 to 2",
            "Scaled up replica set \(b) from 1 to 2", "Scaled down replica set \(a) from 2 to 1",
            "Scaled up replica set \(b) from 2 to 3", "Scaled down replica set \(a) from 1 to 0",
        ])
        XCTAssertEqual(sets[1].annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(try world.deployment().annotations["deployment.kubernetes.io/revision"], "2")
        XCTAssertEqual(sets[0][path: ["spec", "replicas"]], 0)
        for step in try world.rolloutSteps() { XCTAssertLessThanOrEqual(step.reduce(0, +), 4) }
        XCTAssertEqual(try world.conditionState("Progressing"), ["True", "NewReplicaSetAvailable"])
        XCTAssertEqual(try world.status("updatedReplicas"), 3)
        XCTAssertEqual(try world.status("replicas"), 3)
    }

    func testDefaultsWithFourReplicas() throws {
        let world = try rollout(replicas: 4, surge: "25%", unavailable: "25%")
        XCTAssertEqual(try world.rolloutSteps(), [[4], [3, 1], [3, 2], [1, 2], [1, 4], [0, 4]])
    }

    func testDefaultsWithTenReplicas() throws {
        let world = try rollout(replicas: 10, surge: "25%", unavailable: "25%")
        XCTAssertEqual(try world.rolloutSteps(), [[10], [8, 3], [8, 5], [3, 5], [3, 10], [0, 10]])
    }

    func testNoSurgeCreatesTheNewReplicaSetSilentlyAtZero() throws {
        let world = try rollout(replicas: 3, surge: 0, unavailable: 1)
        XCTAssertEqual(try world.rolloutSteps(), [[3], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 3]])
        let b = try world.replicaSets()[1].name
        XCTAssertFalse(try world.eventMessages().contains("Scaled up replica set \(b) from 0 to 0"))
        XCTAssertEqual(try world.eventMessages().filter { $0.contains(b) }.first, "Scaled up replica set \(b) from 0 to 1")
    }

    func testFencepostGivesOneUnavailable() throws {
        let world = try rollout(replicas: 5, surge: 0, unavailable: "10%")
        XCTAssertEqual(try world.rolloutSteps(), [[5], [4, 0], [4, 1], [3, 1], [3, 2], [2, 2], [2, 3], [1, 3], [1, 4],
                                                   [0, 4], [0, 5]])
        XCTAssertEqual(try world.eventMessages().count, 1 + 10)
    }

    func testSurgeTwoUnavailableTwo() throws {
        let world = try rollout(replicas: 6, surge: 2, unavailable: 2)
        XCTAssertEqual(try world.rolloutSteps(), [[6], [4, 2], [4, 4], [0, 4], [0, 6]])
    }
}
