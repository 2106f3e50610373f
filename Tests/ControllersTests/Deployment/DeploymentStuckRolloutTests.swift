import XCTest
import Model
import Store
import Controllers

/// T11, T13, T15, T32: rollouts whose new pods do not become ready.
final class DeploymentStuckRolloutTests: XCTestCase {
    /// T11: R=10, surge 3, unavailable 2, B never ready.
    private func stuck(strategy: JSONValue = DeploymentScenario.rolling(surge: 3, unavailable: 2)) throws -> DeploymentScenario {
        let world = try DeploymentScenario()
        try world.setUnready("nginx:1.16.1", "all")
        try world.create(DeploymentScenario.manifest(replicas: 10, strategy: strategy))
        try world.advance(10)
        try world.setImage("nginx:1.16.1")
        return world
    }

    func testStuckRolloutStopsAtASafeLevel() throws {
        let world = try stuck()
        XCTAssertEqual(try world.rolloutSteps(), [[10], [8, 3], [8, 5]])
        XCTAssertEqual(try world.status("replicas"), 13)
        XCTAssertEqual(try world.status("updatedReplicas"), 5)
        XCTAssertEqual(try world.status("readyReplicas"), 8)
        XCTAssertEqual(try world.status("availableReplicas"), 8)
        XCTAssertEqual(try world.status("unavailableReplicas"), 5)
        XCTAssertEqual(try world.conditionState("Available"), ["True", "MinimumReplicasAvailable"])
        XCTAssertEqual(try world.conditionState("Progressing"), ["True", "ReplicaSetUpdated"])
    }

    func testScalingDownAStuckRolloutIsProportional() throws {
        let world = try stuck(strategy: DeploymentScenario.rolling(surge: "25%", unavailable: "25%"))
        XCTAssertEqual(try world.specs(), [8, 5])
        XCTAssertEqual(try world.replicaSets().map { $0.annotations["deployment.kubernetes.io/max-replicas"] }, ["13", "13"])
        try world.scale(5)
        XCTAssertEqual(try world.specs(), [4, 3])
        let sets = try world.replicaSets()
        XCTAssertEqual(Array(try world.eventMessages().suffix(2)), [
            "Scaled down replica set \(sets[0].name) from 8 to 4", "Scaled down replica set \(sets[1].name) from 5 to 3",
        ])
        XCTAssertEqual(sets.map { $0.annotations["deployment.kubernetes.io/desired-replicas"] }, ["5", "5"])
        XCTAssertEqual(sets.map { $0.annotations["deployment.kubernetes.io/max-replicas"] }, ["7", "7"])
    }

    func testScalingAStuckRolloutToSevenIsProportional() throws {
        let world = try stuck(strategy: DeploymentScenario.rolling(surge: "25%", unavailable: "25%"))
        try world.scale(7)
        XCTAssertEqual(try world.specs(), [6, 3])
    }

    func testScalingUpAStuckRolloutFollowsTheDocsExample() throws {
        let world = try stuck()
        try world.scale(15)
        XCTAssertEqual(try world.specs(), [11, 7])
    }

    func testUndoOfAStuckRolloutReusesTheOldReplicaSet() throws {
        let world = try stuck()
        let (a, b) = (try world.replicaSets()[0], try world.replicaSets()[1])
        let before = try world.eventMessages().count
        try world.undo(to: a)
        XCTAssertEqual(try world.specs(), [10, 0])
        XCTAssertEqual(Array(try world.eventMessages().dropFirst(before)), [
            "Scaled down replica set \(b.name) from 5 to 0", "Scaled up replica set \(a.name) from 8 to 10",
        ])
        let sets = try world.replicaSets()
        XCTAssertEqual(sets[0].annotations["deployment.kubernetes.io/revision"], "3")
        XCTAssertEqual(sets[0].annotations["deployment.kubernetes.io/revision-history"], "1")
        XCTAssertEqual(sets.compactMap { $0.annotations["deployment.kubernetes.io/revision"] }.sorted(), ["2", "3"])
        XCTAssertEqual(try world.deployment().annotations["deployment.kubernetes.io/revision"], "3")
        XCTAssertEqual(try world.conditionState("Progressing"), ["True", "NewReplicaSetAvailable"])
    }

    func testUnhealthyOldReplicasAreRemovedFirst() throws {
        let world = try DeploymentScenario()
        try world.setUnready("nginx:1.14.2", "1")
        try world.create(DeploymentScenario.manifest(replicas: 10, strategy: DeploymentScenario.rolling(surge: 3, unavailable: 2)))
        XCTAssertEqual(try world.status("availableReplicas"), 9)
        let before = try world.eventMessages().count
        try world.setImage("nginx:1.16.1")
        let sets = try world.replicaSets()
        XCTAssertEqual(Array(try world.eventMessages().dropFirst(before).prefix(3)), [
            "Scaled up replica set \(sets[1].name) from 0 to 3",
            "Scaled down replica set \(sets[0].name) from 10 to 9",
            "Scaled down replica set \(sets[0].name) from 9 to 8",
        ])
        XCTAssertEqual(try world.rolloutSteps()[1], [8, 3])
    }
}
