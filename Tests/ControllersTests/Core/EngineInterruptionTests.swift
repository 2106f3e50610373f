import XCTest
import Model
import Store
@testable import Controllers

/// A process that dies in the middle of the controllers' work leaves nothing undone: the next one finds
/// the same events and timers and finishes the job, with the same outcome as an uninterrupted run.
final class EngineInterruptionTests: ControllerTestCase {
    let deployment: JSONValue = [
        "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
        "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                 "template": ["metadata": ["labels": ["app": "web"]],
                              "spec": ["containers": [["name": "app", "image": "nginx:1.25",
                                                       "readinessProbe": ["httpGet": ["path": "/", "port": 80],
                                                                          "initialDelaySeconds": 5]]]]]],
    ]

    /// The final state of a run: the Deployment's status counts and each pod's phase and readiness.
    func outcome(_ store: Store) throws -> [String] {
        let status = try store.get(.deployment, namespace: "default", name: "web")["status"] ?? .null
        let counts = ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"].map {
            "\($0)=\(status[$0]?.intValue ?? 0)"
        }
        let pods = try store.list(.pod, namespace: "default").map { pod in
            "\(pod[path: ["status", "phase"]]?.stringValue ?? "") ready=\(PodState.isReady(pod))"
        }
        return counts + pods
    }

    func testWorkCutShortInARoundIsFinishedByTheNextEngine() throws {
        let whole = try makeStore()
        try whole.create(deployment)
        let engine = try ControllerEngine(store: whole, reconcilers: StandardControllers.all())
        try engine.settle()
        try engine.advance(seconds: 10, context: .user)
        let expected = try outcome(whole)
        XCTAssertTrue(expected.contains("readyReplicas=3"), "\(expected)")

        for stop in [1, 2, 4, 7] {
            let store = try makeStore()
            try store.create(deployment)
            let first = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
            first.reconcilesPerTransaction = 1
            first.stopAfterReconciles = stop
            XCTAssertThrowsError(try first.settle(), "stopped after \(stop)")

            let next = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
            try next.settle()
            try next.advance(seconds: 10, context: .user)
            XCTAssertEqual(try outcome(store), expected, "stopped after \(stop) reconciles")
            XCTAssertEqual(try store.list(.pod, namespace: "default").count, 3)
            XCTAssertTrue(try store.verify().isClean, "verify after stopping at \(stop)")
        }
    }

    func testATimerCutShortIsStillDue() throws {
        let store = try makeStore()
        try store.create(deployment)
        let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        try engine.settle()
        // The readiness probes asked the kubelet to look again: move the clock to that instant.
        let due = try XCTUnwrap(try engine.nextDue())
        try store.advance(seconds: due.seconds - (try store.now()).seconds)
        let timers = try store.connection.scalar("SELECT count(*) FROM controller_timers WHERE due <= ?",
                                                 [.int(try store.now().seconds)])?.int ?? 0
        XCTAssertGreaterThan(timers, 0)
        let first = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        first.reconcilesPerTransaction = 1
        first.stopAfterReconciles = 1
        XCTAssertThrowsError(try first.settle())
        let left = try store.connection.scalar("SELECT count(*) FROM controller_timers WHERE due <= ?",
                                               [.int(try store.now().seconds)])?.int ?? 0
        XCTAssertEqual(left, timers - 1, "only the timer whose reconcile committed is gone")
        try ControllerEngine(store: store, reconcilers: StandardControllers.all()).settle()
        let final = try outcome(store)
        XCTAssertTrue(final.contains("readyReplicas=3"), "\(final)")
    }
}
