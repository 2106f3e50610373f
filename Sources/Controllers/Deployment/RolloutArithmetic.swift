import Model

/// The surge/unavailable arithmetic of a Deployment (`deployment_util.go` `ResolveFenceposts`, `MaxSurge`,
/// `MaxUnavailable`, `NewRSNewReplicas`; `intstr.GetScaledValueFromIntOrPercent`).
public enum RolloutArithmetic {
    /// `Int32.max`: the sentinel meaning "no progress deadline" / "never clean up".
    public static let unlimited = 2_147_483_647

    /// An int-or-percent value scaled against `total`: integers as they are, `"N%"` as `N*total/100`
    /// rounded up or down. Nil or unparsable counts as 0.
    public static func scaled(_ value: JSONValue?, total: Int, roundUp: Bool) -> Int {
        switch value {
        case .int(let i)?: return i
        case .double(let d)?: return Int(d)
        case .string(let s)? where s.hasSuffix("%"):
            guard let percent = Int(s.dropLast()) else { return 0 }
            let exact = Double(percent) * Double(total) / 100
            return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
        case .string(let s)?: return Int(s) ?? 0
        default: return 0
        }
    }

    /// `(maxSurge, maxUnavailable)` resolved against `replicas`; when both are 0, unavailable becomes 1.
    public static func resolveFenceposts(maxSurge: JSONValue?, maxUnavailable: JSONValue?, replicas: Int) -> (surge: Int, unavailable: Int) {
        let surge = scaled(maxSurge, total: replicas, roundUp: true)
        let unavailable = scaled(maxUnavailable, total: replicas, roundUp: false)
        if surge == 0 && unavailable == 0 { return (0, 1) }
        return (surge, unavailable)
    }

    /// `MaxSurge(D)`: 0 unless the strategy is RollingUpdate.
    public static func maxSurge(_ deployment: JSONValue) -> Int {
        guard isRollingUpdate(deployment) else { return 0 }
        let rolling = deployment[path: ["spec", "strategy", "rollingUpdate"]]
        return resolveFenceposts(maxSurge: rolling?["maxSurge"], maxUnavailable: rolling?["maxUnavailable"],
                                 replicas: replicas(deployment)).surge
    }

    /// `MaxUnavailable(D)`: 0 unless RollingUpdate with replicas > 0; otherwise capped at replicas.
    public static func maxUnavailable(_ deployment: JSONValue) -> Int {
        let desired = replicas(deployment)
        guard isRollingUpdate(deployment), desired > 0 else { return 0 }
        let rolling = deployment[path: ["spec", "strategy", "rollingUpdate"]]
        let unavailable = resolveFenceposts(maxSurge: rolling?["maxSurge"], maxUnavailable: rolling?["maxUnavailable"],
                                            replicas: desired).unavailable
        return min(unavailable, desired)
    }

    /// `R - MaxUnavailable(D)`.
    public static func minAvailable(_ deployment: JSONValue) -> Int { replicas(deployment) - maxUnavailable(deployment) }

    /// `spec.replicas` (1 when absent, as defaulted).
    public static func replicas(_ deployment: JSONValue) -> Int { deployment[path: ["spec", "replicas"]]?.intValue ?? 1 }

    /// `spec.strategy.type` (RollingUpdate when absent).
    public static func strategyType(_ deployment: JSONValue) -> String {
        deployment[path: ["spec", "strategy", "type"]]?.stringValue ?? "RollingUpdate"
    }

    static func isRollingUpdate(_ deployment: JSONValue) -> Bool { strategyType(deployment) == "RollingUpdate" }

    /// The progress deadline in seconds, or nil when there is none (absent or the sentinel).
    public static func progressDeadline(_ deployment: JSONValue) -> Int? {
        guard let seconds = deployment[path: ["spec", "progressDeadlineSeconds"]]?.intValue, seconds != unlimited else { return nil }
        return seconds
    }

    /// `spec.revisionHistoryLimit`, or nil when old ReplicaSets are never cleaned up.
    public static func revisionHistoryLimit(_ deployment: JSONValue) -> Int? {
        guard let limit = deployment[path: ["spec", "revisionHistoryLimit"]]?.intValue, limit != unlimited else { return nil }
        return limit
    }

    /// How many replicas the new ReplicaSet should have now (`NewRSNewReplicas`): under RollingUpdate as many
    /// as the surge allows (by spec sums, up to R); under Recreate R.
    public static func newReplicaSetReplicas(_ deployment: JSONValue, allSpecs: [Int], newSpec: Int) -> Int {
        let desired = replicas(deployment)
        guard isRollingUpdate(deployment) else { return desired }
        let rolling = deployment[path: ["spec", "strategy", "rollingUpdate"]]
        let surge = scaled(rolling?["maxSurge"], total: desired, roundUp: true)
        let current = allSpecs.reduce(0, +)
        let maxTotal = desired + surge
        if current >= maxTotal { return newSpec }
        return newSpec + min(maxTotal - current, desired - newSpec)
    }
}
