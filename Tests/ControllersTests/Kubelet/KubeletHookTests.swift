import XCTest
import Model
import Store
import Determinism
@testable import Controllers

final class KubeletHookTests: XCTestCase {
    func testFailingPostStartHookKillsTheContainerAndBacksOff() throws {
        let scenario = try KubeletScenario()
        let created = try scenario.pod("hooked", annotations: [SimulationAnnotation.postStart: "fail"], container: [
            "lifecycle": ["postStart": ["exec": ["command": ["/bin/sh", "-c", "echo hello > /usr/share/message"]]]],
        ])
        var pod = try XCTUnwrap(scenario.get("hooked"))
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "PostStartHookError")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "message"]]?.stringValue,
                       "Exec lifecycle hook ([/bin/sh -c echo hello > /usr/share/message]) for Container \"nginx\" in Pod \"hooked_default(\(created.uid))\" failed - error: command '/bin/sh -c echo hello > /usr/share/message' exited with 1: , message: \"\"")
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "exitCode"]], 137)
        XCTAssertEqual(pod.container["started"], false)
        XCTAssertEqual(pod.container["ready"], false)
        XCTAssertEqual(pod.container["restartCount"], 0)
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(try scenario.events(about: "hooked").map { "\($0.type) \($0.reason) \($0.message)" }.suffix(4), [
            "Normal Created Created container nginx",
            "Normal Started Started container nginx",
            "Warning FailedPostStartHook PostStartHook failed",
            "Normal Killing FailedPostStartHook",
        ])

        try scenario.at(1)
        pod = try XCTUnwrap(scenario.get("hooked"))
        XCTAssertEqual(pod.container["restartCount"], 1, "the first restart comes with the kubelet's next look")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "PostStartHookError")
        try scenario.at(2)
        pod = try XCTUnwrap(scenario.get("hooked"))
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "CrashLoopBackOff")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "message"]]?.stringValue,
                       "back-off 10s restarting failed container=nginx pod=hooked_default(\(created.uid))")
        try scenario.at(10)
        XCTAssertEqual(try scenario.get("hooked")?.container["restartCount"], 1)
        try scenario.at(11)
        XCTAssertEqual(try scenario.get("hooked")?.container["restartCount"], 2)
        let failed = try scenario.events(about: "hooked").first { $0.reason == "FailedPostStartHook" }
        XCTAssertEqual(failed?.count, 3)
        XCTAssertEqual(try scenario.events(about: "hooked").first { $0.reason == "Killing" }?.count, 3)
    }

    func testFailingPostStartHookWithRestartPolicyNeverFailsThePod() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("oneshot", annotations: [SimulationAnnotation.postStart: "fail"], restartPolicy: "Never", container: [
            "lifecycle": ["postStart": ["httpGet": ["path": "/warm", "port": 8080]]],
        ])
        let pod = try XCTUnwrap(scenario.get("oneshot"))
        XCTAssertEqual(pod.phase, "Failed")
        XCTAssertEqual(pod.container[path: ["state", "terminated", "exitCode"]], 137)
        XCTAssertEqual(pod.container[path: ["state", "terminated", "reason"]], "Error")
        try scenario.at(60)
        XCTAssertEqual(try scenario.get("oneshot")?.container["restartCount"], 0)
    }

    func testHookFailureMessagesNameTheHandler() {
        let container: JSONValue = ["name": "web", "ports": [["name": "http", "containerPort": 8080]]]
        XCTAssertEqual(LifecycleHook.failureMessage(["httpGet": ["path": "/warm", "port": "http"]], container: container,
                                                    podReference: "p_default(u)", podIP: "10.244.1.2"),
                       "HTTP lifecycle hook (/warm) for Container \"web\" in Pod \"p_default(u)\" failed - error: Get \"http://10.244.1.2:8080/warm\": dial tcp 10.244.1.2:8080: connect: connection refused")
        XCTAssertEqual(Probe(.readiness, of: ["readinessProbe": ["tcpSocket": ["port": "http"]]])?
                        .failureOutput(podIP: "10.244.1.2", container: container),
                       "dial tcp 10.244.1.2:8080: connect: connection refused")
    }

    func testFailingPreStopHookIsReportedAndTheGracePeriodStillEnds() throws {
        let scenario = try KubeletScenario()
        let preStop: JSONValue = ["lifecycle": ["preStop": ["exec": ["command": ["/bin/sh", "-c", "nginx -s quit"]]]]]
        try scenario.pod("stopping", annotations: [SimulationAnnotation.preStop: "fail"], container: preStop)
        try scenario.pod("clean", container: preStop)
        try scenario.at(50)
        try scenario.store.delete(.pod, namespace: "default", name: "stopping")
        try scenario.store.delete(.pod, namespace: "default", name: "clean")
        try scenario.engine.settle()
        let events = try scenario.events(about: "stopping").suffix(2).map { "\($0.type) \($0.reason) \($0.message) x\($0.count)" }
        XCTAssertEqual(events, ["Normal Killing Stopping container nginx x1", "Warning FailedPreStopHook PreStopHook failed x1"])
        XCTAssertTrue(try scenario.events(about: "clean").allSatisfy { $0.reason != "FailedPreStopHook" })
        try scenario.at(79)
        XCTAssertNotNil(try scenario.get("stopping"))
        XCTAssertEqual(try scenario.events(about: "stopping").first { $0.reason == "FailedPreStopHook" }?.count, 1,
                       "reported once, however often the kubelet looks")
        try scenario.at(80)
        XCTAssertNil(try scenario.get("stopping"))
        XCTAssertNil(try scenario.get("clean"))
    }

    func testFailingPreStopHookRunsOnALivenessKillToo() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("both", annotations: [SimulationAnnotation.liveness: "fail", SimulationAnnotation.preStop: "fail"], container: [
            "livenessProbe": ["httpGet": ["path": "/", "port": 80], "periodSeconds": 10, "failureThreshold": 1],
            "lifecycle": ["preStop": ["exec": ["command": ["/bin/sh", "-c", "sleep 1"]]]],
        ])
        try scenario.at(10)
        let events = try scenario.events(about: "both").suffix(4).map { "\($0.reason) \($0.message)" }
        XCTAssertEqual(events, ["Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500",
                                "Killing Container nginx failed liveness probe, will be restarted",
                                "FailedPreStopHook PreStopHook failed",
                                "Pulled Container image \"nginx:1.25\" already present on machine"])
        XCTAssertEqual(try scenario.get("both")?.container["restartCount"], 1)
    }
}
