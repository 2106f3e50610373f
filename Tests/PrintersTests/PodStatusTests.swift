import XCTest
import Model
@testable import Printers

/// The READY / STATUS / RESTARTS cells of `kubectl get pods` for the pod lifecycles users meet.
final class PodStatusTests: XCTestCase {
    private func pod(phase: String, containers: String = "[]", initSpecs: String = "[]", initStatuses: String = "[]",
                     conditions: String = "[]", deletion: String? = nil, containerCount: Int = 1) -> JSONValue {
        let specContainers = (0..<containerCount).map { "{\"name\":\"c\($0)\",\"image\":\"busybox\"}" }.joined(separator: ",")
        let deletionField = deletion.map { ",\"deletionTimestamp\":\"\($0)\"" } ?? ""
        return Fixtures.json("""
        {"kind":"Pod","metadata":{"name":"p","namespace":"default","creationTimestamp":"2026-01-01T00:00:00Z"\(deletionField)},
         "spec":{"containers":[\(specContainers)],"initContainers":\(initSpecs)},
         "status":{"phase":"\(phase)","containerStatuses":\(containers),"initContainerStatuses":\(initStatuses),
                   "conditions":\(conditions)}}
        """)
    }

    private func summary(_ pod: JSONValue) -> [String] {
        let s = PodSummary(pod, now: Fixtures.now)
        return [s.ready, s.status, s.restarts]
    }

    func testPendingWithoutStatuses() {
        XCTAssertEqual(summary(pod(phase: "Pending")), ["0/1", "Pending", "0"])
    }

    func testContainerCreating() {
        let p = pod(phase: "Pending", containers: #"[{"name":"c0","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]"#)
        XCTAssertEqual(summary(p), ["0/1", "ContainerCreating", "0"])
    }

    func testRunningAndReady() {
        let p = pod(phase: "Running", containers: #"[{"name":"c0","ready":true,"restartCount":0,"state":{"running":{"startedAt":"2026-01-01T00:00:01Z"}}}]"#)
        XCTAssertEqual(summary(p), ["1/1", "Running", "0"])
    }

    func testCrashLoopBackOffShowsRestartsWithAge() {
        let p = pod(phase: "Running", containers: """
        [{"name":"c0","ready":false,"restartCount":5,"state":{"waiting":{"reason":"CrashLoopBackOff"}},
          "lastState":{"terminated":{"exitCode":1,"reason":"Error","finishedAt":"2026-01-01T00:55:00Z"}}}]
        """)
        XCTAssertEqual(summary(p), ["0/1", "CrashLoopBackOff", "5 (5m ago)"])
    }

    func testCompletedAndError() {
        let done = pod(phase: "Succeeded", containers: #"[{"name":"c0","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]"#)
        XCTAssertEqual(summary(done), ["0/1", "Completed", "0"])
        let failed = pod(phase: "Failed", containers: #"[{"name":"c0","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":2,"reason":"Error"}}}]"#)
        XCTAssertEqual(summary(failed), ["0/1", "Error", "0"])
        let noReason = pod(phase: "Failed", containers: #"[{"name":"c0","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":137}}}]"#)
        XCTAssertEqual(summary(noReason), ["0/1", "ExitCode:137", "0"])
    }

    func testTerminatingWhenDeletionTimestampIsSet() {
        let p = pod(phase: "Running", containers: #"[{"name":"c0","ready":true,"restartCount":0,"state":{"running":{}}}]"#,
                    deletion: "2026-01-01T00:59:00Z")
        XCTAssertEqual(summary(p), ["1/1", "Terminating", "0"])
        let finished = pod(phase: "Succeeded", deletion: "2026-01-01T00:59:00Z")
        XCTAssertEqual(summary(finished)[1], "Succeeded")
    }

    func testInitContainersInProgress() {
        let specs = #"[{"name":"init","image":"busybox"}]"#
        let running = pod(phase: "Pending", initSpecs: specs,
                          initStatuses: #"[{"name":"init","ready":false,"restartCount":0,"state":{"running":{}}}]"#)
        XCTAssertEqual(summary(running), ["0/1", "Init:0/1", "0"])
        let crashing = pod(phase: "Pending", initSpecs: specs,
                           initStatuses: #"[{"name":"init","ready":false,"restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]"#)
        XCTAssertEqual(summary(crashing), ["0/1", "Init:CrashLoopBackOff", "2"])
        let failed = pod(phase: "Pending", initSpecs: specs,
                         initStatuses: #"[{"name":"init","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":3}}}]"#)
        XCTAssertEqual(summary(failed)[1], "Init:ExitCode:3")
        let waiting = pod(phase: "Pending", initSpecs: specs,
                          initStatuses: #"[{"name":"init","ready":false,"restartCount":0,"state":{"waiting":{"reason":"PodInitializing"}}}]"#)
        XCTAssertEqual(summary(waiting)[1], "Init:0/1")
    }

    func testOneRunningContainerOfACompletedPairShowsRunningOrNotReady() {
        let statuses = """
        [{"name":"c0","ready":true,"restartCount":0,"state":{"running":{}}},
         {"name":"c1","ready":false,"restartCount":0,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]
        """
        let ready = pod(phase: "Running", containers: statuses, conditions: #"[{"type":"Ready","status":"True"}]"#, containerCount: 2)
        XCTAssertEqual(summary(ready), ["1/2", "Running", "0"])
        let notReady = pod(phase: "Running", containers: statuses, conditions: #"[{"type":"Ready","status":"False"}]"#, containerCount: 2)
        XCTAssertEqual(summary(notReady), ["1/2", "NotReady", "0"])
    }

    func testTableFromRowsIsTheTableFromObjects() {
        let specs = #"[{"name":"init","image":"busybox"}]"#
        var pods = [
            pod(phase: "Pending"),
            pod(phase: "Pending", initSpecs: specs,
                initStatuses: #"[{"name":"init","ready":false,"restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:58:00Z"}}}]"#),
            pod(phase: "Running", containers: #"[{"name":"c0","ready":false,"restartCount":5,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:55:00Z"}}}]"#),
            pod(phase: "Running", containers: #"[{"name":"c0","ready":true,"restartCount":0,"state":{"running":{}}}]"#,
                deletion: "2026-01-01T00:59:00Z"),
        ]
        pods[1][path: ["metadata", "name"]] = "init"
        pods[2][path: ["metadata", "name"]] = "crash"
        pods[2][path: ["metadata", "namespace"]] = "other"
        pods[2][path: ["status", "podIPs"]] = [["ip": "10.0.0.7"]]
        pods[2][path: ["spec", "nodeName"]] = "node-1"
        pods[3][path: ["metadata", "name"]] = "gone"
        pods[3][path: ["metadata", "creationTimestamp"]] = nil
        pods[3][path: ["spec", "readinessGates"]] = [["conditionType": "example.com/ok"]]
        let rows = pods.map { ListedPod(namespace: $0.namespace, name: $0.name, row: PodRow(pod: $0)) }
        for options in [TableOptions(), TableOptions(wide: true), TableOptions(showNamespace: true),
                        TableOptions(wide: true, showKind: true, showNamespace: true)] {
            let table = TablePrinter.podTable(rows, now: Fixtures.now, options: options)
            XCTAssertEqual(table, TablePrinter.table(pods, kind: .pod, now: Fixtures.now, options: options))
            XCTAssertTrue(table.contains("Init:CrashLoopBackOff   2 (2m ago)"), table)
            XCTAssertTrue(table.contains("<unknown>"), table)
        }
    }
}
