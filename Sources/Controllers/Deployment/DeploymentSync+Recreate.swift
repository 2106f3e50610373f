import Model

extension DeploymentSync {
    /// `rolloutRecreate`: scale every old ReplicaSet to 0, wait until no old pod exists (terminating ones
    /// included), then create or scale the new ReplicaSet to R.
    func rolloutRecreate(selector: LabelSelector) throws {
        let (found, old) = try replicaSetsAndSyncRevision(create: false)
        var scaled = false
        for rs in old where rs.specReplicas > 0 {
            if try scaleAndRecord(current(rs), to: 0) { scaled = true }
        }
        if scaled { return try syncRolloutStatus(newUID: found?.uid) }
        if try oldPodsRunning(newUID: found?.uid, selector: selector) { return try syncRolloutStatus(newUID: found?.uid) }
        var new = found
        if new == nil {
            new = try replicaSetsAndSyncRevision(create: true).new
            if stopped { return }
        }
        if let new { try scaleAndRecord(current(new), to: RolloutArithmetic.replicas(deployment)) }
        if DeploymentStatusCalculation.isComplete(deployment, status: deployment["status"] ?? .emptyObject) {
            try cleanup(old: currentSplit(newUID: new?.uid).old)
        }
        try syncRolloutStatus(newUID: new?.uid)
    }

    /// Whether old ReplicaSets still report pods, or any pod controlled by an old ReplicaSet is not
    /// Succeeded or Failed.
    private func oldPodsRunning(newUID: String?, selector: LabelSelector) throws -> Bool {
        let old = currentSplit(newUID: newUID).old
        if old.reduce(0, { $0 + $1.statusReplicas }) > 0 { return true }
        let oldUIDs = Set(old.map(\.uid))
        for uid in oldUIDs.sorted() {
            for pod in try client.list(.pod, namespace: namespace, controlledBy: uid) where selector.matches(labelsOf: pod) {
                let phase = pod[path: ["status", "phase"]]?.stringValue
                if phase != "Succeeded" && phase != "Failed" { return true }
            }
        }
        return false
    }
}
