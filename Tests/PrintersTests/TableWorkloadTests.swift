import XCTest
import Model
@testable import Printers

/// `kubectl get` tables for workloads: exact text, as the terminal shows it.
final class TableWorkloadTests: XCTestCase {
    private let now = Fixtures.now

    func testNoObjectsPrintsNothing() {
        XCTAssertEqual(TablePrinter.table([], kind: .pod, now: now, options: TableOptions()), "")
    }

    func testDeploymentNormalAndWide() {
        XCTAssertEqual(TablePrinter.table([Fixtures.deployment], kind: .deployment, now: now, options: TableOptions()), """
        NAME   READY   UP-TO-DATE   AVAILABLE   AGE
        web    3/3     3            3           60m

        """)
        XCTAssertEqual(TablePrinter.table([Fixtures.deployment], kind: .deployment, now: now, options: TableOptions(wide: true)), """
        NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES       SELECTOR
        web    3/3     3            3           60m   nginx        nginx:1.25   app=web

        """)
    }

    func testAllNamespacesLabelsAndKindPrefix() {
        let options = TableOptions(showKind: true, showNamespace: true, showLabels: true)
        XCTAssertEqual(TablePrinter.table([Fixtures.deployment], kind: .deployment, now: now, options: options), """
        NAMESPACE   NAME                  READY   UP-TO-DATE   AVAILABLE   AGE   LABELS
        default     deployment.apps/web   3/3     3            3           60m   app=web

        """)
        XCTAssertEqual(TablePrinter.table([Fixtures.runningPod("web-1", ip: "10.244.0.5")], kind: .pod, now: now,
                                          options: TableOptions(showKind: true)), """
        NAME        READY   STATUS    RESTARTS   AGE
        pod/web-1   1/1     Running   0          60m

        """)
        XCTAssertEqual(TablePrinter.nameLine(Fixtures.deployment, kind: .deployment), "deployment.apps/web")
        XCTAssertEqual(TablePrinter.nameLine(Fixtures.replicaSet, kind: .replicaSet), "replicaset.apps/web-7d4b9c8f5")
    }

    func testShowLabelsPrintsNoneForAnUnlabelledObject() {
        let ns = Fixtures.json(#"{"kind":"Namespace","metadata":{"name":"default","creationTimestamp":"2025-12-30T01:00:00Z"},"status":{"phase":"Active"}}"#)
        XCTAssertEqual(TablePrinter.table([ns], kind: .namespace, now: now, options: TableOptions(showLabels: true)), """
        NAME      STATUS   AGE   LABELS
        default   Active   2d    <none>

        """)
    }

    func testPodsWithMissingIPAndNode() {
        let pending = Fixtures.json("""
        {"kind":"Pod","metadata":{"name":"pending-pod","namespace":"default","creationTimestamp":"2026-01-01T00:59:30Z"},
         "spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y"}]},"status":{"phase":"Pending"}}
        """)
        let running = Fixtures.runningPod("web-7d4b9c8f5-abcde", ip: "10.244.0.5")
        XCTAssertEqual(TablePrinter.table([running, pending], kind: .pod, now: now, options: TableOptions(wide: true)), """
        NAME                  READY   STATUS    RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES
        web-7d4b9c8f5-abcde   1/1     Running   0          60m   10.244.0.5   node-1   <none>           <none>
        pending-pod           0/2     Pending   0          30s   <none>       <none>   <none>           <none>

        """)
    }

    func testReplicaSetAndStatefulSet() {
        XCTAssertEqual(TablePrinter.table([Fixtures.replicaSet, Fixtures.oldReplicaSet], kind: .replicaSet, now: now,
                                          options: TableOptions(wide: true)), """
        NAME            DESIRED   CURRENT   READY   AGE    CONTAINERS   IMAGES       SELECTOR
        web-7d4b9c8f5   3         3         3       60m    nginx        nginx:1.25   app=web,pod-template-hash=7d4b9c8f5
        web-5f6d7c8b9   0         0         0       120m   nginx        nginx:1.24   app=web,pod-template-hash=5f6d7c8b9

        """)
        let sts = Fixtures.json("""
        {"kind":"StatefulSet","metadata":{"name":"db","namespace":"default","creationTimestamp":"2026-01-01T00:50:00Z"},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"db"}},
           "template":{"spec":{"containers":[{"name":"pg","image":"postgres:16"},{"name":"exporter","image":"exp:1"}]}}},
         "status":{"replicas":2,"readyReplicas":2}}
        """)
        XCTAssertEqual(TablePrinter.table([sts], kind: .statefulSet, now: now, options: TableOptions(wide: true)), """
        NAME   READY   AGE   CONTAINERS    IMAGES
        db     2/3     10m   pg,exporter   postgres:16,exp:1

        """)
    }

    func testControllerRevision() {
        let revision = Fixtures.json("""
        {"kind":"ControllerRevision","metadata":{"name":"db-6c4f9b7d8","namespace":"default","creationTimestamp":"2026-01-01T00:50:00Z",
          "ownerReferences":[{"apiVersion":"apps/v1","kind":"StatefulSet","name":"db","uid":"s","controller":true}]},"revision":2}
        """)
        let orphan = Fixtures.json(#"{"kind":"ControllerRevision","metadata":{"name":"lost","creationTimestamp":"2026-01-01T00:50:00Z"},"revision":1}"#)
        XCTAssertEqual(TablePrinter.table([revision, orphan], kind: .controllerRevision, now: now, options: TableOptions()), """
        NAME           CONTROLLER            REVISION   AGE
        db-6c4f9b7d8   statefulset.apps/db   2          10m
        lost           <none>                1          10m

        """)
    }
}
