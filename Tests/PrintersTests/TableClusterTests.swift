import XCTest
import Model
@testable import Printers

/// `kubectl get` tables for networking, cluster, storage and configuration kinds.
final class TableClusterTests: XCTestCase {
    private let now = Fixtures.now

    private func table(_ objects: [String], _ kind: ResourceKind, wide: Bool = false) -> String {
        TablePrinter.table(objects.map(Fixtures.json), kind: kind, now: now, options: TableOptions(wide: wide))
    }

    func testServicesOfEachType() {
        let services = [
            #"{"metadata":{"name":"kubernetes","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"type":"ClusterIP","clusterIP":"10.96.0.1","clusterIPs":["10.96.0.1"],"ports":[{"port":443,"protocol":"TCP"}]}}"#,
            #"{"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"type":"NodePort","clusterIPs":["10.96.12.7"],"selector":{"app":"web"},"ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"nodePort":30053,"protocol":"UDP"}]}}"#,
            #"{"metadata":{"name":"lb","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"type":"LoadBalancer","clusterIPs":["10.96.3.3"],"ports":[{"port":80,"nodePort":31000,"protocol":"TCP"}]}}"#,
            #"{"metadata":{"name":"db","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"]}}"#,
            #"{"metadata":{"name":"ext","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"type":"ExternalName","externalName":"example.com"}}"#,
        ]
        XCTAssertEqual(table(services, .service, wide: true), """
        NAME         TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)                     AGE   SELECTOR
        kubernetes   ClusterIP      10.96.0.1    <none>        443/TCP                     60m   <none>
        web          NodePort       10.96.12.7   <none>        80:30080/TCP,53:30053/UDP   60m   app=web
        lb           LoadBalancer   10.96.3.3    <pending>     80:31000/TCP                60m   <none>
        db           ClusterIP      None         <none>        <none>                      60m   <none>
        ext          ExternalName   <none>       example.com   <none>                      60m   <none>

        """)
    }

    func testEndpointsAndSlicesShowThreeAddressesThenMore() {
        let endpoints = [
            #"{"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:00:00Z"},"subsets":[{"addresses":[{"ip":"10.244.0.5"},{"ip":"10.244.0.6"},{"ip":"10.244.0.7"},{"ip":"10.244.0.8"}],"ports":[{"port":80}]}]}"#,
            #"{"metadata":{"name":"empty","creationTimestamp":"2026-01-01T00:00:00Z"}}"#,
        ]
        XCTAssertEqual(table(endpoints, .endpoints), """
        NAME    ENDPOINTS                                               AGE
        web     10.244.0.5:80,10.244.0.6:80,10.244.0.7:80 + 1 more...   60m
        empty   <none>                                                  60m

        """)
        let slice = #"{"metadata":{"name":"web-abc12","creationTimestamp":"2026-01-01T00:00:00Z"},"addressType":"IPv4","ports":[{"name":"http","port":80}],"endpoints":[{"addresses":["10.244.0.5"]},{"addresses":["10.244.0.6"]}]}"#
        let bare = #"{"metadata":{"name":"bare","creationTimestamp":"2026-01-01T00:00:00Z"},"addressType":"IPv4"}"#
        XCTAssertEqual(table([slice, bare], .endpointSlice), """
        NAME        ADDRESSTYPE   PORTS     ENDPOINTS               AGE
        web-abc12   IPv4          80        10.244.0.5,10.244.0.6   60m
        bare        IPv4          <unset>   <unset>                 60m

        """)
    }

    func testNodesWithRolesAndCordon() {
        let nodes = [
            """
            {"metadata":{"name":"node-1","creationTimestamp":"2025-12-20T00:00:00Z","labels":{"node-role.kubernetes.io/control-plane":""}},
             "status":{"conditions":[{"type":"Ready","status":"True"}],"addresses":[{"type":"InternalIP","address":"10.0.0.1"}],
               "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12","kernelVersion":"6.1.0","containerRuntimeVersion":"containerd://1.7.0"}}}
            """,
            """
            {"metadata":{"name":"node-2","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"unschedulable":true},
             "status":{"conditions":[{"type":"Ready","status":"False"}],"nodeInfo":{"kubeletVersion":"v1.32.0"}}}
            """,
        ]
        XCTAssertEqual(table(nodes, .node, wide: true), """
        NAME     STATUS                        ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE              KERNEL-VERSION   CONTAINER-RUNTIME
        node-1   Ready                         control-plane   12d   v1.32.0   10.0.0.1      <none>        Debian GNU/Linux 12   6.1.0            containerd://1.7.0
        node-2   NotReady,SchedulingDisabled   <none>          60m   v1.32.0   <none>        <none>        <unknown>             <unknown>        <unknown>

        """)
    }

