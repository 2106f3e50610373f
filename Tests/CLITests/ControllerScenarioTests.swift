import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// The CLI with its controllers, as a user drives it: rollouts, undo, node failure, and determinism.
final class ControllerScenarioTests: CLITestCase {
    var examples: String { BinaryRunner.packageRoot.appendingPathComponent("Examples/web.yaml").path }

    func testARollingUpdateAsAUserSeesIt() throws {
        let db = folder.url.appendingPathComponent("r.db").path
        XCTAssertEqual(logbook("apply", "-f", examples, db: db).out, "deployment.apps/web created\nservice/web created\n")
        let pods = logbook("get", "pods", "-o", "name", db: db).out.split(separator: "\n")
        XCTAssertEqual(pods.count, 3, "the controllers create the pods right after the write")
        XCTAssertEqual(logbook("rollout", "status", "deployment/web", db: db).out,
                       "Waiting for deployment \"web\" rollout to finish: 0 of 3 updated replicas are available...\ndeployment \"web\" successfully rolled out\n")
        XCTAssertEqual(logbook("set", "image", "deployment/web", "nginx=nginx:1.25", db: db).out, "deployment.apps/web image updated\n")
        XCTAssertEqual(logbook("rollout", "status", "deployment/web", db: db).out, """
            Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...
            Waiting for deployment "web" rollout to finish: 2 out of 3 new replicas have been updated...
            Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...
            deployment "web" successfully rolled out

            """)
        let store = try Store.open(path: db, mode: .read)
        let sets = try store.list(.replicaSet, namespace: "default")
        XCTAssertEqual(sets.map { $0[path: ["spec", "replicas"]]?.intValue }.sorted { ($0 ?? 0) < ($1 ?? 0) }, [0, 3])
        let scaling = try store.list(.event, namespace: "default").filter { $0["reason"] == "ScalingReplicaSet" }
        XCTAssertTrue(scaling.contains { ($0["message"]?.stringValue ?? "").hasPrefix("Scaled up replica set web-") })
        // Every event a controller wrote names its cause, and every cause exists.
        let events = try store.readEvents(EventFilter())
        let seqs = Set(events.map(\.seq))
        for event in events where event.actor.hasSuffix("-controller") || event.actor == "kubelet" || event.actor == "default-scheduler" {
            XCTAssertNotNil(event.cause, "\(event.seq) \(event.actor)")
            XCTAssertTrue(seqs.contains(event.cause ?? -1))
        }
        XCTAssertEqual(logbook("rollout", "history", "deployment/web", db: db).out,
                       "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         first release\n2         first release\n\n")
        XCTAssertEqual(logbook("rollout", "undo", "deployment/web", db: db).out, "deployment.apps/web rolled back\n")
        logbook("rollout", "status", "deployment/web", db: db)
        XCTAssertEqual(logbook("rollout", "history", "deployment/web", db: db).out,
                       "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         first release\n3         first release\n\n")
        XCTAssertEqual(logbook("verify", db: db).code, 0)
    }

    func testAFailedNodesPodsAreReplacedElsewhere() throws {
        let db = folder.url.appendingPathComponent("n.db").path
        logbook("apply", "-f", examples, db: db)
        logbook("advance", "30s", db: db)
        let store = { try Store.open(path: db, mode: .read) }
        let onNode1 = try store().list(.pod, namespace: "default").filter { $0[path: ["spec", "nodeName"]] == "node-1" }
        XCTAssertFalse(onNode1.isEmpty)
        XCTAssertEqual(logbook("node", "fail", "node-1", db: db).out, "node/node-1 failed\n")
        logbook("advance", "39s", db: db)
        XCTAssertTrue(logbook("get", "nodes", db: db).out.contains("node-1   Ready"), "still Ready before the 40 s grace period")
        logbook("advance", "2s", db: db)
        XCTAssertTrue(logbook("get", "nodes", db: db).out.contains("node-1   NotReady"))
        logbook("advance", "6m", db: db)
        let pods = try store().list(.pod, namespace: "default")
        let running = pods.filter { $0.deletionTimestamp == nil && $0[path: ["status", "phase"]] == "Running" }
        XCTAssertEqual(running.count, 3)
        XCTAssertFalse(running.contains { $0[path: ["spec", "nodeName"]] == "node-1" })
        XCTAssertEqual(logbook("verify", db: db).code, 0)
    }

    func testTheSameCommandsGiveTheSameLog() throws {
        func run(_ name: String) throws -> String {
            let db = folder.url.appendingPathComponent(name).path
            logbook("init", "--seed", "9", db: db)
            logbook("apply", "-f", examples, db: db)
            logbook("advance", "1m", db: db)
            logbook("set", "image", "deployment/web", "nginx=nginx:1.25", db: db)
            logbook("rollout", "status", "deployment/web", db: db)
            logbook("scale", "deployment/web", "--replicas=5", db: db)
            logbook("node", "fail", "node-2", db: db)
            logbook("advance", "7m", db: db)
            logbook("delete", "deployment", "web", db: db)
            return logbook("log", "-o", "json", db: db).out
        }
        let first = try run("a.db"), second = try run("b.db")
        XCTAssertGreaterThan(first.split(separator: "\n").count, 100)
        XCTAssertEqual(first, second)
    }

    func testAnUnschedulablePodSaysWhy() throws {
        let db = folder.url.appendingPathComponent("u.db").path
        let pod = folder.file("big.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: big}
            spec:
              containers:
              - name: app
                image: nginx
                resources: {requests: {cpu: "64"}}
            """)
        logbook("apply", "-f", pod, db: db)
        XCTAssertTrue(logbook("get", "pods", db: db).out.contains("big    0/1     Pending"))
        let describe = logbook("describe", "pod", "big", db: db).out
        XCTAssertTrue(describe.contains("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."), describe)
    }
}
