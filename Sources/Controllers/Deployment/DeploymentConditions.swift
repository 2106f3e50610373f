import Model
import Determinism

/// Deployment condition types, reasons and the `SetDeploymentCondition` mechanics (`deployment_util.go`).
public enum DeploymentConditions {
    public static let available = "Available"
    public static let progressing = "Progressing"
    public static let replicaFailure = "ReplicaFailure"

    public static let minimumReplicasAvailable = "MinimumReplicasAvailable"
    public static let minimumReplicasUnavailable = "MinimumReplicasUnavailable"
    public static let newReplicaSetCreated = "NewReplicaSetCreated"
    public static let foundNewReplicaSet = "FoundNewReplicaSet"
    public static let newReplicaSetAvailable = "NewReplicaSetAvailable"
    public static let replicaSetUpdated = "ReplicaSetUpdated"
    public static let progressDeadlineExceeded = "ProgressDeadlineExceeded"
    public static let replicaSetCreateError = "ReplicaSetCreateError"
    public static let deploymentPaused = "DeploymentPaused"
    public static let deploymentResumed = "DeploymentResumed"

    /// A new condition; both timestamps are `now`.
    static func make(_ type: String, _ status: String, _ reason: String, _ message: String, now: Timestamp) -> JSONValue {
        ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
         "lastUpdateTime": .string(now.rfc3339), "lastTransitionTime": .string(now.rfc3339)]
    }

    /// The condition of `type` in `status`, if any.
    static func find(_ status: JSONValue, _ type: String) -> JSONValue? {
        (status["conditions"]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }
    }

    /// Sets a condition: no change at all when one with the same status and reason exists; otherwise the
    /// old one is removed (its lastTransitionTime kept if the status is unchanged) and the new one appended.
    static func set(_ status: inout JSONValue, _ condition: JSONValue) {
        var condition = condition
        let type = condition["type"]?.stringValue ?? ""
        if let current = find(status, type) {
            if current["status"] == condition["status"] && current["reason"] == condition["reason"] { return }
            if current["status"] == condition["status"] { condition["lastTransitionTime"] = current["lastTransitionTime"] }
        }
        remove(&status, type)
        var conditions = status["conditions"]?.arrayValue ?? []
        conditions.append(condition)
        status["conditions"] = .array(conditions)
    }

    /// Removes the condition of `type` (and the list itself when it becomes empty).
    static func remove(_ status: inout JSONValue, _ type: String) {
        guard let conditions = status["conditions"]?.arrayValue else { return }
        let kept = conditions.filter { $0["type"]?.stringValue != type }
        status["conditions"] = kept.isEmpty ? nil : .array(kept)
    }

    /// A ReplicaSet `ReplicaFailure` condition as a Deployment condition (lastUpdateTime = its lastTransitionTime).
    static func fromReplicaSet(_ condition: JSONValue) -> JSONValue {
        var copy: JSONValue = ["type": condition["type"] ?? .null, "status": condition["status"] ?? .null,
                               "lastTransitionTime": condition["lastTransitionTime"] ?? .null,
                               "lastUpdateTime": condition["lastTransitionTime"] ?? .null]
        if let reason = condition["reason"] { copy["reason"] = reason }
        if let message = condition["message"] { copy["message"] = message }
        return copy
    }
}
