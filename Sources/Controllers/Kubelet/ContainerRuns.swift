import Model
import Determinism

/// Starting and ending container runs: start Events, exits and kills, and the restart policy with its
/// back-off.
extension ContainerStatusView {
    /// Starts a run at `at`: a new container ID, the pull and start Events, `restartCount` up for restarts.
    /// A failing `postStart` hook kills the new run at once.
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
        json["state"] = ["running": ["startedAt": .string(at.rfc3339)]]
        if let hook = LifecycleHook.postStart.handler(of: context.spec), context.behaviour.postStartFails {
            return events + failPostStart(hook, context, at: at)
        }
        started = context.probes.startedAfter == 0
        ready = context.probes.readyAfter == 0
        return events
    }

    /// Ends the running run at `at` with the simulated exit code, then applies the restart policy.
    mutating func exit(_ context: ContainerContext, at: Timestamp) -> [KubeletEvent] {
        let code = context.behaviour.exitCode
        guard endRun(context, at: at, exitCode: code) else { return [] }
        let wait = CrashLoopBackOff.wait(restart: restartCount + 1, lastRun: lastRunSeconds)
        if wait == 0 { return startRun(context, at: at, firstRun: false) }
        return backOff(context, wait: wait)
    }

    /// The kubelet kills the running container after `failureThreshold` failures of its liveness or startup
    /// probe (`computePodActions`): `Killing`, exit 137, and a restart in the same sync unless the container
    /// is still backing off from its previous exit.
    mutating func killForProbe(_ kind: ProbeKind, _ context: ContainerContext, at: Timestamp) -> [KubeletEvent] {
        let restarts = context.restartPolicy != "Never"
        let reason = "Container \(context.name) failed \(kind.rawValue.lowercased()) probe"
        let events = [KubeletEvent.killing(message: restarts ? reason + ", will be restarted" : reason)] + preStopEvents(context)
        let previousExit = lastFinishedAt
        guard endRun(context, at: at, exitCode: Self.killedExitCode) else { return events }
        let wait = CrashLoopBackOff.wait(restart: restartCount + 1, lastRun: lastRunSeconds)
        if wait == 0 || previousExit.map({ at - $0 >= wait }) == true {
            return events + startRun(context, at: at, firstRun: false)
        }
        return events + backOff(context, wait: wait)
    }

    /// After a failed `postStart` hook the container waits as `PostStartHookError` until the kubelet's next
    /// sync (one PLEG relist later), which restarts it or backs off.
    mutating func resumeAfterHookError(_ context: ContainerContext, at: Timestamp) -> [KubeletEvent] {
        let wait = CrashLoopBackOff.wait(restart: restartCount + 1, lastRun: lastRunSeconds)
        if (lastFinishedAt ?? at) + wait <= at { return startRun(context, at: at, firstRun: false) }
        return backOff(context, wait: wait)
    }

    /// A container the kubelet kills ends with SIGKILL's exit code.
    static let killedExitCode = 137
    /// Seconds from a failed `postStart` hook to the kubelet's next look at the container.
    static let hookErrorSync: Int64 = 1

    /// `startContainer` with a failing `postStart` hook: `FailedPostStartHook`, then `Killing` with the
    /// reason `FailedPostStartHook`; the container waits as `PostStartHookError` with the handler's message.
    private mutating func failPostStart(_ hook: JSONValue, _ context: ContainerContext, at: Timestamp) -> [KubeletEvent] {
        let events = [KubeletEvent.failedPostStartHook, .killing(message: "FailedPostStartHook")] + preStopEvents(context)
        guard endRun(context, at: at, exitCode: Self.killedExitCode) else { return events }
        let message = LifecycleHook.failureMessage(hook, container: context.spec, podReference: context.podReference,
                                                   podIP: context.podIP)
        json["state"] = ["waiting": ["reason": "PostStartHookError", "message": .string(message)]]
        return events
    }

    /// The `preStop` hook runs whenever the kubelet kills a running container.
    func preStopEvents(_ context: ContainerContext) -> [KubeletEvent] {
        LifecycleHook.preStop.handler(of: context.spec) != nil && context.behaviour.preStopFails ? [.failedPreStopHook] : []
    }

    /// Records the run's termination; returns whether the restart policy restarts it (then the termination
    /// is `lastState`, else `state`).
    private mutating func endRun(_ context: ContainerContext, at: Timestamp, exitCode code: Int) -> Bool {
        let terminated: JSONValue = ["terminated": [
            "exitCode": .int(code), "reason": .string(code == 0 ? "Completed" : "Error"),
            "startedAt": json[path: ["state", "running", "startedAt"]] ?? .null,
            "finishedAt": .string(at.rfc3339), "containerID": json["containerID"] ?? "",
        ]]
        ready = false
        started = false
        let restarts = context.restartPolicy == "Always" || (context.restartPolicy == "OnFailure" && code != 0)
        json[restarts ? "lastState" : "state"] = terminated
        return restarts
    }

    /// Waits `wait` seconds as `CrashLoopBackOff` before the next restart.
    private mutating func backOff(_ context: ContainerContext, wait: Int64) -> [KubeletEvent] {
        json["state"] = ["waiting": [
            "reason": "CrashLoopBackOff",
            "message": .string("back-off \(DurationText.format(seconds: wait)) restarting failed container=\(context.name) pod=\(context.podReference)"),
        ]]
        return [.crashBackOff(context.name, pod: context.podReference)]
    }
}
