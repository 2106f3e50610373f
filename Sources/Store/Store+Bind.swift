import Model
import Determinism

extension Store {
    /// Binds a pod to a node, as `POST pods/NAME/binding` does: sets `spec.nodeName` and the PodScheduled
    /// condition in one event (verb `bind`). A pod already bound is a Conflict.
    @discardableResult
    public func bind(podNamespace namespace: String, pod name: String, to node: String,
                     context: WriteContext) throws -> JSONValue {
        try write {
            var pod = try get(.pod, namespace: namespace, name: name)
            if let bound = pod[path: ["spec", "nodeName"]]?.stringValue, !bound.isEmpty {
                throw APIError(reason: .conflict, message: "pod \(name) is already assigned to node \"\(bound)\"",
                               detailsKind: "pods", name: name)
            }
            if pod.deletionTimestamp != nil {
                throw APIError(reason: .conflict, message: "pod \(name) is being deleted, cannot be assigned to a host",
                               detailsKind: "pods", name: name)
            }
            guard try exists(.node, namespace: "", name: node) else { throw APIError.notFound(.node, node) }
            let head = try head()
            pod[path: ["spec", "nodeName"]] = .string(node)
            var conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
            conditions.removeAll { $0["type"]?.stringValue == "PodScheduled" }
            conditions.append(["type": "PodScheduled", "status": "True", "lastProbeTime": nil,
                               "lastTransitionTime": .string(head.time.rfc3339)])
            pod[path: ["status", "conditions"]] = .array(conditions)
            pod[path: ["metadata", "resourceVersion"]] = .string(String(head.seq + 1))
            try append(verb: .bind, object: pod, kind: .pod, namespace: namespace, name: name, uid: pod.uid,
                       context: context, seq: head.seq + 1, time: head.time)
            return pod
        }
    }
}
