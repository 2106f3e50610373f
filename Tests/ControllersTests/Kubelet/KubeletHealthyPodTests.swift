import XCTest
import Model
import Store
import Determinism
@testable import Controllers

final class KubeletHealthyPodTests: XCTestCase {
    func testBoundPodRunsReadyWithAddressesConditionsAndEvents() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("web", node: "node-2")
        let pod = try XCTUnwrap(scenario.get("web"))
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(pod[path: ["status", "hostIP"]], "10.0.0.3")
        XCTAssertEqual(pod[path: ["status", "hostIPs"]], [["ip": "10.0.0.3"]])
        XCTAssertEqual(pod[path: ["status", "podIP"]], "10.244.2.2")
        XCTAssertEqual(pod[path: ["status", "podIPs"]], [["ip": "10.244.2.2"]])
        XCTAssertEqual(pod[path: ["status", "startTime"]]?.stringValue, scenario.time(0))
        XCTAssertEqual(pod.conditionTypes, ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"])
        for type in pod.conditionTypes { XCTAssertEqual(pod.condition(type)?["status"], "True", type) }
        let container = pod.container
        XCTAssertEqual(container["name"], "nginx")
        XCTAssertEqual(container["image"], "docker.io/library/nginx:1.25")
        XCTAssertTrue(container["imageID"]?.stringValue?.hasPrefix("docker.io/library/nginx@sha256:") ?? false)
        let id = container["containerID"]?.stringValue ?? ""
        XCTAssertTrue(id.hasPrefix("containerd://"))
        XCTAssertEqual(id.count, "containerd://".count + 64)
        XCTAssertEqual(container["ready"], true)
        XCTAssertEqual(container["started"], true)
        XCTAssertEqual(container["restartCount"], 0)
        XCTAssertEqual(container[path: ["state", "running", "startedAt"]]?.stringValue, scenario.time(0))

        XCTAssertEqual(try scenario.events(about: "web").map { "\($0.type) \($0.reason) \($0.message)" }, [
            "Normal Pulling Pulling image \"nginx:1.25\"",
            "Normal Pulled Successfully pulled image \"nginx:1.25\" in 0s (0s including waiting). Image size: 0 bytes.",
            "Normal Created Created container nginx",
            "Normal Started Started container nginx",
        ])
        let writes = try scenario.store.readEvents(EventFilter(kind: "Pod", name: "web")).map { "\($0.actor) \($0.verb.rawValue)" }
        XCTAssertEqual(writes, ["kubernetes-admin create", "kubelet status"], "one status write for a healthy pod")
    }

    func testPodIPsAreTheNextFreeAddressOnTheNodeAndImagesAreCachedPerNode() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("a")
        try scenario.pod("b")
        try scenario.pod("c", node: "node-3")
        XCTAssertEqual(try scenario.get("a")?[path: ["status", "podIP"]], "10.244.1.2")
        XCTAssertEqual(try scenario.get("b")?[path: ["status", "podIP"]], "10.244.1.3")
        XCTAssertEqual(try scenario.get("c")?[path: ["status", "podIP"]], "10.244.3.2")
        XCTAssertEqual(try scenario.events(about: "b").map(\.message).first,
                       "Container image \"nginx:1.25\" already present on machine")
        try scenario.store.delete(.pod, namespace: "default", name: "a", options: DeleteOptions(gracePeriodSeconds: 0))
        try scenario.pod("d")
        XCTAssertEqual(try scenario.get("d")?[path: ["status", "podIP"]], "10.244.1.2", "a freed address is reused")
    }

    func testPodsThatAreNotBoundAreLeftAlone() throws {
        let scenario = try KubeletScenario()
        try scenario.store.create(["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "loose"],
                                   "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]]]])
        try scenario.engine.settle()
        let pod = try XCTUnwrap(scenario.get("loose"))
        XCTAssertEqual(pod.phase, "Pending")
        XCTAssertNil(pod[path: ["status", "startTime"]])
    }

    func testReadinessWaitsForTheFirstProbeAfterTheInitialDelay() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("probed", container: ["readinessProbe": ["httpGet": ["path": "/", "port": 80],
                                                                    "initialDelaySeconds": 15, "periodSeconds": 10]])
        var pod = try XCTUnwrap(scenario.get("probed"))
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(pod.container["ready"], false)
        XCTAssertEqual(pod.condition("Ready")?["status"], "False")
        XCTAssertEqual(pod.condition("Ready")?["reason"], "ContainersNotReady")
        XCTAssertEqual(pod.condition("ContainersReady")?["message"], "containers with unready status: [nginx]")
        try scenario.at(19)
        XCTAssertEqual(try scenario.get("probed")?.condition("Ready")?["status"], "False")
        try scenario.at(20)
        pod = try XCTUnwrap(scenario.get("probed"))
        XCTAssertEqual(pod.condition("Ready")?["status"], "True")
        XCTAssertEqual(pod.condition("Ready")?["lastTransitionTime"]?.stringValue, scenario.time(20))
        XCTAssertEqual(pod.condition("PodScheduled")?["lastTransitionTime"]?.stringValue, scenario.time(0))
    }

    func testStartDelayKeepsContainersCreating() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("slow", annotations: [SimulationAnnotation.startDelay: "5s"])
        var pod = try XCTUnwrap(scenario.get("slow"))
        XCTAssertEqual(pod.phase, "Pending")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "ContainerCreating")
        XCTAssertEqual(pod.condition("PodReadyToStartContainers")?["status"], "True")
        XCTAssertEqual(pod.condition("Initialized")?["status"], "True")
        XCTAssertEqual(pod[path: ["status", "podIP"]], "10.244.1.2")
        XCTAssertTrue(try scenario.events(about: "slow").isEmpty)
        try scenario.at(5)
        pod = try XCTUnwrap(scenario.get("slow"))
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(pod.container[path: ["state", "running", "startedAt"]]?.stringValue, scenario.time(5))
        XCTAssertEqual(pod.condition("Ready")?["status"], "True")
        XCTAssertEqual(try scenario.events(about: "slow").count, 4)
    }

    func testNeverReadyRunsButIsNotReady() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("stuck", annotations: [SimulationAnnotation.ready: "never"])
        try scenario.at(600)
        let pod = try XCTUnwrap(scenario.get("stuck"))
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(pod.container["started"], true)
        XCTAssertEqual(pod.container["ready"], false)
        XCTAssertEqual(pod.condition("Ready")?["status"], "False")
    }
}
