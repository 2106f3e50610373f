import Model
import Determinism

/// What the ReplicaSet controller reads from a pod, as upstream's `pkg/api/v1/pod/util.go` and
/// `controller_utils.go` read it.
public enum PodState {
    /// Not finished (`Succeeded`/`Failed`) and not being deleted (`IsPodActive`).
    public static func isActive(_ pod: JSONValue) -> Bool {
        let phase = pod[path: ["status", "phase"]]?.stringValue
        return phase != "Succeeded" && phase != "Failed" && pod.deletionTimestamp == nil
    }

    /// The pod's `Ready` condition, if it has one.
    public static func readyCondition(_ pod: JSONValue) -> JSONValue? {
        (pod[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"]?.stringValue == "Ready" }
    }

    /// Whether the `Ready` condition is `True` (`IsPodReady`).
    public static func isReady(_ pod: JSONValue) -> Bool {
        readyCondition(pod)?["status"]?.stringValue == "True"
    }

    /// When a ready pod became Ready (the condition's `lastTransitionTime`); nil when not ready or unknown.
    public static func readySince(_ pod: JSONValue) -> Timestamp? {
        guard isReady(pod), let text = readyCondition(pod)?["lastTransitionTime"]?.stringValue else { return nil }
        return Timestamp(rfc3339: text)
    }

    /// Ready, and Ready for longer than `minReadySeconds`: `lastTransitionTime + minReadySeconds` strictly
    /// before `now` (`IsPodAvailable`).
    public static func isAvailable(_ pod: JSONValue, minReadySeconds: Int, now: Timestamp) -> Bool {
        isAvailable(ready: isReady(pod), readySince: readySince(pod), minReadySeconds: minReadySeconds, now: now)
    }

    /// `IsPodAvailable` from a pod's readiness and when it became ready.
    static func isAvailable(ready: Bool, readySince: Timestamp?, minReadySeconds: Int, now: Timestamp) -> Bool {
        guard ready else { return false }
        if minReadySeconds == 0 { return true }
        guard let readySince else { return false }
        return readySince + Int64(minReadySeconds) < now
    }

    /// Seconds from `now` until a ready, not yet available pod becomes available; nil when that will not
    /// happen by waiting (not ready, already available, or no minReadySeconds).
    public static func secondsUntilAvailable(_ pod: JSONValue, minReadySeconds: Int, now: Timestamp) -> Int64? {
        secondsUntilAvailable(readySince: readySince(pod), minReadySeconds: minReadySeconds, now: now)
    }

    /// `secondsUntilAvailable` from when a ready pod became ready (nil: not ready or unknown).
    static func secondsUntilAvailable(readySince: Timestamp?, minReadySeconds: Int, now: Timestamp) -> Int64? {
        guard minReadySeconds > 0, let readySince,
              !isAvailable(ready: true, readySince: readySince, minReadySeconds: minReadySeconds, now: now) else { return nil }
        return max(1, readySince + Int64(minReadySeconds) + 1 - now)
    }

    /// `spec.nodeName`, empty when unscheduled.
    public static func nodeName(_ pod: JSONValue) -> String {
        pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
    }

    /// The `controller.kubernetes.io/pod-deletion-cost` annotation as an int32; 0 when absent or invalid.
    public static func deletionCost(_ pod: JSONValue) -> Int32 {
        guard let text = pod.annotations[deletionCostAnnotation] else { return 0 }
        return Int32(text) ?? 0
    }

    /// The annotation that lets users say which pods to delete first.
    public static let deletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

    /// The highest restart count of the regular containers, and of the sidecar (restartPolicy Always) init
    /// containers (`maxContainerRestarts`).
    public static func maxRestarts(_ pod: JSONValue) -> (regular: Int, sidecar: Int) {
        var regular = 0, sidecar = 0
        for status in pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
            regular = max(regular, status["restartCount"]?.intValue ?? 0)
        }
        let sidecars = Set((pod[path: ["spec", "initContainers"]]?.arrayValue ?? [])
            .filter { $0["restartPolicy"]?.stringValue == "Always" }
            .compactMap { $0["name"]?.stringValue })
        for status in pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []
        where sidecars.contains(status["name"]?.stringValue ?? "") {
            sidecar = max(sidecar, status["restartCount"]?.intValue ?? 0)
        }
        return (regular, sidecar)
    }
}
