import Model

/// What a ReplicaSet does with each active pod of its namespace (upstream's `ClaimObject` in
/// `controller_ref_manager.go`): keep the pods it controls that its selector still matches, adopt
/// orphans it matches, release the pods it controls that no longer match, ignore the rest.
public enum PodClaim: Equatable, Sendable {
    /// Controlled by this ReplicaSet and matched: counted.
    case owned
    /// An orphan the selector matches: gets this ReplicaSet's controller reference, then counted.
    case adopt
    /// Controlled by this ReplicaSet but no longer matched: loses the reference, not counted.
    case release
    /// Controlled by something else, or an orphan that is not matched (or cannot be adopted now).
    case ignore

    /// The decision for one active `pod`.
    public static func decide(replicaSet: JSONValue, selector: LabelSelector, pod: JSONValue) -> PodClaim {
        decide(owner: Owner(replicaSet), selector: selector, pod: ReplicaSetPodFacts(pod))
    }

    /// What the decision reads of the ReplicaSet.
    struct Owner {
        var uid: String
        var namespace: String
        var beingDeleted: Bool

        init(_ replicaSet: JSONValue) {
            uid = replicaSet.uid
            namespace = replicaSet.namespace
            beingDeleted = replicaSet.deletionTimestamp != nil
        }
    }

    /// The decision for one active pod, from what was read of it.
    static func decide(owner: Owner, selector: LabelSelector, pod: ReplicaSetPodFacts) -> PodClaim {
        let matches = selector.matches(pod.labels)
        if let controllerUID = pod.controllerUID {
            guard controllerUID == owner.uid else { return .ignore }
            if matches { return .owned }
            return owner.beingDeleted ? .ignore : .release
        }
        if owner.beingDeleted || !matches || pod.deleting { return .ignore }
        if pod.namespace != owner.namespace { return .ignore }
        return .adopt
    }

    /// The strategic merge patch that adopts `pod` (the pod's uid is a precondition).
    public static func adoptionPatch(replicaSet: JSONValue, pod: JSONValue) -> JSONValue {
        ["metadata": ["ownerReferences": [PodTemplate.controllerReference(to: replicaSet)], "uid": .string(pod.uid)]]
    }

    /// The strategic merge patch that releases `pod` (deletes the owner reference with the ReplicaSet's uid).
    public static func releasePatch(replicaSet: JSONValue, pod: JSONValue) -> JSONValue {
        ["metadata": ["ownerReferences": [["$patch": "delete", "uid": .string(replicaSet.uid)]], "uid": .string(pod.uid)]]
    }
}
