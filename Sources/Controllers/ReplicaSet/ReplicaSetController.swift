import Model
import Determinism
import Store

/// The ReplicaSet controller (upstream `pkg/controller/replicaset`): keeps `spec.replicas` active pods
/// for each ReplicaSet by adopting and releasing pods by selector, creating pods from the template in
/// slow-start batches and deleting surplus pods in upstream's ranking order, and reports what it sees in
/// the ReplicaSet's status.
public struct ReplicaSetController: Reconciler {
    /// The actor on this controller's writes and the `source.component` of its Events.
    public static let name = "replicaset-controller"
    /// Upstream's `burstReplicas`: at most this many pods are created or deleted in one sync.
    public static let burstReplicas = 500
    /// The longest wait before retrying a sync that failed to create or delete pods (upstream's rate
    /// limiter caps its back-off at 1000 s).
    public static let maxRetryDelay: Int64 = 1000

    public var name: String { Self.name }
    /// What each pod version says, read once (see `ReplicaSetPodFactsCache`).
    let podFacts = ReplicaSetPodFactsCache()

    public init() {}

    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool { kind == .replicaSet || kind == .pod }

    /// A ReplicaSet change wakes that ReplicaSet. A pod change wakes the ReplicaSet that controls it;
    /// an orphan pod wakes every ReplicaSet of its namespace whose selector matches it (adoption). A pod
    /// relabelled away from its ReplicaSet still names it as controller, so that ReplicaSet releases it.
    public func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        if change.kind == .replicaSet { return [ObjectKey(of: change.object, kind: .replicaSet)] }
        guard change.kind == .pod else { return [] }
        let pod = change.object
        if let reference = pod.controllerReference {
            guard reference["kind"]?.stringValue == ResourceKind.replicaSet.kind,
                  reference["apiVersion"]?.stringValue?.hasPrefix("apps/") == true,
                  let owner = reference["name"]?.stringValue else { return [] }
            return [ObjectKey(.replicaSet, pod.namespace, owner)]
        }
        // Orphans: nothing to adopt once gone or terminating, and status writes change no labels.
        if change.isDelete || change.verb == .status || pod.deletionTimestamp != nil { return [] }
        return try client.list(.replicaSet, namespace: pod.namespace).filter { replicaSet in
            guard let selector = try? LabelSelector.fromObject(replicaSet[path: ["spec", "selector"]] ?? .null),
                  !selector.isEmpty else { return false }
            return selector.matches(labelsOf: pod)
        }.map { ObjectKey(of: $0, kind: .replicaSet) }
    }

    /// One sync (upstream's `syncReplicaSet`): claim pods, create or delete pods unless the ReplicaSet is
    /// being deleted, then write the status if it changed.
    public func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard key.kind == .replicaSet, let replicaSet = try client.get(.replicaSet, key.namespace, key.name) else {
            return .done
        }
        // An invalid selector cannot be acted on; upstream drops the key the same way.
        guard let selector = try? LabelSelector.fromObject(replicaSet[path: ["spec", "selector"]] ?? .null) else {
            return .done
        }
        let now = client.now
        // The pods it may claim: its own and the orphans (pods of other controllers are never claimed).
        // Each list comes sorted by name; orphans are rare, so the two are sorted together only when there are any.
        let owned = try client.listVersions(.pod, namespace: key.namespace, controlledBy: replicaSet.uid)
        let orphans = try client.listVersions(.pod, namespace: key.namespace, controlledBy: "")
        var namespacePods = (owned + orphans).map { FactPod(pod: $0.object, facts: podFacts.facts(of: $0.object, version: $0.version)) }
        if !orphans.isEmpty { namespacePods.sort { $0.facts.name < $1.facts.name } }
        let claimed = try claimPods(replicaSet: replicaSet, selector: selector,
                                    pods: namespacePods.filter(\.facts.isActive), client: client)
        var failure: ReplicaSetStatus.Failure?
        if replicaSet.deletionTimestamp == nil {
            failure = try manageReplicas(replicaSet: replicaSet, claimed: claimed, namespacePods: namespacePods, client: client)
        }
        var status = ReplicaSetStatus.calculate(replicaSet: replicaSet, claimedFacts: claimed.map(\.facts), failure: failure,
                                                now: now)
        if ReplicaSetStatus.needsWrite(replicaSet: replicaSet, status: status) {
            status["observedGeneration"] = .int(replicaSet.generation)
            var updated = replicaSet
            updated["status"] = status
            try client.updateStatus(updated)
        }
        var waits: [Int64] = []
        if failure != nil { waits.append(retryDelay(status: status, now: now)) }
        if let due = ReplicaSetStatus.secondsUntilNextAvailable(replicaSet: replicaSet, claimedFacts: claimed.map(\.facts),
                                                                now: now) {
            waits.append(due)
        }
        return waits.min().map { .after($0) } ?? .done
    }

    /// Adopts and releases as `PodClaim` decides; returns the pods this ReplicaSet now controls, in list order.
    func claimPods(replicaSet: JSONValue, selector: LabelSelector, pods: [FactPod],
                   client: any ObjectClient) throws -> [FactPod] {
        var claimed: [FactPod] = []
        let owner = PodClaim.Owner(replicaSet)
        for (pod, facts) in pods {
            switch PodClaim.decide(owner: owner, selector: selector, pod: facts) {
            case .owned:
                claimed.append(FactPod(pod: pod, facts: facts))
            case .ignore:
                continue
            case .adopt:
                do {
                    let adopted = try client.patch(.pod, pod.namespace, pod.name,
                                                   PodClaim.adoptionPatch(replicaSet: replicaSet, pod: pod),
                                                   type: .strategic, status: false)
                    claimed.append(FactPod(pod: adopted, facts: podFacts.facts(of: adopted)))
                } catch let error as APIError where error.reason == .notFound {
                    continue
                }
            case .release:
                do {
                    try client.patch(.pod, pod.namespace, pod.name, PodClaim.releasePatch(replicaSet: replicaSet, pod: pod),
                                     type: .strategic, status: false)
                } catch let error as APIError where error.reason == .notFound || error.reason == .invalid {
                    continue
                }
            }
        }
        return claimed
    }

    /// Waits as a rate-limited retry would: as long again as the ReplicaFailure condition has stood
    /// (1 s, 2 s, 4 s, … after the first failure), at most `maxRetryDelay`.
    func retryDelay(status: JSONValue, now: Timestamp) -> Int64 {
        let condition = (status["conditions"]?.arrayValue ?? []).first {
            $0["type"]?.stringValue == ReplicaSetStatus.replicaFailure
        }
        let since = condition?["lastTransitionTime"]?.stringValue.flatMap { Timestamp(rfc3339: $0) } ?? now
        return min(Self.maxRetryDelay, max(1, now - since))
    }
}

/// A pod with what the ReplicaSet controller reads of it.
typealias FactPod = (pod: JSONValue, facts: ReplicaSetPodFacts)

/// The text Go's `err.Error()` gives for an API error: the Status message.
func errorText(_ error: any Error) -> String {
    if let apiError = error as? APIError { return apiError.message }
    return "\(error)"
}