    func testPersistentVolumesAndClaims() {
        let pv = """
        {"metadata":{"name":"pv-1","creationTimestamp":"2026-01-01T00:00:00Z"},
         "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Retain",
           "claimRef":{"namespace":"default","name":"data"},"storageClassName":"standard","volumeMode":"Filesystem"},
         "status":{"phase":"Bound"}}
        """
        XCTAssertEqual(table([pv], .persistentVolume, wide: true), """
        NAME   CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE
        pv-1   10Gi       RWO,RWX        Retain           Bound    default/data   standard       <unset>                          60m   Filesystem

        """)
        let bound = """
        {"metadata":{"name":"data","creationTimestamp":"2026-01-01T00:00:00Z"},
         "spec":{"volumeName":"pv-1","storageClassName":"standard","resources":{"requests":{"storage":"5Gi"}}},
         "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"10Gi"}}}
        """
        let pending = #"{"metadata":{"name":"logs","creationTimestamp":"2026-01-01T00:00:00Z"},"spec":{"resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}}"#
        XCTAssertEqual(table([bound, pending], .persistentVolumeClaim), """
        NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
        data   Bound     pv-1     10Gi       RWO            standard       <unset>                 60m
        logs   Pending                                                     <unset>                 60m

        """)
    }

    func testStorageClassMarksTheDefault() {
        let classes = [
            #"{"metadata":{"name":"standard","creationTimestamp":"2026-01-01T00:00:00Z","annotations":{"storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"rancher.io/local-path","volumeBindingMode":"WaitForFirstConsumer"}"#,
            #"{"metadata":{"name":"fast","creationTimestamp":"2026-01-01T00:00:00Z"},"provisioner":"csi.example.com","reclaimPolicy":"Retain","allowVolumeExpansion":true}"#,
        ]
        XCTAssertEqual(table(classes, .storageClass), """
        NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
        standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  60m
        fast                 csi.example.com         Retain          Immediate              true                   60m

        """)
    }

    func testConfigMapsSecretsServiceAccountsAndNamespaces() {
        XCTAssertEqual(table([#"{"metadata":{"name":"settings","creationTimestamp":"2026-01-01T00:00:00Z"},"data":{"a":"1","b":"2"},"binaryData":{"c":"AA=="}}"#], .configMap), """
        NAME       DATA   AGE
        settings   3      60m

        """)
        XCTAssertEqual(table([#"{"metadata":{"name":"token","creationTimestamp":"2026-01-01T00:00:00Z"},"type":"Opaque","data":{"password":"cw=="}}"#], .secret), """
        NAME    TYPE     DATA   AGE
        token   Opaque   1      60m

        """)
        XCTAssertEqual(table([#"{"metadata":{"name":"default","creationTimestamp":"2026-01-01T00:00:00Z"}}"#], .serviceAccount), """
        NAME      SECRETS   AGE
        default   0         60m

        """)
        XCTAssertEqual(table([#"{"metadata":{"name":"team-a"},"status":{"phase":"Terminating"}}"#], .namespace), """
        NAME     STATUS        AGE
        team-a   Terminating   <unknown>

        """)
    }

    func testEventsNormalAndWide() {
        let event = Fixtures.event("web.181", reason: "ScalingReplicaSet", message: "Scaled up replica set web-7d4b9c8f5 to 3",
                                   object: Fixtures.deployment, first: "2026-01-01T00:50:00Z", last: "2026-01-01T00:59:00Z", count: 2)
        XCTAssertEqual(TablePrinter.table([event], kind: .event, now: now, options: TableOptions()), """
        LAST SEEN   TYPE     REASON              OBJECT           MESSAGE
        60s         Normal   ScalingReplicaSet   deployment/web   Scaled up replica set web-7d4b9c8f5 to 3

        """)
        XCTAssertEqual(TablePrinter.table([event], kind: .event, now: now, options: TableOptions(wide: true)), """
        LAST SEEN   TYPE     REASON              OBJECT           SUBOBJECT   SOURCE                  MESSAGE                                    FIRST SEEN   COUNT   NAME
        60s         Normal   ScalingReplicaSet   deployment/web               deployment-controller   Scaled up replica set web-7d4b9c8f5 to 3   10m          2       web.181

        """)
    }
}
