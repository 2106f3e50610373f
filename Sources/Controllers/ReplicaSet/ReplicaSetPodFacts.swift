import Synchronization
import Model
import Determinism

/// What the ReplicaSet controller reads of one pod version: ownership, labels, whether it is active and
/// ready, and the facts upstream's deletion ranking compares. A class, so passing it around costs one
/// reference, not one per field.
final class ReplicaSetPodFacts: Sendable {
    let name: String
    let namespace: String
    let uid: String
    let labels: [String: String]
    /// The uid in its controller ownerReference; nil for an orphan.
    let controllerUID: String?
    /// Not finished and not being deleted (`IsPodActive`).
    let isActive: Bool
    let deleting: Bool
    let ready: Bool
    /// When a ready pod became Ready; nil when not ready or unknown.
    let readySince: Timestamp?
    let nodeName: String
    /// Pending (or anything else) 0 < Unknown 1 < Running 2.
    let phaseOrdinal: Int
    let deletionCost: Int32
    let restarts: (regular: Int, sidecar: Int)
    let created: Timestamp?

    init(_ pod: JSONValue) {
        name = pod.name
        namespace = pod.namespace
        uid = pod.uid
        labels = pod.labels
        controllerUID = pod.controllerReference.map { $0["uid"]?.stringValue ?? "" }
        isActive = PodState.isActive(pod)
        deleting = pod.deletionTimestamp != nil
        let condition = PodState.readyCondition(pod)
        ready = condition?["status"]?.stringValue == "True"
        readySince = ready ? condition?["lastTransitionTime"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) : nil
        nodeName = PodState.nodeName(pod)
        switch pod[path: ["status", "phase"]]?.stringValue {
        case "Unknown": phaseOrdinal = 1
        case "Running": phaseOrdinal = 2
        default: phaseOrdinal = 0
        }
        deletionCost = PodState.deletionCost(pod)
        restarts = PodState.maxRestarts(pod)
        created = pod.creationTimestamp.flatMap { Timestamp(rfc3339: $0) }
    }

    /// Whether it is available (`IsPodAvailable`).
    func isAvailable(minReadySeconds: Int, now: Timestamp) -> Bool {
        PodState.isAvailable(ready: ready, readySince: readySince, minReadySeconds: minReadySeconds, now: now)
    }

    /// Seconds until it becomes available by waiting, if it will.
    func secondsUntilAvailable(minReadySeconds: Int, now: Timestamp) -> Int64? {
        PodState.secondsUntilAvailable(readySince: readySince, minReadySeconds: minReadySeconds, now: now)
    }
}

/// Pod facts by the version they were read from. A version never changes, and its resourceVersion (the
/// seq of the event that holds it) names it alone, so a sync over thousands of pods reads each version's
/// JSON once, not once per sync.
final class ReplicaSetPodFactsCache: Sendable {
    private let entries = Mutex<[Int64: ReplicaSetPodFacts]>([:])
    /// Past this many versions the cache starts again (old versions are never asked for again).
    static let limit = 400_000

    func facts(of pod: JSONValue) -> ReplicaSetPodFacts {
        facts(of: pod, version: Int64(pod.resourceVersion) ?? 0)
    }

    /// The facts of `pod`, whose version the caller already knows (0: unknown, read afresh).
    func facts(of pod: JSONValue, version: Int64) -> ReplicaSetPodFacts {
        guard version > 0 else { return ReplicaSetPodFacts(pod) }
        if let found = entries.withLock({ $0[version] }) { return found }
        let facts = ReplicaSetPodFacts(pod)
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[version] = facts
        }
        return facts
    }
}
