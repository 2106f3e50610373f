import Model
import Determinism

/// One entry of `status.containerStatuses` being simulated, with typed access to what the stages read.
struct ContainerStatusView {
    /// The status JSON (`name`, `image`, `imageID`, `containerID`, `ready`, `started`, `restartCount`,
    /// `state`, `lastState`, `volumeMounts`).
    var json: JSONValue
    /// The simulated time of this reconcile.
    var now: Timestamp

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

    /// Starts a run at `at`: a new container ID, the pull and start Events, `restartCount` up for restarts.
    mutating func startRun(_ context: ContainerContext, at: Timestamp, firstRun: Bool) -> [KubeletEvent] {
        var events: [KubeletEvent] = []
        let policy = context.spec["imagePullPolicy"]?.stringValue ?? "IfNotPresent"
        if policy == "Always" || (policy != "Never" && firstRun && !context.imagePresentOnNode) {
            events += [.pulling(context.image), .pulled(context.image)]
        } else {
            events.append(.alreadyPresent(context.image))
        }
        events += [.created(context.name), .started(context.name)]
        if !firstRun { json["restartCount"] = .int(restartCount + 1) }
        json["image"] = .string(ImageReference.qualified(context.image))
        json["imageID"] = .string(ImageReference.imageID(context.image))
        json["containerID"] = .string(context.newContainerID())
        json["started"] = true
        json["state"] = ["running": ["startedAt": .string(at.rfc3339)]]
        ready = context.behaviour.readyDelay(context.spec) == 0
        return events
    }

    /// Ends the running run at `at` with the simulated exit code, then applies the restart policy.
    mutating func exit(_ context: ContainerContext, at: Timestamp) -> [KubeletEvent] {
        let code = context.behaviour.exitCode
        let terminated: JSONValue = ["terminated": [
            "exitCode": .int(code), "reason": .string(code == 0 ? "Completed" : "Error"),
            "startedAt": json[path: ["state", "running", "startedAt"]] ?? .null,
            "finishedAt": .string(at.rfc3339), "containerID": json["containerID"] ?? "",
        ]]
        ready = false
        json["started"] = false
        let restarts = context.restartPolicy == "Always" || (context.restartPolicy == "OnFailure" && code != 0)
        guard restarts else {
            json["state"] = terminated
            return []
        }
        json["lastState"] = terminated
        let wait = CrashLoopBackOff.wait(restart: restartCount + 1, lastRun: lastRunSeconds)
        if wait == 0 { return startRun(context, at: at, firstRun: false) }
        json["state"] = ["waiting": [
            "reason": "CrashLoopBackOff",
            "message": .string("back-off \(DurationText.format(seconds: wait)) restarting failed container=\(context.name) pod=\(context.podReference)"),
        ]]
        return [.crashBackOff(context.name, pod: context.podReference)]
    }

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
