import Model

extension DeploymentSync {
    /// `scaleReplicaSetAndRecordEvent`: scales a ReplicaSet to `size` (refreshing desired/max annotations)
    /// and records `Scaled up|down replica set X from A to B`; nothing when the size is already right.
    /// Returns whether it scaled.
    @discardableResult
    func scaleAndRecord(_ rs: JSONValue, to size: Int) throws -> Bool {
        guard rs.specReplicas != size else { return false }
        return try scaleReplicaSet(rs, to: size)
    }

    /// `scaleReplicaSet`: updates the ReplicaSet when its size or desired/max annotations differ; records
    /// the scaling event when the size changed.
    @discardableResult
    func scaleReplicaSet(_ rs: JSONValue, to size: Int) throws -> Bool {
        let desired = RolloutArithmetic.replicas(deployment)
        var annotations = rs.annotations
        let annotationsChanged = DeploymentAnnotations.setReplicasAnnotations(
            &annotations, desired: desired, max: desired + RolloutArithmetic.maxSurge(deployment))
        let oldSize = rs.specReplicas
        guard oldSize != size || annotationsChanged else { return false }
        var copy = rs
        copy[path: ["spec", "replicas"]] = .int(size)
        copy[path: ["metadata", "annotations"]] = JSONValue.fromStringMap(annotations)
        let updated = try client.update(copy)
        remember(updated)
        guard oldSize != size else { return false }
        let direction = size > oldSize ? "up" : "down"
        try client.recordEvent(about: deployment, type: .normal, reason: "ScalingReplicaSet",
                               message: "Scaled \(direction) replica set \(updated.name) from \(oldSize) to \(size)")
        return true
    }

    /// `scale()`: a single active (or the latest) ReplicaSet gets exactly R; a saturated new ReplicaSet
    /// drains the old ones; otherwise (RollingUpdate) the total is driven to R + maxSurge proportionally.
    func scale(new: JSONValue?, old: [JSONValue]) throws {
        let desired = RolloutArithmetic.replicas(deployment)
        if let target = ProportionalScaling.activeOrLatest(new: new, old: old) {
            try scaleAndRecord(target, to: desired)
            return
        }
        if let new, ProportionalScaling.isSaturated(new, desired: desired) {
            for rs in old where rs.specReplicas > 0 { try scaleAndRecord(current(rs), to: 0) }
            return
        }
        guard RolloutArithmetic.isRollingUpdate(deployment) else { return }
        let active = (old + (new.map { [$0] } ?? [])).filter { $0.specReplicas > 0 }
        let sizes = ProportionalScaling.sizes(deployment, active: active)
        for rs in active { try scaleReplicaSet(current(rs), to: sizes[rs.name] ?? rs.specReplicas) }
    }

    /// The latest version of a claimed ReplicaSet.
    func current(_ rs: JSONValue) -> JSONValue { replicaSets.first { $0.uid == rs.uid } ?? rs }
}

/// The pure arithmetic of proportional scaling (`sync.go` `scale`, `deployment_util.go` `FindActiveOrLatest`,
/// `IsSaturated`, `GetProportion`, `getReplicaSetFraction`).
public enum ProportionalScaling {
    /// The only active ReplicaSet; with none active, the new one or else the newest old one; nil when
    /// several are active.
    static func activeOrLatest(new: JSONValue?, old: [JSONValue]) -> JSONValue? {
        if new == nil && old.isEmpty { return nil }
        let newestFirst = old.sorted { ReplicaSetOrder.byCreation($1, $0) }
        let active = (newestFirst + (new.map { [$0] } ?? [])).filter { $0.specReplicas > 0 }
        switch active.count {
        case 0: return new ?? newestFirst.first
        case 1: return active[0]
        default: return nil
        }
    }

    /// spec == R, desired-replicas annotation == R and available == R.
    static func isSaturated(_ rs: JSONValue, desired: Int) -> Bool {
        guard let annotated = rs.desiredReplicasAnnotation else { return false }
        return rs.specReplicas == desired && annotated == desired && rs.availableReplicas == desired
    }

    /// The new size of every active ReplicaSet (by name) when several are active: the difference to
    /// `R + maxSurge` is shared in proportion to each one's size over its max-replicas annotation, the
    /// leftover going to the first in order (larger first; ties newer first when growing, older when shrinking).
    public static func sizes(_ deployment: JSONValue, active: [JSONValue]) -> [String: Int] {
        let desired = RolloutArithmetic.replicas(deployment)
        let surge = RolloutArithmetic.maxSurge(deployment)
        let allowed = desired > 0 ? desired + surge : 0
        let toAdd = allowed - active.reduce(0) { $0 + $1.specReplicas }
        var sizes: [String: Int] = [:]
        for rs in active { sizes[rs.name] = rs.specReplicas }
        guard toAdd != 0, !active.isEmpty else { return sizes }
        let ordered = active.sorted(by: toAdd > 0 ? ReplicaSetOrder.bySizeNewer : ReplicaSetOrder.bySizeOlder)
        var added = 0
        for rs in ordered {
            let proportion = self.proportion(rs, deployment: deployment, toAdd: toAdd, added: added)
            sizes[rs.name] = rs.specReplicas + proportion
            added += proportion
        }
        let first = ordered[0].name
        sizes[first] = max(0, (sizes[first] ?? 0) + toAdd - added)
        return sizes
    }

    static func proportion(_ rs: JSONValue, deployment: JSONValue, toAdd: Int, added: Int) -> Int {
        guard rs.specReplicas != 0, toAdd != 0, toAdd != added else { return 0 }
        let fraction = self.fraction(rs, deployment: deployment)
        let allowed = toAdd - added
        return toAdd > 0 ? min(fraction, allowed) : max(fraction, allowed)
    }

    /// `round(spec * (R + maxSurge) / maxReplicasAnnotation) - spec` (status.replicas when unannotated).
    static func fraction(_ rs: JSONValue, deployment: JSONValue) -> Int {
        let desired = RolloutArithmetic.replicas(deployment)
        if desired == 0 { return -rs.specReplicas }
        let maxNow = desired + RolloutArithmetic.maxSurge(deployment)
        var before = rs.maxReplicasAnnotation ?? 0
        if before == 0 { before = deployment[path: ["status", "replicas"]]?.intValue ?? 0 }
        if before == 0 { return 0 }
        let size = (Double(rs.specReplicas) * Double(maxNow) / Double(before)).rounded(.toNearestOrAwayFromZero)
        return Int(size) - rs.specReplicas
    }
}
