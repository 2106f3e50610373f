import Model
import Determinism

/// A ReplicaSet's status as upstream's `calculateStatus` and `updateReplicaSetStatus` compute it.
public enum ReplicaSetStatus {
    /// The condition type a failed create or delete sets.
    public static let replicaFailure = "ReplicaFailure"

    /// A manageReplicas failure: `FailedCreate` when there were too few pods, `FailedDelete` when too many.
    public struct Failure: Equatable, Sendable {
        public var reason: String
        public var message: String
        public init(reason: String, message: String) { self.reason = reason; self.message = message }
    }

    /// The new status for `replicaSet` given the pods it claimed (active ones, before this sync's creates
    /// and deletes) and the outcome of managing replicas. `observedGeneration` is left as it was; it is set
    /// when the status is written.
    public static func calculate(replicaSet: JSONValue, claimed pods: [JSONValue], failure: Failure?,
                                 now: Timestamp) -> JSONValue {
        calculate(replicaSet: replicaSet, claimedFacts: pods.map(ReplicaSetPodFacts.init), failure: failure, now: now)
    }

    /// `calculate` from what was read of each claimed pod.
    static func calculate(replicaSet: JSONValue, claimedFacts pods: [ReplicaSetPodFacts], failure: Failure?,
                          now: Timestamp) -> JSONValue {
        let minReadySeconds = replicaSet[path: ["spec", "minReadySeconds"]]?.intValue ?? 0
        let templateLabels = LabelSelector.fromSet(JSONValue.stringMap(replicaSet[path: ["spec", "template", "metadata", "labels"]]))
        var fullyLabeled = 0, ready = 0, available = 0
        for pod in pods {
            if templateLabels.matches(pod.labels) { fullyLabeled += 1 }
            guard pod.ready else { continue }
            ready += 1
            if pod.isAvailable(minReadySeconds: minReadySeconds, now: now) { available += 1 }
        }
        var status = replicaSet["status"]?.objectValue ?? [:]
        var conditions = status["conditions"]?.arrayValue ?? []
        let existing = conditions.first { $0["type"]?.stringValue == replicaFailure }
        if let failure, existing == nil {
            conditions.append([
                "type": .string(replicaFailure), "status": "True", "lastTransitionTime": .string(now.rfc3339),
                "reason": .string(failure.reason), "message": .string(failure.message),
            ])
        } else if failure == nil, existing != nil {
            conditions.removeAll { $0["type"]?.stringValue == replicaFailure }
        }
        status["conditions"] = conditions.isEmpty ? nil : .array(conditions)
        status["replicas"] = .int(pods.count)
        status["fullyLabeledReplicas"] = omittingZero(fullyLabeled)
        status["readyReplicas"] = omittingZero(ready)
        status["availableReplicas"] = omittingZero(available)
        return .object(status)
    }

    /// Whether `status` differs from what `replicaSet` has in a way upstream writes: a count, the
    /// conditions, or a generation not yet observed.
    public static func needsWrite(replicaSet: JSONValue, status: JSONValue) -> Bool {
        let current = replicaSet["status"] ?? .emptyObject
        for field in ["replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas"]
        where (current[field]?.intValue ?? 0) != (status[field]?.intValue ?? 0) {
            return true
        }
        if replicaSet.generation != (current["observedGeneration"]?.intValue ?? 0) { return true }
        return (current["conditions"]?.arrayValue ?? []) != (status["conditions"]?.arrayValue ?? [])
    }

    /// Seconds until the next claimed pod becomes available, when one is waiting out minReadySeconds.
    public static func secondsUntilNextAvailable(replicaSet: JSONValue, claimed pods: [JSONValue], now: Timestamp) -> Int64? {
        secondsUntilNextAvailable(replicaSet: replicaSet, claimedFacts: pods.map(ReplicaSetPodFacts.init), now: now)
    }

    /// `secondsUntilNextAvailable` from what was read of each claimed pod.
    static func secondsUntilNextAvailable(replicaSet: JSONValue, claimedFacts pods: [ReplicaSetPodFacts],
                                          now: Timestamp) -> Int64? {
        let minReadySeconds = replicaSet[path: ["spec", "minReadySeconds"]]?.intValue ?? 0
        guard minReadySeconds > 0 else { return nil }
        return pods.compactMap { $0.secondsUntilAvailable(minReadySeconds: minReadySeconds, now: now) }.min()
    }

    /// Go's `omitempty` on an int32 field.
    private static func omittingZero(_ value: Int) -> JSONValue? { value == 0 ? nil : .int(value) }
}
