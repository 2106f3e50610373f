import Model
import Determinism

/// One sync of one Deployment (`deployment_controller.go` `syncDeployment`): reads the Deployment and its
/// ReplicaSets, does at most one phase of work through the client, and writes the status. It keeps the
/// objects it writes current, so later steps of the same sync see their own writes.
final class DeploymentSync {
    let client: any ObjectClient
    /// The Deployment as last read or written.
    var deployment: JSONValue
    /// The ReplicaSets this Deployment controls, as last read or written.
    var replicaSets: [JSONValue] = []
    /// When to look at this Deployment again.
    var requeue: Requeue = .done
    /// Set once the new ReplicaSet's annotations were updated in this sync: D's revision follows next sync.
    var newReplicaSetUpdatedThisSync = false
    /// Set when creating the new ReplicaSet failed: the rest of the sync is skipped.
    var stopped = false

    init(client: any ObjectClient, deployment: JSONValue) {
        self.client = client
        self.deployment = deployment
    }

    var now: Timestamp { client.now }
    var namespace: String { deployment.namespace }
    var isPaused: Bool { deployment[path: ["spec", "paused"]]?.boolValue ?? false }

    /// Runs the sync steps in upstream's order.
    func run() throws -> Requeue {
        let selector = try LabelSelector.fromObject(deployment[path: ["spec", "selector"]] ?? .null)
        if selector.isEmpty { try selectingAll(); return .done }
        try claimReplicaSets(selector: selector)
        if deployment.deletionTimestamp != nil {
            let (new, old) = try replicaSetsAndSyncRevision(create: false)
            try syncStatus(all: old + (new.map { [$0] } ?? []), new: new)
            return .done
        }
        try checkPausedConditions()
        if isPaused { try syncScaling(); return requeue }
        if let revision = rollbackRevision { try rollback(to: revision); return requeue }
        if try isScalingEvent() { try syncScaling(); return requeue }
        switch RolloutArithmetic.strategyType(deployment) {
        case "Recreate": try rolloutRecreate(selector: selector)
        case "RollingUpdate": try rolloutRolling()
        case let other: throw DeploymentSyncError("unexpected deployment strategy type: \(other)")
        }
        return requeue
    }

    /// An empty selector would select every pod: warn, observe the generation, do nothing else.
    private func selectingAll() throws {
        try client.recordEvent(about: deployment, type: .warning, reason: "SelectingAll",
                               message: "This deployment is selecting all pods. A non-empty selector is required.")
        if deployment.observedGeneration < deployment.generation {
            deployment[path: ["status", "observedGeneration"]] = .int(deployment.generation)
            deployment = try client.updateStatus(deployment)
        }
    }

    /// The controller reference this Deployment puts on its ReplicaSets.
    var controllerReference: JSONValue {
        ["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(deployment.name), "uid": .string(deployment.uid),
         "controller": true, "blockOwnerDeletion": true]
    }

    /// Claims ReplicaSets (`ClaimReplicaSets`): keeps owned ones that match, releases owned ones that no
    /// longer match, adopts matching orphans; ignores those controlled by others.
    private func claimReplicaSets(selector: LabelSelector) throws {
        let deleting = deployment.deletionTimestamp != nil
        var claimed: [JSONValue] = []
        // Its own and the orphans: ReplicaSets controlled by others are never claimed (owner index).
        let candidates = try (client.list(.replicaSet, namespace: namespace, controlledBy: deployment.uid)
            + client.list(.replicaSet, namespace: namespace, controlledBy: "")).sortedByName()
        for rs in candidates {
            let matches = selector.matches(labelsOf: rs)
            if let owner = rs.controllerReference {
                guard owner["uid"]?.stringValue == deployment.uid else { continue }
                if matches { claimed.append(rs); continue }
                if deleting { continue }
                let others = rs.ownerReferences.filter { $0["uid"]?.stringValue != deployment.uid }
                _ = try client.patch(.replicaSet, namespace, rs.name,
                                     ["metadata": ["ownerReferences": others.isEmpty ? .null : .array(others)]], type: .merge)
                continue
            }
            guard matches, !deleting, rs.deletionTimestamp == nil else { continue }
            let adopted = try client.patch(.replicaSet, namespace, rs.name, [
                "metadata": ["ownerReferences": .array(rs.ownerReferences + [controllerReference]),
                             "uid": .string(rs.uid)],
            ], type: .merge)
            claimed.append(adopted)
        }
        replicaSets = claimed
    }

