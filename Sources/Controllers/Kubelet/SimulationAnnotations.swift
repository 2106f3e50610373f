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
    /// On a pod: `"fail"` makes liveness probes fail; after `failureThreshold` failures the kubelet
    /// kills and restarts the container.
    public static let liveness = "sim.logbook.dev/liveness"
    /// On a pod, with `liveness: fail`: probes only fail this long after each container start (`"30s"`).
    public static let livenessFailAfter = "sim.logbook.dev/liveness-fail-after"
    /// On a pod: `"fail"` or `"fail-after:20s"` makes readiness probes fail (from the start, or that long
    /// after each container start): the container turns unready, nothing restarts.
    public static let readiness = "sim.logbook.dev/readiness"
    /// On a pod: `"fail"` makes startup probes fail; the container is killed and restarted.
    public static let startup = "sim.logbook.dev/startup"
    /// On a pod: `"fail"` makes `lifecycle.postStart` hooks fail; the container is killed and restarted.
    public static let postStart = "sim.logbook.dev/poststart"
    /// On a pod: `"fail"` makes `lifecycle.preStop` hooks fail (a `FailedPreStopHook` Event; the
    /// container still stops).
    public static let preStop = "sim.logbook.dev/prestop"
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
    /// Liveness probes fail this many seconds after each container start; nil: they succeed.
    var livenessFailsAfter: Int64?
    /// Readiness probes fail this many seconds after each container start; nil: they succeed.
    var readinessFailsAfter: Int64?
    /// Startup probes fail.
    var startupFails = false
    /// `postStart` hooks fail.
    var postStartFails = false
    /// `preStop` hooks fail.
    var preStopFails = false

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
        if annotations[SimulationAnnotation.liveness] == "fail" {
            livenessFailsAfter = annotations[SimulationAnnotation.livenessFailAfter].flatMap { try? DurationText.seconds($0) } ?? 0
        }
        if let text = annotations[SimulationAnnotation.readiness] {
            if text == "fail" {
                readinessFailsAfter = 0
            } else if text.hasPrefix("fail-after:"), let seconds = try? DurationText.seconds(String(text.dropFirst("fail-after:".count))) {
                readinessFailsAfter = seconds
            }
        }
        startupFails = annotations[SimulationAnnotation.startup] == "fail"
        postStartFails = annotations[SimulationAnnotation.postStart] == "fail"
        preStopFails = annotations[SimulationAnnotation.preStop] == "fail"
    }

    /// Seconds from a container's start until it is ready by its readiness probe alone (the first probe at
    /// or after `initialDelaySeconds`, plus `successThreshold - 1` more periods); nil when it never is.
    func readyDelay(_ container: JSONValue) -> Int64? {
        if neverReady { return nil }
        guard let probe = Probe(.readiness, of: container) else { return 0 }
        return probe.firstProbe(notBefore: 0) + (probe.successThreshold - 1) * probe.period
    }
}
