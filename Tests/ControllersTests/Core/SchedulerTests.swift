import XCTest
import Model
import Store
import Controllers

final class SchedulerTests: ControllerTestCase {
    func testBindsToTheLeastAllocatedNodeTiesByName() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: [SchedulerController()])
        for name in ["a", "b", "c", "d"] { _ = try store.create(pod(name, cpu: "1")) }
        try engine.settle()
        XCTAssertEqual(try ["a", "b", "c", "d"].map { try node(of: $0, store) }, ["node-1", "node-2", "node-3", "node-1"])
        let bound = try store.get(.pod, namespace: "default", name: "a")
        let condition = bound[path: ["status", "conditions"]]?.arrayValue?.first
        XCTAssertEqual(condition?["type"], "PodScheduled")
        XCTAssertEqual(condition?["status"], "True")
        let binds = try store.readEvents(EventFilter(kind: "Pod", name: "a")).filter { $0.verb == .bind }
        XCTAssertEqual(binds.count, 1)
        XCTAssertEqual(binds[0].actor, "default-scheduler")
        XCTAssertEqual(binds[0].cause, try store.readEvents(EventFilter(kind: "Pod", name: "a"))[0].seq)
        let events = try store.list(.event).filter { $0[path: ["involvedObject", "name"]] == "a" }
        XCTAssertEqual(events.first?["message"], "Successfully assigned default/a to node-1")
        XCTAssertEqual(events.first?["reason"], "Scheduled")
    }

    func testUnschedulablePodsGetUpstreamsMessageAndAreRetried() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: [SchedulerController()])
        for name in ["a", "b", "c", "d"] { _ = try store.create(pod(name, cpu: "3")) }
        try engine.settle()
        XCTAssertNil(try node(of: "d", store))
        let pending = try store.get(.pod, namespace: "default", name: "d")
        let condition = pending[path: ["status", "conditions"]]?.arrayValue?.first
        XCTAssertEqual(condition?["reason"], "Unschedulable")
        XCTAssertEqual(condition?["message"], "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        let warning = try store.list(.event).first { $0["reason"] == "FailedScheduling" }
        XCTAssertEqual(warning?["type"], "Warning")
        try store.delete(.pod, namespace: "default", name: "a", options: DeleteOptions(gracePeriodSeconds: 0))
        try engine.settle()
        XCTAssertEqual(try node(of: "d", store), "node-1")
    }

    func testNodeSelectorsAndZeroNodes() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: [SchedulerController()])
        _ = try store.create(pod("picky", nodeSelector: ["disk": "ssd"]))
        try engine.settle()
        let message = try store.get(.pod, namespace: "default", name: "picky")[path: ["status", "conditions"]]?.arrayValue?.first?["message"]
        XCTAssertEqual(message, "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
        _ = try store.patch(.node, namespace: "", name: "node-2", patch: ["metadata": ["labels": ["disk": "ssd"]]], type: .merge)
        try engine.settle()
        XCTAssertEqual(try node(of: "picky", store), "node-2")
    }

    func testSameRequestsGiveTheSameDerivedLog() throws {
        func run() throws -> [LogEvent] {
            let store = try makeStore()
            let engine = try ControllerEngine(store: store, reconcilers: [GarbageCollector(), SchedulerController()])
            for name in ["x", "y", "z"] { _ = try store.create(pod(name, cpu: "2")) }
            try engine.settle()
            return try store.readEvents(EventFilter())
        }
        XCTAssertEqual(try run(), try run())
    }
}