    /// Replaces a ReplicaSet in the claimed list with its newer version.
    func remember(_ rs: JSONValue) {
        if let index = replicaSets.firstIndex(where: { $0.uid == rs.uid }) { replicaSets[index] = rs } else { replicaSets.append(rs) }
    }

    /// Writes D's status when it differs from the stored one.
    func writeStatus(_ status: JSONValue) throws {
        guard (deployment["status"] ?? .emptyObject) != status else { return }
        var copy = deployment
        copy["status"] = status
        deployment = try client.updateStatus(copy)
    }

    /// `checkPausedConditions`: Progressing Unknown DeploymentPaused / DeploymentResumed.
    private func checkPausedConditions() throws {
        guard RolloutArithmetic.progressDeadline(deployment) != nil else { return }
        var status = deployment["status"] ?? .emptyObject
        let current = DeploymentConditions.find(status, DeploymentConditions.progressing)
        let reason = current?["reason"]?.stringValue
        if reason == DeploymentConditions.progressDeadlineExceeded { return }
        let pausedExists = reason == DeploymentConditions.deploymentPaused
        if isPaused && !pausedExists {
            DeploymentConditions.set(&status, DeploymentConditions.make(DeploymentConditions.progressing, "Unknown",
                                                                         DeploymentConditions.deploymentPaused, "Deployment is paused", now: now))
        } else if !isPaused && pausedExists {
            DeploymentConditions.set(&status, DeploymentConditions.make(DeploymentConditions.progressing, "Unknown",
                                                                         DeploymentConditions.deploymentResumed, "Deployment is resumed", now: now))
        } else {
            return
        }
        try writeStatus(status)
    }

    /// `isScalingEvent`: some active ReplicaSet's desired-replicas annotation differs from R.
    private func isScalingEvent() throws -> Bool {
        let (new, old) = try replicaSetsAndSyncRevision(create: false)
        let desired = RolloutArithmetic.replicas(deployment)
        return (old + (new.map { [$0] } ?? [])).contains {
            $0.specReplicas > 0 && ($0.desiredReplicasAnnotation.map { $0 != desired } ?? false)
        }
    }

    /// `sync()`: scaling and paused syncs: proportional scaling, cleanup when paused, counts + Available.
    private func syncScaling() throws {
        let (new, old) = try replicaSetsAndSyncRevision(create: false)
        try scale(new: new, old: old)
        let current = currentSplit(newUID: new?.uid)
        if isPaused && rollbackRevision == nil {
            try cleanup(old: current.old)
        }
        let after = currentSplit(newUID: new?.uid)
        try syncStatus(all: after.old + (after.new.map { [$0] } ?? []), new: after.new)
    }

    /// The claimed ReplicaSets split into the one with `newUID` and the others.
    func currentSplit(newUID: String?) -> (new: JSONValue?, old: [JSONValue]) {
        let new = newUID.flatMap { uid in replicaSets.first { $0.uid == uid } }
        return (new, replicaSets.filter { $0.uid != newUID })
    }

    /// `syncDeploymentStatus`: counts and Available only.
    func syncStatus(all: [JSONValue], new: JSONValue?) throws {
        try writeStatus(DeploymentStatusCalculation.calculate(deployment, all: all, new: new, now: now))
    }

    /// `syncRolloutStatus`: counts, Available, Progressing, ReplicaFailure; schedules the deadline check.
    func syncRolloutStatus(newUID: String?) throws {
        let (new, old) = currentSplit(newUID: newUID)
        let status = DeploymentStatusCalculation.rolloutStatus(deployment, all: old + (new.map { [$0] } ?? []), new: new, now: now)
        try writeStatus(status)
        if let seconds = DeploymentStatusCalculation.stuckRequeueSeconds(deployment, status: status, now: now) {
            requeue = .after(seconds)
        }
    }
}

/// A sync that cannot proceed, with a message for the controller's failure log.
struct DeploymentSyncError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
