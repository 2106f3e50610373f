import Model
import Determinism

/// One entry of `status.containerStatuses` being simulated, with typed access to what the stages read.
struct ContainerStatusView {
    /// The status JSON (`name`, `image`, `imageID`, `containerID`, `ready`, `started`, `restartCount`,
    /// `state`, `lastState`, `volumeMounts`).
    var json: JSONValue
    /// The simulated time of this reconcile.
    var now: Timestamp
    /// The last failing probe of each kind already reported with an `Unhealthy` Event (read from the
    /// Events before the stages run, then kept up to date as they record more).
    var reportedFailures: [ProbeKind: Timestamp] = [:]

    /// A container the kubelet has accepted but not started: waiting `ContainerCreating`.
    init(creating spec: JSONValue, now: Timestamp) {
        self.now = now
        json = [
            "name": spec["name"] ?? "", "image": spec["image"] ?? "", "imageID": "",
            "ready": false, "started": false, "restartCount": 0,
            "state": ["waiting": ["reason": "ContainerCreating"]], "lastState": .emptyObject,
        ]
        let mounts = (spec["volumeMounts"]?.arrayValue ?? []).map { mount -> JSONValue in
            var status: JSONValue = ["name": mount["name"] ?? "", "mountPath": mount["mountPath"] ?? ""]
            if mount["readOnly"]?.boolValue == true {
                status["readOnly"] = true
                status["recursiveReadOnly"] = "Disabled"
            }
            return status
        }
        if !mounts.isEmpty { json["volumeMounts"] = .array(mounts) }
    }

    init(json: JSONValue, now: Timestamp) { self.json = json; self.now = now }

    var waitingReason: String? { json[path: ["state", "waiting", "reason"]]?.stringValue }
    var isRunning: Bool { json[path: ["state", "running"]] != nil }
    var isTerminated: Bool { json[path: ["state", "terminated"]] != nil }
    var runningSince: Timestamp? { json[path: ["state", "running", "startedAt"]]?.stringValue.flatMap(Timestamp.init(rfc3339:)) }
    var ready: Bool {
        get { json["ready"]?.boolValue ?? false }
        set { json["ready"] = .bool(newValue) }
    }
    var started: Bool {
        get { json["started"]?.boolValue ?? false }
        set { json["started"] = .bool(newValue) }
    }
    var restartCount: Int { json["restartCount"]?.intValue ?? 0 }
    var lastFinishedAt: Timestamp? {
        json[path: ["lastState", "terminated", "finishedAt"]]?.stringValue.flatMap(Timestamp.init(rfc3339:))
    }
    /// How long the last finished run lasted.
    var lastRunSeconds: Int64 {
        guard let finished = lastFinishedAt,
              let started = json[path: ["lastState", "terminated", "startedAt"]]?.stringValue.flatMap(Timestamp.init(rfc3339:))
        else { return 0 }
        return finished - started
    }
    /// Started at least once (running, or stopped with a termination record): what `getPhase` calls
    /// running or stopped rather than waiting.
    var hasRun: Bool { isRunning || isTerminated || json[path: ["lastState", "terminated"]] != nil }

    /// Shows the image pull state `reason` (`ErrImagePull` or `ImagePullBackOff`) with its Events.
    mutating func showPullState(_ reason: String, _ context: ContainerContext) -> [KubeletEvent] {
        switch reason {
        case "ErrImagePull":
            let error = ImageReference.pullError(context.image)
            json["state"] = ["waiting": ["reason": "ErrImagePull", "message": .string(error)]]
            return [.pulling(context.image), .pullFailed(context.image, error), .failed("ErrImagePull")]
        case "ImagePullBackOff":
            json["state"] = ["waiting": ["reason": "ImagePullBackOff",
                                         "message": .string("Back-off pulling image \"\(context.image)\"")]]
            return [.pullBackOff(context.image), .failed("ImagePullBackOff")]
        default:
            json["state"] = ["waiting": ["reason": .string(reason)]]
            return []
        }
    }
}
