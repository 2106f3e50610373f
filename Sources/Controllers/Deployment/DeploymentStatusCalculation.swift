import Model
import Determinism

/// Pure status computations of the Deployment controller (`sync.go` `calculateStatus`, `progress.go`,
/// `deployment_util.go` `DeploymentComplete`, `DeploymentProgressing`, `DeploymentTimedOut`).
public enum DeploymentStatusCalculation {
    /// The status for `deployment` given all its ReplicaSets and the new one: counts, carried-over
    /// conditions and collisionCount, and the Available condition recomputed. Zero counts are omitted, as
    /// Go's `omitempty` does.
    public static func calculate(_ deployment: JSONValue, all: [JSONValue], new: JSONValue?, now: Timestamp) -> JSONValue {
        let available = all.reduce(0) { $0 + $1.availableReplicas }
        let specTotal = all.reduce(0) { $0 + $1.specReplicas }
        var status: JSONValue = .emptyObject
        func put(_ key: String, _ value: Int) { if value != 0 { status[key] = .int(value) } }
        put("observedGeneration", deployment.generation)
        put("replicas", all.reduce(0) { $0 + $1.statusReplicas })
        put("updatedReplicas", new?.statusReplicas ?? 0)
        put("readyReplicas", all.reduce(0) { $0 + $1.readyReplicas })
        put("availableReplicas", available)
        put("unavailableReplicas", max(0, specTotal - available))
        if let collisions = deployment[path: ["status", "collisionCount"]], !collisions.isNull {
            status["collisionCount"] = collisions
        }
        if let conditions = deployment[path: ["status", "conditions"]]?.arrayValue, !conditions.isEmpty {
            status["conditions"] = .array(conditions)
        }
        if available >= RolloutArithmetic.minAvailable(deployment) {
            DeploymentConditions.set(&status, DeploymentConditions.make(
                DeploymentConditions.available, "True", DeploymentConditions.minimumReplicasAvailable,
                "Deployment has minimum availability.", now: now))
        } else {
            DeploymentConditions.set(&status, DeploymentConditions.make(
                DeploymentConditions.available, "False", DeploymentConditions.minimumReplicasUnavailable,
                "Deployment does not have minimum availability.", now: now))
        }
        return status
    }

    static func int(_ status: JSONValue, _ key: String) -> Int { status[key]?.intValue ?? 0 }

    /// updated == replicas == available == R and the generation is observed.
    public static func isComplete(_ deployment: JSONValue, status: JSONValue) -> Bool {
        let desired = RolloutArithmetic.replicas(deployment)
        return int(status, "updatedReplicas") == desired && int(status, "replicas") == desired
            && int(status, "availableReplicas") == desired && int(status, "observedGeneration") >= deployment.generation
    }

    /// Any progress against the stored status: more updated, fewer old, more ready or more available.
    static func isProgressing(_ deployment: JSONValue, status: JSONValue) -> Bool {
        let old = deployment["status"] ?? .emptyObject
        let oldOld = int(old, "replicas") - int(old, "updatedReplicas")
        let newOld = int(status, "replicas") - int(status, "updatedReplicas")
        return int(status, "updatedReplicas") > int(old, "updatedReplicas") || newOld < oldOld
            || int(status, "readyReplicas") > int(old, "readyReplicas")
            || int(status, "availableReplicas") > int(old, "availableReplicas")
    }

