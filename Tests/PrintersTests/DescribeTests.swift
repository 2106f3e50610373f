import XCTest
import Model
@testable import Printers

/// `kubectl describe` output, compared line by line with kubectl's layout.
final class DescribeTests: XCTestCase {
    private let pod = Fixtures.runningPod("web-7d4b9c8f5-abcde", ip: "10.244.0.5")

    private var world: [JSONValue] {
        [Fixtures.deployment, Fixtures.replicaSet, Fixtures.oldReplicaSet, pod,
         Fixtures.event("web.1", reason: "ScalingReplicaSet", message: "Scaled up replica set web-7d4b9c8f5 to 3",
                        object: Fixtures.deployment, first: "2026-01-01T00:00:00Z", last: "2026-01-01T00:00:00Z", count: 1),
         Fixtures.event("web.2", reason: "ScalingReplicaSet", message: "Scaled down replica set web-5f6d7c8b9 to 0 from 1",
                        object: Fixtures.deployment, first: "2026-01-01T00:58:00Z", last: "2026-01-01T00:59:50Z", count: 3),
         Fixtures.event("rs.1", reason: "SuccessfulCreate", message: "Created pod: web-7d4b9c8f5-abcde",
                        object: Fixtures.replicaSet, first: "2026-01-01T00:00:00Z", last: "2026-01-01T00:00:00Z", count: 1,
                        component: "replicaset-controller"),
         Fixtures.event("pod.1", reason: "Scheduled", message: "Successfully assigned default/web-7d4b9c8f5-abcde to node-1",
                        object: pod, first: "2026-01-01T00:00:00Z", last: "2026-01-01T00:00:00Z", count: 1,
                        component: "default-scheduler"),
         Fixtures.event("pod.2", reason: "BackOff", message: #"Back-off pulling image \"nginx:1.25\""#,
                        object: pod, first: "2026-01-01T00:30:00Z", last: "2026-01-01T00:59:30Z", count: 4, type: "Warning",
                        component: "kubelet")]
    }

    private func describe(_ object: JSONValue, _ kind: ResourceKind) -> String {
        Describer.describe(object, kind: kind, now: Fixtures.now, lookup: Fixtures.lookup(world))
    }

    func testDescribeDeployment() {
        XCTAssertEqual(describe(Fixtures.deployment, .deployment), """
        Name:                   web
        Namespace:              default
        CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
        Labels:                 app=web
        Annotations:            deployment.kubernetes.io/revision: 1
        Selector:               app=web
        Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
        StrategyType:           RollingUpdate
        MinReadySeconds:        0
        RollingUpdateStrategy:  25% max unavailable, 25% max surge
        Pod Template:
          Labels:  app=web
          Containers:
           nginx:
            Image:         nginx:1.25
            Port:          80/TCP
            Host Port:     0/TCP
            Environment:   <none>
            Mounts:        <none>
          Volumes:         <none>
          Node-Selectors:  <none>
          Tolerations:     <none>
        Conditions:
          Type           Status  Reason
          ----           ------  ------
          Available      True    MinimumReplicasAvailable
          Progressing    True    NewReplicaSetAvailable
        OldReplicaSets:  <none>
        NewReplicaSet:   web-7d4b9c8f5 (3/3 replicas created)
        Events:
          Type    Reason             Age               From                   Message
          ----    ------             ----              ----                   -------
          Normal  ScalingReplicaSet  60m               deployment-controller  Scaled up replica set web-7d4b9c8f5 to 3
          Normal  ScalingReplicaSet  10s (x3 over 2m)  deployment-controller  Scaled down replica set web-5f6d7c8b9 to 0 from 1

        """)
    }

    func testDeploymentListsOldReplicaSetsThatStillHavePods() {
        var old = Fixtures.oldReplicaSet
        old[path: ["spec", "replicas"]] = 1
        old[path: ["status", "replicas"]] = 1
        let text = Describer.describe(Fixtures.deployment, kind: .deployment, now: Fixtures.now,
                                      lookup: Fixtures.lookup([Fixtures.replicaSet, old]))
        XCTAssertTrue(text.contains("OldReplicaSets:  web-5f6d7c8b9 (1/1 replicas created)\n"), text)
        XCTAssertTrue(text.hasSuffix("Events:          <none>\n"), text)
    }

