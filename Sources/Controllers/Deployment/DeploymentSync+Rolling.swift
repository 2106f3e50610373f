import Model

extension DeploymentSync {
    /// `rolloutRolling`: create/sync the new ReplicaSet, then scale it up **or** scale old ones down,
    /// clean up when the stored status is complete, and compute the rollout status.
    func rolloutRolling() throws {
        let (createdOrFound, _) = try replicaSetsAndSyncRevision(create: true)
        if stopped { return }
        guard let new = createdOrFound else { return }
        if try reconcileNewReplicaSet(new) { return try syncRolloutStatus(newUID: new.uid) }
        if try reconcileOldReplicaSets(newUID: new.uid) { return try syncRolloutStatus(newUID: new.uid) }
        if DeploymentStatusCalculation.isComplete(deployment, status: deployment["status"] ?? .emptyObject) {
            try cleanup(old: currentSplit(newUID: new.uid).old)
        }
        try syncRolloutStatus(newUID: new.uid)
    }

    /// Scales the new ReplicaSet down to R when above it, else up as far as the surge allows.
    private func reconcileNewReplicaSet(_ new: JSONValue) throws -> Bool {
        let desired = RolloutArithmetic.replicas(deployment)
        let rs = current(new)
        if rs.specReplicas == desired { return false }
        if rs.specReplicas > desired { return try scaleAndRecord(rs, to: desired) }
        let target = RolloutArithmetic.newReplicaSetReplicas(deployment, allSpecs: replicaSets.map(\.specReplicas),
                                                             newSpec: rs.specReplicas)
        return try scaleAndRecord(rs, to: target)
    }

    /// Scales old ReplicaSets down as far as availability allows: unhealthy replicas first, then by the
    /// available surplus over `R - maxUnavailable`, oldest ReplicaSet first.
    private func reconcileOldReplicaSets(newUID: String) throws -> Bool {
        let (newRS, old) = currentSplit(newUID: newUID)
        guard let new = newRS else { return false }
        let oldActive = old.filter { $0.specReplicas > 0 }
        if oldActive.reduce(0, { $0 + $1.specReplicas }) == 0 { return false }
        let allPods = replicaSets.reduce(0) { $0 + $1.specReplicas }
        let minAvailable = RolloutArithmetic.minAvailable(deployment)
        let newUnavailable = new.specReplicas - new.availableReplicas
        let maxScaledDown = allPods - minAvailable - newUnavailable
        if maxScaledDown <= 0 { return false }
        let cleaned = try cleanupUnhealthyReplicas(oldActive.sorted(by: ReplicaSetOrder.byCreation), limit: maxScaledDown)
        let scaled = try scaleDownOldForRollingUpdate(oldUIDs: oldActive.map(\.uid))
        return cleaned + scaled > 0
    }

    /// Scales each old ReplicaSet down by its unavailable replicas, up to `limit` in total.
    private func cleanupUnhealthyReplicas(_ oldRSs: [JSONValue], limit: Int) throws -> Int {
        var total = 0
        for rs in oldRSs {
            if total >= limit { break }
            let spec = rs.specReplicas, available = rs.availableReplicas
            if spec == 0 || spec == available { continue }
            let count = min(limit - total, spec - available)
            do { try scaleAndRecord(current(rs), to: spec - count) } catch is APIError { return total }
            total += count
        }
        return total
    }

    /// Scales old ReplicaSets down by the available surplus over `R - maxUnavailable`, oldest first.
    private func scaleDownOldForRollingUpdate(oldUIDs: [String]) throws -> Int {
        let minAvailable = RolloutArithmetic.minAvailable(deployment)
        let available = replicaSets.reduce(0) { $0 + $1.availableReplicas }
        if available <= minAvailable { return 0 }
        let budget = available - minAvailable
        var total = 0
        let old = replicaSets.filter { oldUIDs.contains($0.uid) }.sorted(by: ReplicaSetOrder.byCreation)
        for rs in old {
            if total >= budget { break }
            if rs.specReplicas == 0 { continue }
            let count = min(rs.specReplicas, budget - total)
            do { try scaleAndRecord(rs, to: rs.specReplicas - count) } catch is APIError { return total }
            total += count
        }
        return total
    }
}
