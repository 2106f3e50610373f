import Model
import Determinism
import Store

/// The node lifecycle controller with taint-based eviction, for simulated node failures.
///
/// A node whose kubelet is down (`sim.logbook.dev/kubelet: down`, set by `logbook node fail`) stops
/// posting status. `monitorGracePeriod` (40 s) after it stopped, this controller sets every node
/// condition Unknown (`NodeStatusUnknown`, `Kubelet stopped posting node status.`), records
/// `NodeNotReady`, adds the `node.kubernetes.io/unreachable` NoExecute and NoSchedule taints and marks
/// the node's pods Ready=False (phase unchanged). Each pod is evicted when its toleration of the
/// unreachable taint runs out (300 s by default): a `DisruptionTarget` condition, the
/// `TaintManagerEviction` Event, then a graceful delete, so the pod shows Terminating and a ReplicaSet
/// replaces it at once.
///
/// Divergence, by choice: upstream leaves such a pod Terminating until the node comes back (its kubelet
/// is the one that removes it). Here, once the pod's grace period is over, this controller force-deletes
/// it (grace period 0), as pod garbage collection does for nodes marked out of service, so a bare pod is
/// simply gone. When the kubelet is back (Ready True again, posted by the kubelet), the taints go.
public struct NodeLifecycleController: Reconciler {
    public static let name = "node-lifecycle-controller"
    public var name: String { Self.name }

    public init() {}

    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool { kind == .pod || kind == .node }

    public func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        switch change.kind {
        case .node:
            return change.isDelete ? [] : [ObjectKey(of: change.object, kind: .node)]
        case .pod:
            guard !change.isDelete, let node = change.object[path: ["spec", "nodeName"]]?.stringValue, !node.isEmpty,
                  let object = try client.get(.node, "", node),
                  NodeHealth.kubeletDown(object) || NodeHealth.unreachableSince(object) != nil else { return [] }
            return [ObjectKey(.node, "", node)]
        default:
            return []
        }
    }

    public func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard key.kind == .node, var node = try client.get(.node, "", key.name) else { return .done }
        let now = client.now
        guard NodeHealth.kubeletDown(node) else { return try recover(node, client: client) }

        guard let stoppedAt = node.annotations[SimulationAnnotation.kubeletStoppedAt].flatMap(Timestamp.init(rfc3339:)) else {
            try client.patch(.node, "", node.name, ["metadata": ["annotations": [
                SimulationAnnotation.kubeletStoppedAt: .string(now.rfc3339)]]])
            return .after(NodeHealth.monitorGracePeriod)
        }
        let notReadyAt = stoppedAt + NodeHealth.monitorGracePeriod
        if now < notReadyAt { return .after(notReadyAt - now) }

        if NodeHealth.readyStatus(node) != "Unknown" {
            node[path: ["status", "conditions"]] = .array(NodeHealth.unknownConditions(old: NodeHealth.conditions(node), now: now))
            node = try client.updateStatus(node)
            try client.recordEvent(about: node, type: .normal, reason: "NodeNotReady",
                                   message: "Node \(node.name) status is now: NodeNotReady")
        }
        if NodeHealth.unreachableSince(node) == nil {
            var taints = NodeHealth.taints(node).filter { !NodeHealth.isUnreachableTaint($0) }
            taints.append(["key": .string(NodeHealth.unreachableTaintKey), "effect": "NoExecute", "timeAdded": .string(now.rfc3339)])
            taints.append(["key": .string(NodeHealth.unreachableTaintKey), "effect": "NoSchedule"])
            node[path: ["spec", "taints"]] = .array(taints)
            node = try client.update(node)
        }
        return try evict(on: node, client: client)
    }

    /// Marks the node's pods not ready and evicts those whose toleration ran out; returns when to look again.
    func evict(on node: JSONValue, client: any ObjectClient) throws -> Requeue {
        let now = client.now
        let since = NodeHealth.unreachableSince(node) ?? now
        let taint = NodeHealth.taints(node).first { NodeHealth.isUnreachableTaint($0) && $0["effect"]?.stringValue == "NoExecute" }
            ?? ["key": .string(NodeHealth.unreachableTaintKey), "effect": "NoExecute"]
        var next: Timestamp?
        func wake(_ time: Timestamp) { if next == nil || time < next! { next = time } }

        for var pod in try client.pods(onNode: node.name) {
            if let text = pod.deletionTimestamp, let deadline = Timestamp(rfc3339: text) {
                if now >= deadline {
                    try client.delete(.pod, pod.namespace, pod.name, gracePeriodSeconds: 0)
                } else { wake(deadline) }
                continue
            }
            var conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
            if let index = conditions.firstIndex(where: { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }) {
                conditions[index]["status"] = "False"
                conditions[index]["lastTransitionTime"] = .string(now.rfc3339)
                pod[path: ["status", "conditions"]] = .array(conditions)
                pod = try client.updateStatus(pod)
                try client.recordEvent(about: pod, type: .warning, reason: "NodeNotReady", message: "Node is not ready")
            }
            guard case .seconds(let seconds) = Tolerations.allowance(pod, taint) else { continue }
            let evictAt = since + seconds
            if now < evictAt { wake(evictAt); continue }
            conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
            conditions.removeAll { $0["type"]?.stringValue == "DisruptionTarget" }
            conditions.insert(["type": "DisruptionTarget", "status": "True", "lastProbeTime": .null,
                               "lastTransitionTime": .string(now.rfc3339), "reason": "DeletionByTaintManager",
                               "message": "Taint manager: deleting due to NoExecute taint"], at: 0)
            pod[path: ["status", "conditions"]] = .array(conditions)
            pod = try client.updateStatus(pod)
            try client.recordEvent(about: pod, type: .normal, reason: "TaintManagerEviction",
                                   message: "Marking for deletion Pod \(pod.namespace)/\(pod.name)")
            try client.delete(.pod, pod.namespace, pod.name, gracePeriodSeconds: nil)
            if let marked = try client.get(.pod, pod.namespace, pod.name),
               let deadline = marked.deletionTimestamp.flatMap(Timestamp.init(rfc3339:)) {
                wake(deadline)
            }
        }
        guard let next else { return .done }
        return .after(max(next - now, 1))
    }

    /// A node whose kubelet is back: once the kubelet posts Ready, the unreachable taints go; a leftover
    /// stopped-at annotation is cleared.
    func recover(_ node: JSONValue, client: any ObjectClient) throws -> Requeue {
        var node = node
        if node.annotations[SimulationAnnotation.kubeletStoppedAt] != nil {
            node = try client.patch(.node, "", node.name, ["metadata": ["annotations": [
                SimulationAnnotation.kubeletStoppedAt: .null]]])
        }
        let taints = NodeHealth.taints(node)
        guard NodeHealth.readyStatus(node) == "True", taints.contains(where: NodeHealth.isUnreachableTaint) else { return .done }
        let kept = taints.filter { !NodeHealth.isUnreachableTaint($0) }
        node[path: ["spec", "taints"]] = kept.isEmpty ? nil : .array(kept)
        try client.update(node)
        return .done
    }
}