    /// Whether the Progressing condition's lastUpdateTime plus the deadline is strictly before `now`.
    static func hasTimedOut(_ deployment: JSONValue, status: JSONValue, now: Timestamp) -> Bool {
        guard let deadline = RolloutArithmetic.progressDeadline(deployment),
              let condition = DeploymentConditions.find(status, DeploymentConditions.progressing) else { return false }
        let reason = condition["reason"]?.stringValue
        if reason == DeploymentConditions.newReplicaSetAvailable { return false }
        if reason == DeploymentConditions.progressDeadlineExceeded { return true }
        guard let from = condition["lastUpdateTime"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else { return false }
        return from + Int64(deadline) < now
    }

    /// The rollout status (`syncRolloutStatus`): `calculate`, then the Progressing condition evaluated (or
    /// removed when there is no deadline), then ReplicaFailure copied from the ReplicaSets.
    public static func rolloutStatus(_ deployment: JSONValue, all: [JSONValue], new: JSONValue?, now: Timestamp) -> JSONValue {
        var status = calculate(deployment, all: all, new: new, now: now)
        let stored = deployment["status"] ?? .emptyObject
        let deadline = RolloutArithmetic.progressDeadline(deployment)
        if deadline == nil { DeploymentConditions.remove(&status, DeploymentConditions.progressing) }
        let current = DeploymentConditions.find(stored, DeploymentConditions.progressing)
        let alreadyComplete = int(status, "replicas") == int(status, "updatedReplicas")
            && current?["reason"]?.stringValue == DeploymentConditions.newReplicaSetAvailable
        let subject = new.map { "ReplicaSet \"\($0.name)\"" } ?? "Deployment \"\(deployment.name)\""
        if deadline != nil && !alreadyComplete {
            if isComplete(deployment, status: status) {
                DeploymentConditions.set(&status, DeploymentConditions.make(
                    DeploymentConditions.progressing, "True", DeploymentConditions.newReplicaSetAvailable,
                    "\(subject) has successfully progressed.", now: now))
            } else if isProgressing(deployment, status: status) {
                var condition = DeploymentConditions.make(DeploymentConditions.progressing, "True",
                                                          DeploymentConditions.replicaSetUpdated, "\(subject) is progressing.", now: now)
                if let current {
                    if current["status"]?.stringValue == "True" { condition["lastTransitionTime"] = current["lastTransitionTime"] }
                    DeploymentConditions.remove(&status, DeploymentConditions.progressing)
                }
                DeploymentConditions.set(&status, condition)
            } else if hasTimedOut(deployment, status: status, now: now) {
                DeploymentConditions.set(&status, DeploymentConditions.make(
                    DeploymentConditions.progressing, "False", DeploymentConditions.progressDeadlineExceeded,
                    "\(subject) has timed out progressing.", now: now))
            }
        }
        if let failure = replicaFailures(all: all, new: new).first {
            DeploymentConditions.set(&status, failure)
        } else {
            DeploymentConditions.remove(&status, DeploymentConditions.replicaFailure)
        }
        return status
    }

    /// The new ReplicaSet's ReplicaFailure conditions, else those of any ReplicaSet.
    static func replicaFailures(all: [JSONValue], new: JSONValue?) -> [JSONValue] {
        func failures(_ rs: JSONValue) -> [JSONValue] {
            (rs[path: ["status", "conditions"]]?.arrayValue ?? [])
                .filter { $0["type"]?.stringValue == DeploymentConditions.replicaFailure }
                .map(DeploymentConditions.fromReplicaSet)
        }
        if let new, case let found = failures(new), !found.isEmpty { return found }
        return all.flatMap(failures)
    }

    /// When to look again so an unchanged, incomplete rollout times out in simulated time
    /// (`requeueStuckDeployment`): `lastUpdateTime + deadline - now + 1s`; nil when no wake-up is needed.
    public static func stuckRequeueSeconds(_ deployment: JSONValue, status: JSONValue, now: Timestamp) -> Int64? {
        guard let deadline = RolloutArithmetic.progressDeadline(deployment),
              let condition = DeploymentConditions.find(status, DeploymentConditions.progressing),
              !isComplete(deployment, status: status),
              condition["reason"]?.stringValue != DeploymentConditions.progressDeadlineExceeded,
              let from = condition["lastUpdateTime"]?.stringValue.flatMap({ Timestamp(rfc3339: $0) }) else { return nil }
        let after = from.seconds + Int64(deadline) - now.seconds
        return after < 1 ? 1 : after + 1
    }
}