    func testDescribePod() {
        let expected = """
        Name:             web-7d4b9c8f5-abcde
        Namespace:        default
        Priority:         0
        Service Account:  default
        Node:             node-1/10.0.0.1
        Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
        Labels:           app=web
                          pod-template-hash=7d4b9c8f5
        Annotations:      <none>
        Status:           Running
        IP:               10.244.0.5
        IPs:
          IP:           10.244.0.5
        Controlled By:  ReplicaSet/web-7d4b9c8f5
        Containers:
          nginx:
            Container ID:   containerd://c1
            Image:          nginx:1.25
            Image ID:       docker.io/library/nginx@sha256:abc
            Port:           80/TCP
            Host Port:      0/TCP
            State:          Running
              Started:      Thu, 01 Jan 2026 00:00:05 +0000
            Ready:          True
            Restart Count:  0
            Environment:    <none>
            Mounts:         <none>
        Conditions:
          Type              Status
          Initialized       True~
          Ready             True~
          ContainersReady   True~
          PodScheduled      True~
        Volumes:            <none>
        QoS Class:          BestEffort
        Node-Selectors:     <none>
        Tolerations:        node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                            node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
        Events:
          Type     Reason     Age                From               Message
          ----     ------     ----               ----               -------
          Normal   Scheduled  60m                default-scheduler  Successfully assigned default/web-7d4b9c8f5-abcde to node-1
          Warning  BackOff    30s (x4 over 30m)  kubelet            Back-off pulling image "nginx:1.25"

        """.replacingOccurrences(of: "~", with: " ")
        XCTAssertEqual(describe(pod, .pod), expected)
    }

    func testDescribeReplicaSetCountsItsOwnPods() {
        var stranger = Fixtures.runningPod("other", ip: "10.244.0.9")
        stranger[path: ["metadata", "ownerReferences"]] = .array([])
        var pending = Fixtures.runningPod("web-7d4b9c8f5-fghij", ip: "")
        pending[path: ["status", "phase"]] = "Pending"
        let text = Describer.describe(Fixtures.replicaSet, kind: .replicaSet, now: Fixtures.now,
                                      lookup: Fixtures.lookup(world + [stranger, pending]))
        XCTAssertEqual(text, """
        Name:           web-7d4b9c8f5
        Namespace:      default
        Selector:       app=web,pod-template-hash=7d4b9c8f5
        Labels:         app=web
                        pod-template-hash=7d4b9c8f5
        Annotations:    deployment.kubernetes.io/revision: 1
        Controlled By:  Deployment/web
        Replicas:       3 current / 3 desired
        Pods Status:    1 Running / 1 Waiting / 0 Succeeded / 0 Failed
        Pod Template:
          Labels:  app=web
                   pod-template-hash=7d4b9c8f5
          Containers:
           nginx:
            Image:         nginx:1.25
            Port:          80/TCP
            Host Port:     0/TCP
            Environment:   <none>
            Mounts:        <none>
          Volumes:         <none>
          Node-Selectors:  <none>
          Tolerations:     <none>
        Events:
          Type    Reason            Age   From                   Message
          ----    ------            ----  ----                   -------
          Normal  SuccessfulCreate  60m   replicaset-controller  Created pod: web-7d4b9c8f5-abcde

        """)
    }

    func testGenericDescriberPrintsRemainingFieldsWithSmartLabels() {
        let revision = Fixtures.json("""
        {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"db-1","namespace":"default","uid":"cr-1",
          "creationTimestamp":"2026-01-01T00:00:00Z"},"revision":1}
        """)
        XCTAssertEqual(describe(revision, .controllerRevision), """
        Name:         db-1
        Namespace:    default
        Labels:       <none>
        Annotations:  <none>
        API Version:  apps/v1
        Kind:         ControllerRevision
        Metadata:
          Creation Timestamp:  2026-01-01T00:00:00Z
          UID:                 cr-1
        Revision:              1
        Events:                <none>

        """)
    }

    func testDescribeConfigMapAndSecret() {
        let map = Fixtures.json("""
        {"kind":"ConfigMap","metadata":{"name":"settings","namespace":"default","uid":"cm-1"},
         "data":{"logLevel":"debug","mode":"fast"},"binaryData":{"blob":"AAEC"}}
        """)
        XCTAssertEqual(describe(map, .configMap), """
        Name:         settings
        Namespace:    default
        Labels:       <none>
        Annotations:  <none>

        Data
        ====
        logLevel:
        ----
        debug
        mode:
        ----
        fast

        BinaryData
        ====
        blob: 3 bytes

        Events:  <none>

        """)
        let secret = Fixtures.json("""
        {"kind":"Secret","metadata":{"name":"creds","namespace":"default","uid":"s-1"},"type":"Opaque",
         "data":{"password":"czNjcjN0","user":"YWRtaW4="}}
        """)
        XCTAssertEqual(describe(secret, .secret), """
        Name:         creds
        Namespace:    default
        Labels:       <none>
        Annotations:  <none>

        Type:  Opaque

        Data
        ====
        password:  6 bytes
        user:      5 bytes

        """)
    }

    func testLongAndMultilineAnnotationsGoBelowTheirKey() {
        var writer = DescribeWriter()
        writer.annotations("Annotations", ["note": "line one\nline two", "short": "x"])
        XCTAssertEqual(writer.finish(), """
        Annotations:  note:
                        line one
                        line two
                      short: x

        """)
    }

    func testSmartLabels() {
        XCTAssertEqual(DescribeText.smartLabel("apiVersion"), "API Version")
        XCTAssertEqual(DescribeText.smartLabel("HTTPServer"), "HTTP Server")
        XCTAssertEqual(DescribeText.smartLabel("port80"), "port80")
    }
}
