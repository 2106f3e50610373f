import XCTest
import Model
import Store
import Determinism
@testable import Controllers

final class KubeletProbeTests: XCTestCase {
    let liveness: JSONValue = ["livenessProbe": ["httpGet": ["path": "/healthz", "port": 80], "periodSeconds": 10]]

    func count(_ scenario: KubeletScenario, _ pod: String, _ reason: String, _ message: String) throws -> Int {
        try scenario.events(about: pod).first { $0.reason == reason && $0.message == message }?.count ?? 0
    }

    func testFailingLivenessProbeKillsAndRestartsTheContainerWithBackOff() throws {
        let scenario = try KubeletScenario()
        let created = try scenario.pod("sick", annotations: [SimulationAnnotation.liveness: "fail"], container: liveness)
        let unhealthy = "Liveness probe failed: HTTP probe failed with statuscode: 500"
        let killing = "Container nginx failed liveness probe, will be restarted"
        try scenario.at(10)
        XCTAssertEqual(try count(scenario, "sick", "Unhealthy", unhealthy), 1, "the first probe after the start fails")
        try scenario.at(29)
        var pod = try XCTUnwrap(scenario.get("sick"))
        XCTAssertEqual(try count(scenario, "sick", "Unhealthy", unhealthy), 2)
        XCTAssertEqual(pod.container["restartCount"], 0)
        XCTAssertEqual(pod.condition("Ready")?["status"], "True", "below the failure threshold nothing changes")

        try scenario.at(30)
        pod = try XCTUnwrap(scenario.get("sick"))
        let events = try scenario.events(about: "sick")
        let warning = try XCTUnwrap(events.first { $0.reason == "Unhealthy" })
        XCTAssertEqual(warning.type, "Warning")
        XCTAssertEqual(warning.message, unhealthy)
        XCTAssertEqual(warning.count, 3)
        let recorded = try XCTUnwrap(scenario.store.list(.event, namespace: "default").first { $0["reason"] == "Unhealthy" })
        XCTAssertEqual(recorded["firstTimestamp"]?.stringValue, scenario.time(10), "one Event per probe, when it fails")
        XCTAssertEqual(recorded["lastTimestamp"]?.stringValue, scenario.time(30))
        let kill = try XCTUnwrap(events.first { $0.reason == "Killing" })
        XCTAssertEqual(kill.type, "Normal")
        XCTAssertEqual(kill.message, killing)
        XCTAssertEqual(pod.container["restartCount"], 1)
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "exitCode"]], 137)
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "reason"]], "Error")
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "startedAt"]]?.stringValue, scenario.time(0))
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "finishedAt"]]?.stringValue, scenario.time(30))
        XCTAssertEqual(pod.container[path: ["state", "running", "startedAt"]]?.stringValue, scenario.time(30),
                       "the first restart is immediate")
        XCTAssertEqual(pod.container["ready"], true)
        XCTAssertEqual(events.filter { $0.reason == "Started" }.first?.count, 2)

        // Each run fails three probes (at +10, +20, +30). Restarts 2 and 3 come after runs longer than
        // their back-off (10 s, 20 s); the fourth waits 40 s in CrashLoopBackOff.
        try scenario.at(90)
        XCTAssertEqual(try scenario.get("sick")?.container["restartCount"], 3)
        try scenario.at(120)
        pod = try XCTUnwrap(scenario.get("sick"))
        XCTAssertEqual(pod.container["restartCount"], 3)
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "CrashLoopBackOff")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "message"]]?.stringValue,
                       "back-off 40s restarting failed container=nginx pod=sick_default(\(created.uid))")
        XCTAssertEqual(pod.condition("Ready")?["status"], "False")
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(try count(scenario, "sick", "Unhealthy", unhealthy), 12)
        XCTAssertEqual(try count(scenario, "sick", "Killing", killing), 4)
        XCTAssertEqual(try count(scenario, "sick", "BackOff", "Back-off restarting failed container nginx in pod sick_default(\(created.uid))"), 1)
        try scenario.at(159)
        XCTAssertEqual(try scenario.get("sick")?.container["restartCount"], 3)
        try scenario.at(160)
        XCTAssertEqual(try scenario.get("sick")?.container["restartCount"], 4)
        XCTAssertNotNil(try scenario.get("sick")?.container[path: ["state", "running"]])
    }

    func testLivenessFailuresCanStartLaterInEachRun() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("late", annotations: [SimulationAnnotation.liveness: "fail", SimulationAnnotation.livenessFailAfter: "30s"],
                         container: liveness)
        try scenario.at(29)
        XCTAssertTrue(try scenario.events(about: "late").allSatisfy { $0.reason != "Unhealthy" }, "probes before 30 s succeed")
        try scenario.at(49)
        XCTAssertEqual(try scenario.get("late")?.container["restartCount"], 0)
        try scenario.at(50)
        XCTAssertEqual(try scenario.get("late")?.container["restartCount"], 1)
        XCTAssertEqual(try count(scenario, "late", "Unhealthy", "Liveness probe failed: HTTP probe failed with statuscode: 500"), 3)
        try scenario.at(100)
        XCTAssertEqual(try scenario.get("late")?.container["restartCount"], 2, "the next run again fails from 30 s after its start")
    }

    func testLivenessFailureWithRestartPolicyNeverFailsThePod() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("once", annotations: [SimulationAnnotation.liveness: "fail"], restartPolicy: "Never",
                         container: ["livenessProbe": ["tcpSocket": ["port": 8080], "periodSeconds": 5, "failureThreshold": 1]])
        try scenario.at(5)
        let pod = try XCTUnwrap(scenario.get("once"))
        XCTAssertEqual(pod.phase, "Failed")
        XCTAssertEqual(pod.container[path: ["state", "terminated", "exitCode"]], 137)
        XCTAssertEqual(pod.container["restartCount"], 0)
        let messages = try scenario.events(about: "once").filter { $0.type == "Warning" || $0.reason == "Killing" }.map(\.message)
        XCTAssertEqual(messages, ["Liveness probe failed: dial tcp 10.244.1.2:8080: connect: connection refused",
                                  "Container nginx failed liveness probe"])
    }

    func testStartupProbeGatesStartedReadinessAndLiveness() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("slowstart", annotations: [SimulationAnnotation.liveness: "fail"], container: [
            "startupProbe": ["httpGet": ["path": "/", "port": 80], "periodSeconds": 15],
            "readinessProbe": ["httpGet": ["path": "/", "port": 80]],
            "livenessProbe": ["exec": ["command": ["true"]], "periodSeconds": 10, "failureThreshold": 2],
        ])
        var pod = try XCTUnwrap(scenario.get("slowstart"))
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(pod.container["started"], false)
        XCTAssertEqual(pod.container["ready"], false)
        try scenario.at(14)
        XCTAssertEqual(try scenario.get("slowstart")?.container["started"], false)
        XCTAssertTrue(try scenario.events(about: "slowstart").allSatisfy { $0.reason != "Unhealthy" },
                      "no liveness probe before the container started")
        try scenario.at(15)
        pod = try XCTUnwrap(scenario.get("slowstart"))
        XCTAssertEqual(pod.container["started"], true)
        XCTAssertEqual(pod.container["ready"], true, "readiness is probed as soon as the container started")
        XCTAssertEqual(pod.condition("Ready")?["lastTransitionTime"]?.stringValue, scenario.time(15))
        try scenario.at(29)
        XCTAssertEqual(try scenario.get("slowstart")?.container["restartCount"], 0)
        try scenario.at(30)
        pod = try XCTUnwrap(scenario.get("slowstart"))
        XCTAssertEqual(pod.container["restartCount"], 1, "liveness failures at 20 and 30")
        XCTAssertEqual(pod.container["started"], false, "the new run waits for its startup probe again")
        XCTAssertEqual(try count(scenario, "slowstart", "Unhealthy", "Liveness probe failed: "), 2)
    }

    func testFailingStartupProbeKillsTheContainer() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("nostart", annotations: [SimulationAnnotation.startup: "fail"], container: [
            "startupProbe": ["grpc": ["port": 9000], "periodSeconds": 5, "failureThreshold": 2],
        ])
        try scenario.at(10)
        let pod = try XCTUnwrap(scenario.get("nostart"))
        XCTAssertEqual(pod.container["restartCount"], 1)
        XCTAssertEqual(pod.container["started"], false)
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "exitCode"]], 137)
        XCTAssertEqual(try count(scenario, "nostart", "Unhealthy", "Startup probe failed: service unhealthy (responded with \"NOT_SERVING\")"), 2)
        XCTAssertEqual(try count(scenario, "nostart", "Killing", "Container nginx failed startup probe, will be restarted"), 1)
    }

    func testFailingReadinessProbeTurnsTheContainerUnreadyWithoutRestart() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("flaky", annotations: [SimulationAnnotation.readiness: "fail-after:20s"],
                         container: ["readinessProbe": ["httpGet": ["path": "/ready", "port": 80], "periodSeconds": 10]])
        XCTAssertEqual(try scenario.get("flaky")?.condition("Ready")?["status"], "True")
        try scenario.at(39)
        XCTAssertEqual(try scenario.get("flaky")?.condition("Ready")?["status"], "True")
        XCTAssertEqual(try count(scenario, "flaky", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 500"), 2)
        try scenario.at(40)
        let pod = try XCTUnwrap(scenario.get("flaky"))
        XCTAssertEqual(pod.container["ready"], false)
        XCTAssertEqual(pod.condition("Ready")?["status"], "False")
        XCTAssertEqual(pod.condition("Ready")?["lastTransitionTime"]?.stringValue, scenario.time(40))
        XCTAssertEqual(pod.container["restartCount"], 0)
        XCTAssertNotNil(pod.container[path: ["state", "running"]])
        try scenario.at(100)
        XCTAssertEqual(try count(scenario, "flaky", "Unhealthy", "Readiness probe failed: HTTP probe failed with statuscode: 500"), 9,
                       "every failing probe is reported")
        XCTAssertEqual(try scenario.get("flaky")?.container["ready"], false)
        XCTAssertTrue(try scenario.events(about: "flaky").allSatisfy { $0.reason != "Killing" })
    }

    func testProbesWithoutInjectedFailuresStayQuiet() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("healthy", container: [
            "startupProbe": ["httpGet": ["path": "/", "port": 80], "periodSeconds": 10],
            "livenessProbe": ["httpGet": ["path": "/", "port": 80], "periodSeconds": 10],
            "readinessProbe": ["httpGet": ["path": "/", "port": 80], "periodSeconds": 10],
            "lifecycle": ["postStart": ["exec": ["command": ["/bin/sh", "-c", "echo hi"]]],
                          "preStop": ["exec": ["command": ["/bin/sh", "-c", "sleep 1"]]]],
        ])
        try scenario.at(600)
        let pod = try XCTUnwrap(scenario.get("healthy"))
        XCTAssertEqual(pod.container["restartCount"], 0)
        XCTAssertEqual(pod.container["started"], true)
        XCTAssertEqual(pod.condition("Ready")?["status"], "True")
        XCTAssertEqual(pod.condition("Ready")?["lastTransitionTime"]?.stringValue, scenario.time(10))
        XCTAssertEqual(try scenario.events(about: "healthy").map(\.reason), ["Pulling", "Pulled", "Created", "Started"])
        XCTAssertEqual(try scenario.events(about: "healthy").map(\.count), [1, 1, 1, 1])
        let writes = try scenario.store.readEvents(EventFilter(kind: "Pod", name: "healthy")).filter { $0.actor == "kubelet" }
        XCTAssertEqual(writes.count, 2, "accepted and running, then started and ready: successful probes write nothing")
        try scenario.store.delete(.pod, namespace: "default", name: "healthy")
        try scenario.engine.settle()
        XCTAssertEqual(try scenario.events(about: "healthy").filter { $0.type == "Warning" }.count, 0)
    }
}
