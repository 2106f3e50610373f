import XCTest
import Model
import Determinism
@testable import CLI
@testable import Store

/// `rollout status`: kubectl's messages (§15 T30) and the simulated-time loop.
final class RolloutStatusTests: XCTestCase {
    func deployment(generation: Int = 3, observed: Int = 3, updated: Int, replicas: Int, available: Int,
                    reason: String? = nil) -> JSONValue {
        var status: JSONValue = ["observedGeneration": .int(observed), "updatedReplicas": .int(updated),
                                 "replicas": .int(replicas), "availableReplicas": .int(available)]
        if let reason { status["conditions"] = [["type": "Progressing", "status": "False", "reason": .string(reason)]] }
        return ["metadata": ["name": "web", "generation": .int(generation)], "spec": ["replicas": 3], "status": status]
    }

    /// T30, in the order a T4 rollout produces them.
    func testMessagesForEachStage() {
        XCTAssertEqual(RolloutVerdict.deployment(deployment(observed: 2, updated: 3, replicas: 3, available: 3)),
                       .waiting("Waiting for deployment spec update to be observed...\n"))
        XCTAssertEqual(RolloutVerdict.deployment(deployment(updated: 0, replicas: 3, available: 3)),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 0 out of 3 new replicas have been updated...\n"))
        XCTAssertEqual(RolloutVerdict.deployment(deployment(updated: 1, replicas: 4, available: 3)),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n"))
        XCTAssertEqual(RolloutVerdict.deployment(deployment(updated: 3, replicas: 4, available: 3)),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n"))
        XCTAssertEqual(RolloutVerdict.deployment(deployment(updated: 3, replicas: 3, available: 2)),
                       .waiting("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...\n"))
        XCTAssertEqual(RolloutVerdict.deployment(deployment(updated: 3, replicas: 3, available: 3)),
                       .done("deployment \"web\" successfully rolled out\n"))
        XCTAssertEqual(RolloutVerdict.deployment(deployment(updated: 1, replicas: 2, available: 1, reason: "ProgressDeadlineExceeded")),
                       .failed("deployment \"web\" exceeded its progress deadline"))
    }

    /// Writes a status onto `web` through the status subresource, as the controller would.
    func setStatus(_ f: RolloutFixture, updated: Int, replicas: Int, available: Int, reason: String? = nil) throws {
        var status: JSONValue = ["observedGeneration": .int(try f.deployment.generation), "updatedReplicas": .int(updated),
                                 "replicas": .int(replicas), "readyReplicas": .int(available),
                                 "availableReplicas": .int(available)]
        if let reason { status["conditions"] = [["type": "Progressing", "status": "False", "reason": .string(reason)]] }
        _ = try f.store.patch(.deployment, namespace: "default", name: "web", patch: ["status": status], type: .merge,
                              subresource: .status, context: WriteContext(actor: "deployment-controller"))
    }

    func testWithoutControllersWatchFalsePrintsOnceAndExits() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try setStatus(f, updated: 1, replicas: 4, available: 3)
        let result = f.logbook("rollout", "status", "deployment/web", "--watch=false")
        XCTAssertEqual(result.code, 0)
        XCTAssertEqual(result.out, "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n")
        let stuck = f.logbook("rollout", "status", "deployment/web", "--timeout=30s")
        XCTAssertEqual(stuck.code, 1)
        XCTAssertEqual(stuck.err, "error: timed out waiting for the condition\n")
    }

    /// The loop prints each new message as simulated time passes and stops when the rollout completes.
    func testWatchFollowsProgressUntilDone() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try setStatus(f, updated: 1, replicas: 4, available: 3)
        let steps: [(Int, Int, Int)] = [(3, 4, 3), (3, 3, 2), (3, 3, 3)]
        var step = 0
        var lines: [String] = []
        let watcher = RolloutStatusWatcher(advance: { seconds in
            XCTAssertGreaterThan(seconds, 0)
            try f.store.advance(seconds: 5)
            if step < steps.count { try self.setStatus(f, updated: steps[step].0, replicas: steps[step].1, available: steps[step].2) }
            step += 1
            return true
        })
        let code = try watcher.run(RolloutTarget(kind: .deployment, name: "web"), store: f.store, namespace: "default",
                                   timeout: 0, watch: true, revision: nil, out: { lines.append($0) })
        XCTAssertEqual(code, 0)
        XCTAssertEqual(lines, [
            "Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...\n",
            "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n",
            "Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...\n",
            "deployment \"web\" successfully rolled out\n",
        ])
    }

    func testWatchStopsAtProgressDeadlineAndAtTimeout() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try setStatus(f, updated: 1, replicas: 2, available: 1)
        let deadline = RolloutStatusWatcher(advance: { _ in
            try f.store.advance(seconds: 600)
            try self.setStatus(f, updated: 1, replicas: 2, available: 1, reason: "ProgressDeadlineExceeded")
            return true
        })
        XCTAssertThrowsError(try deadline.run(RolloutTarget(kind: .deployment, name: "web"), store: f.store,
                                              namespace: "default", timeout: 0, watch: true, revision: nil, out: { _ in })) {
            XCTAssertEqual("\($0)", "deployment \"web\" exceeded its progress deadline")
        }

        let g = try RolloutFixture()
        try g.createDeployment(image: "nginx:1.24")
        try setStatus(g, updated: 0, replicas: 3, available: 3)
        let start = try g.store.now()
        let ticking = RolloutStatusWatcher(advance: { seconds in
            try g.store.advance(seconds: min(seconds, 10))
            return true
        })
        var printed: [String] = []
        XCTAssertThrowsError(try ticking.run(RolloutTarget(kind: .deployment, name: "web"), store: g.store,
                                             namespace: "default", timeout: 45, watch: true, revision: nil,
                                             out: { printed.append($0) })) {
            XCTAssertEqual("\($0)", "timed out waiting for the condition")
        }
        XCTAssertEqual(try g.store.now() - start, 45, "the wait is simulated time, exactly the timeout")
        XCTAssertEqual(printed.count, 1, "the message is printed once: the Deployment did not change")
    }
}
