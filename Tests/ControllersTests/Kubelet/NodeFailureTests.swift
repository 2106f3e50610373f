import XCTest
import Model
import Store
import Determinism
@testable import Controllers

final class NodeFailureTests: XCTestCase {
    func fail(_ scenario: KubeletScenario, _ node: String) throws {
        try scenario.store.patch(.node, namespace: "", name: node, patch: ["metadata": ["annotations": [
            SimulationAnnotation.kubelet: "down", SimulationAnnotation.kubeletStoppedAt: .string(try scenario.store.now().rfc3339)]]],
            type: .merge)
        try scenario.engine.settle()
    }

    func recover(_ scenario: KubeletScenario, _ node: String) throws {
        try scenario.store.patch(.node, namespace: "", name: node, patch: ["metadata": ["annotations": [
            SimulationAnnotation.kubelet: .null, SimulationAnnotation.kubeletStoppedAt: .null]]], type: .merge)
        try scenario.engine.settle()
    }

    func testNodeTurnsNotReadyAfterFortySecondsAndPodsAreEvictedWhenTolerationsRunOut() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("default-toleration", node: "node-2")
        try scenario.pod("short-toleration", node: "node-2", extraSpec: ["tolerations": [
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 60]]])
        try scenario.pod("stays", node: "node-2", extraSpec: ["tolerations": [
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute"]]])
        try scenario.pod("elsewhere", node: "node-1")
        try fail(scenario, "node-2")

        try scenario.at(39)
        XCTAssertEqual(try scenario.node("node-2").condition("Ready")?["status"], "True")
        XCTAssertEqual(try scenario.get("stays")?.condition("Ready")?["status"], "True")

        try scenario.at(40)
        let node = try scenario.node("node-2")
        for type in ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"] {
            XCTAssertEqual(node.condition(type)?["status"], "Unknown", type)
            XCTAssertEqual(node.condition(type)?["reason"], "NodeStatusUnknown", type)
            XCTAssertEqual(node.condition(type)?["message"], "Kubelet stopped posting node status.", type)
        }
        XCTAssertEqual(node.condition("Ready")?["lastTransitionTime"]?.stringValue, scenario.time(40))
        XCTAssertEqual(node[path: ["spec", "taints"]], [
            ["key": "node.kubernetes.io/unreachable", "effect": "NoExecute", "timeAdded": .string(scenario.time(40))],
            ["key": "node.kubernetes.io/unreachable", "effect": "NoSchedule"],
        ])
        let nodeEvents = try scenario.store.list(.event, namespace: "default").filter { $0[path: ["involvedObject", "kind"]] == "Node" }
        XCTAssertEqual(nodeEvents.map { $0["message"]?.stringValue }, ["Node node-2 status is now: NodeNotReady"])
        for name in ["default-toleration", "short-toleration", "stays"] {
            let pod = try XCTUnwrap(scenario.get(name))
            XCTAssertEqual(pod.condition("Ready")?["status"], "False", name)
            XCTAssertEqual(pod.condition("ContainersReady")?["status"], "True", name)
            XCTAssertEqual(pod.phase, "Running", name)
            XCTAssertTrue(try scenario.events(about: name).contains { $0.type == "Warning" && $0.reason == "NodeNotReady" && $0.message == "Node is not ready" })
        }
        XCTAssertEqual(try scenario.get("elsewhere")?.condition("Ready")?["status"], "True")

        try scenario.at(99)
        XCTAssertNil(try scenario.get("short-toleration")?.deletionTimestamp)
        try scenario.at(100)
        let evicted = try XCTUnwrap(scenario.get("short-toleration"))
        XCTAssertEqual(evicted.deletionTimestamp, scenario.time(130))
        XCTAssertEqual(evicted.condition("DisruptionTarget")?["reason"], "DeletionByTaintManager")
        XCTAssertEqual(evicted.conditionTypes.first, "DisruptionTarget")
        XCTAssertTrue(try scenario.events(about: "short-toleration").contains {
            $0.reason == "TaintManagerEviction" && $0.message == "Marking for deletion Pod default/short-toleration"
        })
        try scenario.at(130)
        XCTAssertNil(try scenario.get("short-toleration"), "forced out once the grace period is over")

        try scenario.at(339)
        XCTAssertNil(try scenario.get("default-toleration")?.deletionTimestamp)
        try scenario.at(340)
        XCTAssertEqual(try scenario.get("default-toleration")?.deletionTimestamp, scenario.time(370))
        try scenario.at(370)
        XCTAssertNil(try scenario.get("default-toleration"))
        XCTAssertNotNil(try scenario.get("stays"))

        try recover(scenario, "node-2")
        let recovered = try scenario.node("node-2")
        XCTAssertEqual(recovered.condition("Ready")?["status"], "True")
        XCTAssertEqual(recovered.condition("Ready")?["reason"], "KubeletReady")
        XCTAssertNil(recovered[path: ["spec", "taints"]])
        XCTAssertNil(recovered.annotations[SimulationAnnotation.kubeletStoppedAt])
        XCTAssertEqual(try scenario.get("stays")?.condition("Ready")?["status"], "True")
        let readyEvent = try scenario.store.list(.event, namespace: "default").first { $0["reason"] == "NodeReady" }
        XCTAssertEqual(readyEvent?["message"], "Node node-2 status is now: NodeReady")
    }

    func testAKubeletThatIsDownLeavesItsPodsAlone() throws {
        let scenario = try KubeletScenario()
        try fail(scenario, "node-3")
        try scenario.pod("orphan", node: "node-3")
        XCTAssertNil(try scenario.get("orphan")?[path: ["status", "startTime"]])
        try recover(scenario, "node-3")
        XCTAssertEqual(try scenario.get("orphan")?.phase, "Running")
    }

    func testARecoveryBeforeTheGracePeriodChangesNothing() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("web", node: "node-2")
        try fail(scenario, "node-2")
        try scenario.at(30)
        try recover(scenario, "node-2")
        try scenario.at(100)
        XCTAssertEqual(try scenario.node("node-2").condition("Ready")?["status"], "True")
        XCTAssertEqual(try scenario.get("web")?.condition("Ready")?["status"], "True")
        XCTAssertTrue(try scenario.store.list(.event, namespace: "default").allSatisfy { $0["reason"] != "NodeNotReady" })
    }
}
