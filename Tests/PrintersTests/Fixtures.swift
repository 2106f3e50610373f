import Determinism
import Model
@testable import Printers

/// Objects shaped as the store holds them, and a clock one hour after they were created.
enum Fixtures {
    static let created = "2026-01-01T00:00:00Z"
    static let now = Timestamp(rfc3339: "2026-01-01T01:00:00Z")!

    static func json(_ text: String) -> JSONValue {
        do { return try JSONValue.parse(text) } catch { fatalError("bad fixture: \(error)") }
    }

    static let deployment = json("""
    {"apiVersion":"apps/v1","kind":"Deployment",
     "metadata":{"name":"web","namespace":"default","uid":"d-1","creationTimestamp":"2026-01-01T00:00:00Z",
       "labels":{"app":"web"},
       "annotations":{"deployment.kubernetes.io/revision":"1","kubectl.kubernetes.io/last-applied-configuration":"{}"}},
     "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"minReadySeconds":0,
       "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
       "template":{"metadata":{"labels":{"app":"web"}},
         "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}},
     "status":{"replicas":3,"updatedReplicas":3,"readyReplicas":3,"availableReplicas":3,
       "conditions":[
         {"type":"Available","status":"True","reason":"MinimumReplicasAvailable"},
         {"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
    """)

    static let replicaSet = json("""
    {"apiVersion":"apps/v1","kind":"ReplicaSet",
     "metadata":{"name":"web-7d4b9c8f5","namespace":"default","uid":"rs-1","creationTimestamp":"2026-01-01T00:00:00Z",
       "labels":{"app":"web","pod-template-hash":"7d4b9c8f5"},
       "annotations":{"deployment.kubernetes.io/revision":"1"},
       "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"d-1","controller":true}]},
     "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web","pod-template-hash":"7d4b9c8f5"}},
       "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"7d4b9c8f5"}},
         "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}},
     "status":{"replicas":3,"readyReplicas":3,"availableReplicas":3}}
    """)

    static let oldReplicaSet = json("""
    {"apiVersion":"apps/v1","kind":"ReplicaSet",
     "metadata":{"name":"web-5f6d7c8b9","namespace":"default","uid":"rs-0","creationTimestamp":"2025-12-31T23:00:00Z",
       "labels":{"app":"web","pod-template-hash":"5f6d7c8b9"},
       "ownerReferences":[{"apiVersion":"apps/v1","kind":"Deployment","name":"web","uid":"d-1","controller":true}]},
     "spec":{"replicas":0,"selector":{"matchLabels":{"app":"web","pod-template-hash":"5f6d7c8b9"}},
       "template":{"metadata":{"labels":{"app":"web","pod-template-hash":"5f6d7c8b9"}},
         "spec":{"containers":[{"name":"nginx","image":"nginx:1.24"}]}}},
     "status":{"replicas":0}}
    """)

    /// A running pod of the ReplicaSet, with `name` and pod IP suffix.
    static func runningPod(_ name: String, ip: String) -> JSONValue {
        json("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"\(name)","namespace":"default","uid":"uid-\(name)","creationTimestamp":"2026-01-01T00:00:00Z",
           "labels":{"app":"web","pod-template-hash":"7d4b9c8f5"},
           "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web-7d4b9c8f5","uid":"rs-1","controller":true}]},
         "spec":{"nodeName":"node-1","serviceAccountName":"default","priority":0,
           "containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"}]}],
           "tolerations":[
             {"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300},
             {"key":"node.kubernetes.io/unreachable","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]},
         "status":{"phase":"Running","hostIP":"10.0.0.1","podIP":"\(ip)","podIPs":[{"ip":"\(ip)"}],
           "startTime":"2026-01-01T00:00:00Z","qosClass":"BestEffort",
           "conditions":[{"type":"Initialized","status":"True"},{"type":"Ready","status":"True"},
             {"type":"ContainersReady","status":"True"},{"type":"PodScheduled","status":"True"}],
           "containerStatuses":[{"name":"nginx","ready":true,"restartCount":0,"started":true,
             "image":"nginx:1.25","imageID":"docker.io/library/nginx@sha256:abc","containerID":"containerd://c1",
             "state":{"running":{"startedAt":"2026-01-01T00:00:05Z"}}}]}}
        """)
    }

    static func event(_ name: String, reason: String, message: String, object: JSONValue, first: String, last: String,
                      count: Int, type: String = "Normal", component: String = "deployment-controller") -> JSONValue {
        json("""
        {"apiVersion":"v1","kind":"Event",
         "metadata":{"name":"\(name)","namespace":"default","creationTimestamp":"\(first)"},
         "involvedObject":{"kind":"\(object.kind)","name":"\(object.name)","namespace":"default","uid":"\(object.uid)",
           "apiVersion":"\(object.apiVersion)"},
         "reason":"\(reason)","message":"\(message)","type":"\(type)","count":\(count),
         "firstTimestamp":"\(first)","lastTimestamp":"\(last)","source":{"component":"\(component)"}}
        """)
    }

    /// A lookup over a fixed set of objects, filtered by kind and (unless empty) namespace.
    static func lookup(_ objects: [JSONValue]) -> (ResourceKind, String) -> [JSONValue] {
        { kind, namespace in
            objects.filter { $0.kind == kind.kind && (namespace.isEmpty || $0.namespace == namespace) }
        }
    }
}
