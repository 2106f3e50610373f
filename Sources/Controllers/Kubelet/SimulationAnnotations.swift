import Model
import Determinism

/// The `sim.logbook.dev/*` annotations through which users inject behaviour into the simulated kubelet
/// (usually in a pod template) and into nodes (`logbook node fail|recover`).
public enum SimulationAnnotation {
    /// On a pod: containers start this long after the kubelet accepts the pod (`"5s"`).
    public static let startDelay = "sim.logbook.dev/start-delay"
    /// On a pod: `"never"` keeps containers running but never Ready.
    public static let ready = "sim.logbook.dev/ready"
    /// On a pod: every container run ends with this exit code (`"1"`).
    public static let exitCode = "sim.logbook.dev/exit-code"
    /// On a pod: how long each container run lasts before it exits (`"10s"`).
    public static let runDuration = "sim.logbook.dev/run-duration"
    /// On a pod: `"fail"` makes every image pull fail (ErrImagePull, then ImagePullBackOff).
    public static let imagePull = "sim.logbook.dev/image-pull"
    /// On a node: `"down"` means its kubelet stopped posting status.
    public static let kubelet = "sim.logbook.dev/kubelet"
    /// On a node: when its kubelet stopped (RFC 3339), written by `logbook node fail` or the node
    /// lifecycle controller; the 40 s grace period counts from here.
    public static let kubeletStoppedAt = "sim.logbook.dev/kubelet-stopped-at"
}

/// How a simulated pod behaves, read from its annotations and probes.
struct PodBehaviour: Equatable {
    /// Seconds from acceptance until containers start.
    var startDelay: Int64 = 0
    /// Containers never become ready.
    var neverReady = false
    /// Exit code of each run, when runs end.
    var exitCode: Int = 0
    /// Seconds each run lasts; nil runs forever.
    var runDuration: Int64?
    /// Image pulls fail.
    var pullFails = false

    init(pod: JSONValue) {
        let annotations = pod.annotations
        if let text = annotations[SimulationAnnotation.startDelay], let seconds = try? DurationText.seconds(text) {
            startDelay = seconds
        }
        neverReady = annotations[SimulationAnnotation.ready] == "never"
        if let text = annotations[SimulationAnnotation.exitCode], let code = Int(text) {
            exitCode = code
            runDuration = 0
        }
        if let text = annotations[SimulationAnnotation.runDuration], let seconds = try? DurationText.seconds(text) {
            runDuration = seconds
        }
        pullFails = annotations[SimulationAnnotation.imagePull] == "fail"
    }

    /// Seconds from a container's start until it is ready (readiness probe: the first probe at or after
    /// `initialDelaySeconds`, plus `successThreshold - 1` more periods); nil when it never is.
    func readyDelay(_ container: JSONValue) -> Int64? {
        if neverReady { return nil }
        guard let probe = container["readinessProbe"], probe.objectValue != nil else { return 0 }
        let initial = Int64(probe["initialDelaySeconds"]?.intValue ?? 0)
        let period = Int64(max(probe["periodSeconds"]?.intValue ?? 10, 1))
        let successes = Int64(max(probe["successThreshold"]?.intValue ?? 1, 1))
        let firstProbe = (initial + period - 1) / period * period
        return firstProbe + (successes - 1) * period
    }
}
