import Model

/// The annotations the Deployment controller reads and writes (`deployment_util.go`).
public enum DeploymentAnnotations {
    public static let revision = "deployment.kubernetes.io/revision"
    public static let revisionHistory = "deployment.kubernetes.io/revision-history"
    public static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    public static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    public static let changeCause = "kubernetes.io/change-cause"
    public static let rollbackTo = "deprecated.deployment.rollback.to"
    public static let lastAppliedConfiguration = "kubectl.kubernetes.io/last-applied-configuration"

    /// Deployment annotations never copied onto its ReplicaSets.
    public static let skipped: Set<String> = [lastAppliedConfiguration, revision, revisionHistory, desiredReplicas,
                                              maxReplicas, rollbackTo]

    /// `revision-history` is kept under this many characters, dropping the oldest entries.
    static let maxRevisionHistoryLength = 2000

    /// `SetNewReplicaSetAnnotations`: copies D's annotations (minus the skip list; never removing any),
    /// raises the revision to `newRevision` (recording the previous one in `revision-history`) and, for a
    /// ReplicaSet about to be created, sets desired/max replicas. Returns the annotations and whether they changed.
    static func newReplicaSetAnnotations(deployment: JSONValue, current: [String: String], newRevision: Int,
                                         exists: Bool) -> (annotations: [String: String], changed: Bool) {
        var annotations = current
        var changed = false
        for (key, value) in deployment.annotations where !skipped.contains(key) && annotations[key] != value {
            annotations[key] = value
            changed = true
        }
        let oldText = annotations[revision]
        let oldRevision: Int
        if let oldText {
            guard let parsed = Int(oldText) else { return (annotations, changed) }
            oldRevision = parsed
        } else {
            oldRevision = 0
        }
        if oldRevision < newRevision {
            annotations[revision] = String(newRevision)
            changed = true
            if let oldText { appendHistory(&annotations, oldText) }
        }
        if !exists {
            let desired = RolloutArithmetic.replicas(deployment)
            let max = desired + RolloutArithmetic.maxSurge(deployment)
            if setReplicasAnnotations(&annotations, desired: desired, max: max) { changed = true }
        }
        return (annotations, changed)
    }

    private static func appendHistory(_ annotations: inout [String: String], _ oldRevision: String) {
        let history = annotations[revisionHistory] ?? ""
        guard !history.isEmpty else { annotations[revisionHistory] = oldRevision; return }
        var entries = history.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var total = history.count + oldRevision.count + 1
        var start = 0
        while total > maxRevisionHistoryLength && start < entries.count {
            total -= entries[start].count + 1
            start += 1
        }
        guard total <= maxRevisionHistoryLength else { return }
        entries = Array(entries[start...]) + [oldRevision]
        annotations[revisionHistory] = entries.joined(separator: ",")
    }

    /// Sets desired-replicas and max-replicas; returns whether either changed.
    @discardableResult
    static func setReplicasAnnotations(_ annotations: inout [String: String], desired: Int, max: Int) -> Bool {
        var changed = false
        if annotations[desiredReplicas] != String(desired) { annotations[desiredReplicas] = String(desired); changed = true }
        if annotations[maxReplicas] != String(max) { annotations[maxReplicas] = String(max); changed = true }
        return changed
    }
}
