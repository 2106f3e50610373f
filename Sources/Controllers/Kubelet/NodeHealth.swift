import Model
import Determinism

/// Reading and writing a node's health: the simulated kubelet's state, its conditions and the
/// unreachable taints.
enum NodeHealth {
    /// Upstream's `node-monitor-grace-period`: how long a node may go without posting status.
    static let monitorGracePeriod: Int64 = 40
    static let unreachableTaintKey = "node.kubernetes.io/unreachable"
    static let unknownReason = "NodeStatusUnknown"
    static let unknownMessage = "Kubelet stopped posting node status."

    static func kubeletDown(_ node: JSONValue) -> Bool { node.annotations[SimulationAnnotation.kubelet] == "down" }

    static func conditions(_ node: JSONValue) -> [JSONValue] { node[path: ["status", "conditions"]]?.arrayValue ?? [] }

    static func readyStatus(_ node: JSONValue) -> String? {
        conditions(node).first { $0["type"]?.stringValue == "Ready" }?["status"]?.stringValue
    }

    /// Every condition Unknown, as the node lifecycle controller marks a node that stopped posting status
    /// (heartbeat times kept, transition time now).
    static func unknownConditions(old: [JSONValue], now: Timestamp) -> [JSONValue] {
        old.map { condition in
            var updated = condition
            if condition["status"]?.stringValue != "Unknown" { updated["lastTransitionTime"] = .string(now.rfc3339) }
            updated["status"] = "Unknown"
            updated["reason"] = .string(unknownReason)
            updated["message"] = .string(unknownMessage)
            return updated
        }
    }

    /// The conditions a healthy kubelet posts.
    static func healthyConditions(old: [JSONValue], now: Timestamp) -> [JSONValue] {
        let healthy: [(String, String, String, String)] = [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ]
        return healthy.map { type, status, reason, message in
            let previous = old.first { $0["type"]?.stringValue == type }
            let transition = previous.flatMap { $0["status"]?.stringValue == status ? $0["lastTransitionTime"] : nil }
            return ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
                    "lastHeartbeatTime": .string(now.rfc3339), "lastTransitionTime": transition ?? .string(now.rfc3339)]
        }
    }

    static func taints(_ node: JSONValue) -> [JSONValue] { node[path: ["spec", "taints"]]?.arrayValue ?? [] }

    static func isUnreachableTaint(_ taint: JSONValue) -> Bool { taint["key"]?.stringValue == unreachableTaintKey }

    /// When the unreachable NoExecute taint was added, if the node has it.
    static func unreachableSince(_ node: JSONValue) -> Timestamp? {
        taints(node).first { isUnreachableTaint($0) && $0["effect"]?.stringValue == "NoExecute" }?["timeAdded"]?
            .stringValue.flatMap(Timestamp.init(rfc3339:))
    }
}

/// Toleration matching for NoExecute taints (`k8s.io/api/core/v1/toleration.go`).
enum Tolerations {
    /// Whether `toleration` tolerates `taint`.
    static func tolerates(_ toleration: JSONValue, _ taint: JSONValue) -> Bool {
        let effect = toleration["effect"]?.stringValue ?? ""
        if !effect.isEmpty, effect != taint["effect"]?.stringValue { return false }
        let key = toleration["key"]?.stringValue ?? ""
        let op = toleration["operator"]?.stringValue ?? "Equal"
        if key.isEmpty { return op == "Exists" }
        guard key == taint["key"]?.stringValue else { return false }
        if op == "Exists" { return true }
        return (toleration["value"]?.stringValue ?? "") == (taint["value"]?.stringValue ?? "")
    }

    /// How long a pod may stay on a node with a NoExecute taint, as upstream's `getMinTolerationTime`:
    /// no matching toleration ⇒ 0; otherwise the smallest `tolerationSeconds` among the matching ones
    /// (negative counts as 0), or forever when none of them sets it.
    enum Allowance: Equatable { case forever, seconds(Int64) }

    static func allowance(_ pod: JSONValue, _ taint: JSONValue) -> Allowance {
        let matching = (pod[path: ["spec", "tolerations"]]?.arrayValue ?? []).filter { tolerates($0, taint) }
        if matching.isEmpty { return .seconds(0) }
        guard let limit = matching.compactMap({ $0["tolerationSeconds"]?.intValue }).min() else { return .forever }
        return .seconds(Int64(max(0, limit)))
    }
}
