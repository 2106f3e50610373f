import Model

extension DeploymentSync {
    /// `cleanupDeployment`: deletes the oldest drained old ReplicaSets beyond `revisionHistoryLimit`.
    func cleanup(old: [JSONValue]) throws {
        for rs in RevisionHistoryCleanup.deletable(old: old, limit: RolloutArithmetic.revisionHistoryLimit(deployment)) {
            try client.delete(.replicaSet, namespace, rs.name, gracePeriodSeconds: nil)
            replicaSets.removeAll { $0.uid == rs.uid }
        }
    }
}

/// Which old ReplicaSets the history limit removes (`sync.go` `cleanupDeployment`).
public enum RevisionHistoryCleanup {
    /// Of the old ReplicaSets not being deleted, the first `count - limit` by revision; each only if it is
    /// fully drained (spec and status replicas 0) and its generation observed. Skipped ones are not replaced.
    public static func deletable(old: [JSONValue], limit: Int?) -> [JSONValue] {
        guard let limit else { return [] }
        let cleanable = old.filter { $0.deletionTimestamp == nil }
        let diff = cleanable.count - limit
        guard diff > 0 else { return [] }
        return cleanable.sorted(by: ReplicaSetOrder.byRevision).prefix(diff).filter {
            $0.statusReplicas == 0 && $0.specReplicas == 0 && $0.generation <= $0.observedGeneration
        }
    }
}
