import XCTest
import Model
import Store
import Determinism
@testable import Controllers

final class KubeletRulesTests: XCTestCase {
    func testBackOffSequenceAndResetAfterALongRun() {
        XCTAssertEqual((1...8).map { CrashLoopBackOff.wait(restart: $0, lastRun: 10) }, [0, 10, 20, 40, 80, 160, 300, 300])
        XCTAssertEqual(CrashLoopBackOff.wait(restart: 5, lastRun: 601), 0, "a run over 10 minutes resets the back-off")
    }

    func testImageNamesAreQualifiedAsTheRuntimeReportsThem() {
        XCTAssertEqual(ImageReference.qualified("nginx"), "docker.io/library/nginx:latest")
        XCTAssertEqual(ImageReference.qualified("nginx:1.25"), "docker.io/library/nginx:1.25")
        XCTAssertEqual(ImageReference.qualified("bitnami/redis:7"), "docker.io/bitnami/redis:7")
        XCTAssertEqual(ImageReference.qualified("registry.k8s.io/pause:3.10"), "registry.k8s.io/pause:3.10")
        XCTAssertEqual(ImageReference.qualified("localhost:5000/app"), "localhost:5000/app:latest")
        XCTAssertEqual(ImageReference.imageID("nginx:1.25"), ImageReference.imageID("docker.io/library/nginx:1.25"))
    }

    func testTolerationSecondsForTheUnreachableTaint() {
        let taint: JSONValue = ["key": "node.kubernetes.io/unreachable", "effect": "NoExecute"]
        func pod(_ tolerations: JSONValue) -> JSONValue { ["spec": ["tolerations": tolerations]] }
        XCTAssertEqual(Tolerations.allowance(pod([]), taint), .seconds(0))
        XCTAssertEqual(Tolerations.allowance(pod([["key": "node.kubernetes.io/unreachable", "operator": "Exists",
                                                   "effect": "NoExecute", "tolerationSeconds": 300]]), taint), .seconds(300))
        XCTAssertEqual(Tolerations.allowance(pod([["operator": "Exists"]]), taint), .forever)
        XCTAssertEqual(Tolerations.allowance(pod([["operator": "Exists"], ["key": "node.kubernetes.io/unreachable",
                                                  "operator": "Exists", "tolerationSeconds": 60]]), taint), .seconds(60))
        XCTAssertEqual(Tolerations.allowance(pod([["key": "other", "operator": "Exists"]]), taint), .seconds(0))
    }

    func testProbeTimingIsTheFirstProbeAtOrAfterTheInitialDelay() {
        let behaviour = PodBehaviour(pod: [:])
        func probe(_ fields: JSONValue) -> JSONValue { ["readinessProbe": fields] }
        XCTAssertEqual(behaviour.readyDelay([:]), 0)
        XCTAssertEqual(behaviour.readyDelay(probe(["initialDelaySeconds": 5, "periodSeconds": 10])), 10)
        XCTAssertEqual(behaviour.readyDelay(probe(["initialDelaySeconds": 20, "periodSeconds": 10])), 20)
        XCTAssertEqual(behaviour.readyDelay(probe(["periodSeconds": 5, "successThreshold": 3])), 10)
        XCTAssertNil(PodBehaviour(pod: ["metadata": ["annotations": [SimulationAnnotation.ready: "never"]]]).readyDelay([:]))
    }

    func testTheSameStepsGiveTheSameLog() throws {
        func run() throws -> [String] {
            let scenario = try KubeletScenario()
            try scenario.pod("a", annotations: [SimulationAnnotation.exitCode: "1", SimulationAnnotation.runDuration: "10s"])
            try scenario.pod("b", node: "node-2")
            try scenario.at(120)
            return try scenario.store.readEvents(EventFilter()).map { "\($0.seq) \($0.time) \($0.actor) \($0.verb.rawValue) \($0.name) \($0.object ?? "")" }
        }
        XCTAssertEqual(try run(), try run())
    }
}
