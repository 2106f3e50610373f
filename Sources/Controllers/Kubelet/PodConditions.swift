import Model
import Determinism

/// The pod phase and the kubelet-owned conditions, computed from container statuses as upstream's
/// `getPhase` and `pkg/kubelet/status/generate.go` do.
enum PodConditions {
    /// The kubelet-owned condition types, in the order the kubelet writes them.
    static let kubeletOwned = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]

    /// `getPhase` for regular containers (init containers are simulated as completed at once).
    static func phase(_ containers: [ContainerStatusView], restartPolicy: String) -> String {
        var running = 0, waiting = 0, stopped = 0, succeeded = 0
        for container in containers {
            if container.isRunning {
                running += 1
            } else if container.isTerminated {
                stopped += 1
                if container.json[path: ["state", "terminated", "exitCode"]]?.intValue == 0 { succeeded += 1 }
            } else if container.hasRun {
                stopped += 1
            } else {
                waiting += 1
            }
        }
        if waiting > 0 { return "Pending" }
        if running > 0 { return "Running" }
        if stopped > 0 {
            if restartPolicy == "Always" { return "Running" }
            if stopped == succeeded { return "Succeeded" }
            if restartPolicy == "Never" { return "Failed" }
            return "Running"
        }
        return "Pending"
    }

    /// The conditions after this reconcile: non-kubelet conditions first (unchanged), then the kubelet's,
    /// keeping each condition's `lastTransitionTime` unless its status changes.
    static func conditions(old: [JSONValue], containers: [ContainerStatusView], phase: String, now: Timestamp) -> [JSONValue] {
        let previous = Dictionary(old.map { ($0["type"]?.stringValue ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        func condition(_ type: String, _ status: Bool, reason: String? = nil, message: String? = nil) -> JSONValue {
            let text = status ? "True" : "False"
            var value: JSONValue = ["type": .string(type), "status": .string(text), "lastProbeTime": .null]
            if let reason { value["reason"] = .string(reason) }
            if let message { value["message"] = .string(message) }
            let kept = previous[type].flatMap { $0["status"]?.stringValue == text ? $0["lastTransitionTime"] : nil }
            value["lastTransitionTime"] = kept ?? .string(now.rfc3339)
            return value
        }
        let terminal = phase == "Succeeded" || phase == "Failed"
        let unready = containers.filter { !$0.ready }.map { $0.json["name"]?.stringValue ?? "" }
        let containersReady: JSONValue
        if unready.isEmpty {
            containersReady = condition("ContainersReady", true)
        } else if terminal {
            containersReady = condition("ContainersReady", false, reason: phase == "Succeeded" ? "PodCompleted" : "PodFailed")
        } else {
            containersReady = condition("ContainersReady", false, reason: "ContainersNotReady",
                                        message: "containers with unready status: [\(unready.joined(separator: " "))]")
        }
        var ready = containersReady
        ready["type"] = "Ready"
        ready["lastTransitionTime"] = nil
        let readyStatus = ready["status"]?.stringValue ?? "False"
        ready["lastTransitionTime"] = previous["Ready"].flatMap { $0["status"]?.stringValue == readyStatus ? $0["lastTransitionTime"] : nil }
            ?? .string(now.rfc3339)

        var result = old.filter { !kubeletOwned.contains($0["type"]?.stringValue ?? "") }
        result.append(condition("PodReadyToStartContainers", !terminal))
        result.append(condition("Initialized", true))
        result.append(ready)
        result.append(containersReady)
        result.append(previous["PodScheduled"].map { $0["status"]?.stringValue == "True" ? $0 : condition("PodScheduled", true) }
                      ?? condition("PodScheduled", true))
        return result
    }
}
