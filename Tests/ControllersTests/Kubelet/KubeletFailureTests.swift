import XCTest
import Model
import Store
import Determinism
@testable import Controllers

final class KubeletFailureTests: XCTestCase {
    func testCrashLoopBackOffDoublesFromTenSecondsToFiveMinutes() throws {
        let scenario = try KubeletScenario()
        let created = try scenario.pod("crash", annotations: [SimulationAnnotation.exitCode: "1", SimulationAnnotation.runDuration: "10s"])
        let reference = "crash_default(\(created.uid))"
        try scenario.at(15)
        var pod = try XCTUnwrap(scenario.get("crash"))
        XCTAssertEqual(pod.container["restartCount"], 1, "the first restart is immediate")
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "exitCode"]], 1)
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "reason"]], "Error")
        XCTAssertEqual(pod.container[path: ["lastState", "terminated", "finishedAt"]]?.stringValue, scenario.time(10))

        try scenario.at(25)
        pod = try XCTUnwrap(scenario.get("crash"))
        XCTAssertEqual(pod.phase, "Running")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "CrashLoopBackOff")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "message"]]?.stringValue,
                       "back-off 10s restarting failed container=nginx pod=\(reference)")
        XCTAssertEqual(pod.container["ready"], false)
        XCTAssertEqual(pod.condition("Ready")?["status"], "False")

        // Restarts at 30, 60, 110, 200, 370, 680: waits of 10, 20, 40, 80, 160 and then 300 seconds.
        let restarts: [(Int64, Int)] = [(29, 1), (30, 2), (59, 2), (60, 3), (109, 3), (110, 4), (200, 5), (369, 5), (370, 6),
                                        (679, 6), (680, 7)]
        for (time, count) in restarts {
            try scenario.at(time)
            XCTAssertEqual(try scenario.get("crash")?.container["restartCount"]?.intValue, count, "at \(time)s")
        }
        try scenario.at(685)
        XCTAssertNotNil(try scenario.get("crash")?.container[path: ["state", "running"]])
        try scenario.at(700)
        XCTAssertEqual(try scenario.get("crash")?.container[path: ["state", "waiting", "message"]]?.stringValue,
                       "back-off 5m0s restarting failed container=nginx pod=\(reference)")
        let backOff = try scenario.events(about: "crash").first { $0.reason == "BackOff" }
        XCTAssertEqual(backOff?.type, "Warning")
        XCTAssertEqual(backOff?.message, "Back-off restarting failed container nginx in pod \(reference)")
        XCTAssertEqual(backOff?.count, 7)
        let started = try scenario.events(about: "crash").first { $0.reason == "Started" }
        XCTAssertEqual(started?.count, 8)
    }

    func testRestartPolicyNeverEndsInFailedOrSucceeded() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("fails", annotations: [SimulationAnnotation.exitCode: "1", SimulationAnnotation.runDuration: "10s"],
                         restartPolicy: "Never")
        try scenario.pod("completes", annotations: [SimulationAnnotation.exitCode: "0", SimulationAnnotation.runDuration: "10s"],
                         restartPolicy: "Never")
        try scenario.at(9)
        XCTAssertEqual(try scenario.get("fails")?.phase, "Running")
        try scenario.at(10)
        let failed = try XCTUnwrap(scenario.get("fails"))
        XCTAssertEqual(failed.phase, "Failed")
        XCTAssertEqual(failed.container[path: ["state", "terminated", "exitCode"]], 1)
        XCTAssertEqual(failed.container[path: ["state", "terminated", "reason"]], "Error")
        XCTAssertEqual(failed.container["restartCount"], 0)
        XCTAssertEqual(failed.condition("Ready")?["reason"], "PodFailed")
        XCTAssertEqual(failed.condition("PodReadyToStartContainers")?["status"], "False")
        let succeeded = try XCTUnwrap(scenario.get("completes"))
        XCTAssertEqual(succeeded.phase, "Succeeded")
        XCTAssertEqual(succeeded.container[path: ["state", "terminated", "reason"]], "Completed")
        XCTAssertEqual(succeeded.condition("ContainersReady")?["reason"], "PodCompleted")
        try scenario.at(1000)
        XCTAssertEqual(try scenario.get("fails")?.phase, "Failed", "no transition out of a terminal phase")
    }

    func testRestartPolicyOnFailureRestartsFailuresOnly() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("retry", annotations: [SimulationAnnotation.exitCode: "2", SimulationAnnotation.runDuration: "10s"],
                         restartPolicy: "OnFailure")
        try scenario.pod("done", annotations: [SimulationAnnotation.exitCode: "0", SimulationAnnotation.runDuration: "10s"],
                         restartPolicy: "OnFailure")
        try scenario.at(25)
        let retry = try XCTUnwrap(scenario.get("retry"))
        XCTAssertEqual(retry.phase, "Running")
        XCTAssertEqual(retry.container["restartCount"], 1)
        XCTAssertEqual(retry.container[path: ["state", "waiting", "reason"]], "CrashLoopBackOff")
        XCTAssertEqual(try scenario.get("done")?.phase, "Succeeded")
    }

    func testImagePullFailureAlternatesErrImagePullAndImagePullBackOff() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("badimage", annotations: [SimulationAnnotation.imagePull: "fail"])
        var pod = try XCTUnwrap(scenario.get("badimage"))
        XCTAssertEqual(pod.phase, "Pending")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "ErrImagePull")
        XCTAssertEqual(pod.container["started"], false)
        try scenario.at(10)
        pod = try XCTUnwrap(scenario.get("badimage"))
        XCTAssertEqual(pod.container[path: ["state", "waiting", "reason"]], "ImagePullBackOff")
        XCTAssertEqual(pod.container[path: ["state", "waiting", "message"]], "Back-off pulling image \"nginx:1.25\"")
        try scenario.at(20)
        XCTAssertEqual(try scenario.get("badimage")?.container[path: ["state", "waiting", "reason"]], "ErrImagePull")
        try scenario.at(49)
        XCTAssertEqual(try scenario.get("badimage")?.container[path: ["state", "waiting", "reason"]], "ImagePullBackOff")
        try scenario.at(50)
        XCTAssertEqual(try scenario.get("badimage")?.container[path: ["state", "waiting", "reason"]], "ErrImagePull")
        let events = try scenario.events(about: "badimage")
        func count(_ reason: String, _ message: String) -> Int? {
            events.first { $0.reason == reason && $0.message == message }?.count
        }
        XCTAssertEqual(count("Pulling", "Pulling image \"nginx:1.25\""), 3)
        XCTAssertEqual(count("Failed", "Error: ErrImagePull"), 3)
        XCTAssertEqual(count("Failed", "Error: ImagePullBackOff"), 2)
        XCTAssertEqual(count("BackOff", "Back-off pulling image \"nginx:1.25\""), 2)
        XCTAssertEqual(events.first { $0.message.hasPrefix("Failed to pull image") }?.message,
                       "Failed to pull image \"nginx:1.25\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:1.25\": failed to resolve reference \"docker.io/library/nginx:1.25\": docker.io/library/nginx:1.25: not found")
        XCTAssertEqual(events.first { $0.message == "Error: ErrImagePull" }?.type, "Warning")
    }

    func testGracefulDeletionRemovesThePodWhenTheGracePeriodEnds() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("web")
        try scenario.pod("quick")
        try scenario.at(100)
        try scenario.store.delete(.pod, namespace: "default", name: "web")
        try scenario.store.delete(.pod, namespace: "default", name: "quick", options: DeleteOptions(gracePeriodSeconds: 5))
        try scenario.engine.settle()
        XCTAssertEqual(try scenario.get("web")?.deletionTimestamp, scenario.time(130))
        XCTAssertEqual(try scenario.events(about: "web").filter { $0.reason == "Killing" }.map(\.message), ["Stopping container nginx"])
        try scenario.at(104)
        XCTAssertNotNil(try scenario.get("quick"))
        try scenario.at(105)
        XCTAssertNil(try scenario.get("quick"))
        try scenario.at(129)
        XCTAssertNotNil(try scenario.get("web"))
        XCTAssertEqual(try scenario.events(about: "web").first { $0.reason == "Killing" }?.count, 1)
        try scenario.at(130)
        XCTAssertNil(try scenario.get("web"))
        let removal = try scenario.store.readEvents(EventFilter(kind: "Pod", name: "web")).last
        XCTAssertEqual(removal?.verb, .delete)
        XCTAssertEqual(removal?.actor, "kubelet")
    }

    func testAFinishedPodIsRemovedAtOnceWhenDeleted() throws {
        let scenario = try KubeletScenario()
        try scenario.pod("job", annotations: [SimulationAnnotation.exitCode: "0", SimulationAnnotation.runDuration: "1s"],
                         restartPolicy: "Never")
        try scenario.at(5)
        try scenario.store.delete(.pod, namespace: "default", name: "job")
        try scenario.engine.settle()
        XCTAssertNil(try scenario.get("job"))
    }
}
