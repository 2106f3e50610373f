import Model
import Determinism

/// Which of a ReplicaSet's pods go first when it has too many: upstream's `ActivePodsWithRanks.Less`
/// (with PodDeletionCost and LogarithmicScaleDown on, as in v1.32) and
/// `getPodsRankedByRelatedPodsOnSameNode`.
public enum PodDeletionRanking {
    /// One pod as the ranking compares it: what was read of it, and its rank.
    public struct Candidate {
        public var pod: JSONValue
        /// Active related pods on the same node (pods of every ReplicaSet sharing this one's controller).
        public var rank: Int
        let facts: ReplicaSetPodFacts

        public init(pod: JSONValue, rank: Int) {
            self.init(pod: pod, facts: ReplicaSetPodFacts(pod), rank: rank)
        }

        init(pod: JSONValue, facts: ReplicaSetPodFacts, rank: Int) {
            self.pod = pod
            self.rank = rank
            self.facts = facts
        }
    }

    /// The first `count` of `pods` in deletion order. `related` are the pods selected by every ReplicaSet
    /// with the same controller (empty for a ReplicaSet without one); like upstream, the pods are only
    /// ranked when not all of them go.
    public static func podsToDelete(_ pods: [JSONValue], related: [JSONValue], count: Int, now: Timestamp) -> [JSONValue] {
        podsToDelete(pods.map { FactPod(pod: $0, facts: ReplicaSetPodFacts($0)) }, related: related.map(ReplicaSetPodFacts.init),
                     count: count, now: now)
    }

    /// `podsToDelete` from what was read of each pod.
    static func podsToDelete(_ pods: [FactPod], related: [ReplicaSetPodFacts], count: Int, now: Timestamp) -> [JSONValue] {
        guard count < pods.count else { return pods.prefix(count).map(\.pod) }
        return Array(ranked(pods, related: related, now: now).prefix(count))
    }

    /// `pods` sorted so that the pod to delete first comes first.
    public static func ranked(_ pods: [JSONValue], related: [JSONValue], now: Timestamp) -> [JSONValue] {
        ranked(pods.map { FactPod(pod: $0, facts: ReplicaSetPodFacts($0)) }, related: related.map(ReplicaSetPodFacts.init), now: now)
    }

    /// `ranked` from what was read of each pod.
    static func ranked(_ pods: [FactPod], related: [ReplicaSetPodFacts], now: Timestamp) -> [JSONValue] {
        var podsOnNode: [String: Int] = [:]
        for pod in related where pod.isActive { podsOnNode[pod.nodeName, default: 0] += 1 }
        let candidates = pods.map { Candidate(pod: $0.pod, facts: $0.facts, rank: podsOnNode[$0.facts.nodeName] ?? 0) }
        return candidates.enumerated().sorted { a, b in
            if deletedFirst(a.element, b.element, now: now) { return true }
            if deletedFirst(b.element, a.element, now: now) { return false }
            return a.offset < b.offset
        }.map(\.element.pod)
    }

    /// Whether `a` is deleted before `b` (`ActivePodsWithRanks.Less`).
    public static func deletedFirst(_ a: Candidate, _ b: Candidate, now: Timestamp) -> Bool {
        // 1. Unscheduled before scheduled.
        if a.facts.nodeName != b.facts.nodeName, a.facts.nodeName.isEmpty || b.facts.nodeName.isEmpty {
            return a.facts.nodeName.isEmpty
        }
        // 2. Pending < Unknown < Running.
        if a.facts.phaseOrdinal != b.facts.phaseOrdinal { return a.facts.phaseOrdinal < b.facts.phaseOrdinal }
        // 3. Not ready before ready.
        if a.facts.ready != b.facts.ready { return !a.facts.ready }
        // 4. Lower deletion cost first.
        if a.facts.deletionCost != b.facts.deletionCost { return a.facts.deletionCost < b.facts.deletionCost }
        // 5. More co-located related pods first.
        if a.rank != b.rank { return a.rank > b.rank }
        // 6. Ready for less time first, compared in log2 buckets.
        if a.facts.ready, b.facts.ready, a.facts.readySince != b.facts.readySince {
            guard let ta = a.facts.readySince, let tb = b.facts.readySince else { return a.facts.readySince == nil }
            let difference = logarithmicRankDifference(ta, tb, now: now)
            return difference == 0 ? a.facts.uid < b.facts.uid : difference < 0
        }
        // 7. More restarts first.
        if a.facts.restarts.regular != b.facts.restarts.regular { return a.facts.restarts.regular > b.facts.restarts.regular }
        if a.facts.restarts.sidecar != b.facts.restarts.sidecar { return a.facts.restarts.sidecar > b.facts.restarts.sidecar }
        // 8. Newer first, compared in log2 buckets.
        if a.facts.created != b.facts.created {
            guard let ta = a.facts.created, let tb = b.facts.created else { return a.facts.created == nil }
            let difference = logarithmicRankDifference(ta, tb, now: now)
            return difference == 0 ? a.facts.uid < b.facts.uid : difference < 0
        }
        return false
    }

    /// `floor(log2(now − a))` − `floor(log2(now − b))`, with the ages in nanoseconds and -1 for an age
    /// that is not positive (`logarithmicRankDiff`).
    public static func logarithmicRankDifference(_ a: Timestamp, _ b: Timestamp, now: Timestamp) -> Int {
        bucket(ageSeconds: now - a) - bucket(ageSeconds: now - b)
    }

    /// `floor(log2(seconds × 10⁹))`, or -1 when the age is not positive.
    public static func bucket(ageSeconds: Int64) -> Int {
        guard ageSeconds > 0 else { return -1 }
        let (nanoseconds, overflow) = ageSeconds.multipliedReportingOverflow(by: 1_000_000_000)
        let value = overflow ? Int64.max : nanoseconds
        return 63 - value.leadingZeroBitCount
    }
}
