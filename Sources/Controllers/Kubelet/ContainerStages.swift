import Model
import Determinism

/// What a container stage needs to know besides the container's own status.
struct ContainerContext {
    /// The container from the pod spec.
    var spec: JSONValue
    var behaviour: PodBehaviour
    /// `Always`, `OnFailure` or `Never`.
    var restartPolicy: String
    /// `<pod>_<namespace>(<uid>)`, as the kubelet names a pod in messages.
    var podReference: String
    /// When the kubelet accepted the pod (`status.startTime`).
    var acceptedAt: Timestamp
    /// Whether the node already holds the image (for `IfNotPresent`).
    var imagePresentOnNode: Bool
    /// Draws a new `containerd://…` ID.
    var newContainerID: () -> String
    /// The pod's IP (`status.podIP`), which probes and hooks address.
    var podIP: String
    /// When this container's probes change its status, and which of them fail.
    var probes: ProbeTimeline

    var name: String { spec["name"]?.stringValue ?? "" }
    var image: String { spec["image"]?.stringValue ?? "" }
    var startsAt: Timestamp { acceptedAt + behaviour.startDelay }
}

/// One row of the simulated kubelet's behaviour table (kwok-style): which container states it applies
/// to, when it is due, and what it turns the container status into (with the Events it records).
struct ContainerStage: Sendable {
    var name: String
    var applies: @Sendable (ContainerStatusView, ContainerContext) -> Bool
    var due: @Sendable (ContainerStatusView, ContainerContext) -> Timestamp
    var apply: @Sendable (inout ContainerStatusView, ContainerContext, Timestamp) -> [KubeletEvent]
}

extension ContainerStage {
    /// The table, in priority order (the earliest due stage wins; ties go to the earlier row).
    static let table: [ContainerStage] = [
        ContainerStage(
            name: "start",
            applies: { view, context in view.waitingReason == "ContainerCreating" && !context.behaviour.pullFails },
            due: { _, context in context.startsAt },
            apply: { view, context, at in view.startRun(context, at: at, firstRun: true) }),
        ContainerStage(
            name: "image-pull-failure",
            applies: { view, context in
                context.behaviour.pullFails && ["ContainerCreating", "ErrImagePull", "ImagePullBackOff"].contains(view.waitingReason ?? "")
            },
            due: { view, context in
                let segment = ImagePullSchedule(start: context.startsAt)
                let current = segment.state(at: view.now)
                return current.reason == view.waitingReason ? current.end : view.now
            },
            apply: { view, context, _ in
                let current = ImagePullSchedule(start: context.startsAt).state(at: view.now)
                return view.showPullState(current.reason, context)
            }),
        ContainerStage(
            name: "post-start-hook-error",
            applies: { view, _ in view.waitingReason == "PostStartHookError" },
            due: { view, _ in (view.lastFinishedAt ?? view.now) + ContainerStatusView.hookErrorSync },
            apply: { view, context, at in view.resumeAfterHookError(context, at: at) }),
        ContainerStage(
            name: "startup-probe-success",
            applies: { view, context in view.isRunning && !view.started && context.probes.startedAfter != nil },
            due: { view, context in view.runningSince! + (context.probes.startedAfter ?? 0) },
            apply: { view, _, _ in view.started = true; return [] }),
        ContainerStage(
            name: "probe-failure",
            applies: { view, context in view.isRunning && nextProbeFailure(view, context) != nil },
            due: { view, context in nextProbeFailure(view, context)!.at },
            apply: { view, context, at in
                let failures = context.probes.failures.filter {
                    $0.next(after: view.reportedFailures[$0.kind], start: view.runningSince!) == at
                }
                for failure in failures { view.reportedFailures[failure.kind] = at }
                return failures.map(\.event)
            }),
        ContainerStage(
            name: "ready",
            applies: { view, context in
                guard view.isRunning, !view.ready, context.probes.readyAfter != nil else { return false }
                // A readiness probe that has failed since leaves the container unready.
                guard let unready = context.probes.unreadyAfter else { return true }
                return view.now < view.runningSince! + unready
            },
            due: { view, context in view.runningSince! + (context.probes.readyAfter ?? 0) },
            apply: { view, _, _ in view.ready = true; return [] }),
        ContainerStage(
            name: "readiness-probe-failure",
            applies: { view, context in view.isRunning && view.ready && context.probes.unreadyAfter != nil },
            due: { view, context in view.runningSince! + (context.probes.unreadyAfter ?? 0) },
            apply: { view, _, _ in view.ready = false; return [] }),
        ContainerStage(
            name: "probe-kill",
            applies: { view, context in view.isRunning && context.probes.kill != nil },
            due: { view, context in view.runningSince! + (context.probes.kill?.after ?? 0) },
            apply: { view, context, at in view.killForProbe(context.probes.kill!.kind, context, at: at) }),
        ContainerStage(
            name: "exit",
            applies: { view, context in view.isRunning && context.behaviour.runDuration != nil },
            due: { view, context in view.runningSince! + (context.behaviour.runDuration ?? 0) },
            apply: { view, context, at in view.exit(context, at: at) }),
        ContainerStage(
            name: "restart",
            applies: { view, _ in view.waitingReason == "CrashLoopBackOff" },
            due: { view, context in
                (view.lastFinishedAt ?? view.now) + CrashLoopBackOff.wait(restart: view.restartCount + 1, lastRun: view.lastRunSeconds)
            },
            apply: { view, context, at in view.startRun(context, at: at, firstRun: false) }),
    ]

    /// The next failing probe of the current run not yet reported.
    static func nextProbeFailure(_ view: ContainerStatusView, _ context: ContainerContext) -> (kind: ProbeKind, at: Timestamp)? {
        guard let start = view.runningSince else { return nil }
        var best: (kind: ProbeKind, at: Timestamp)?
        for failure in context.probes.failures {
            guard let at = failure.next(after: view.reportedFailures[failure.kind], start: start) else { continue }
            if best == nil || at < best!.at { best = (failure.kind, at) }
        }
        return best
    }

    /// Applies every stage due at or before `now`, in time order. Returns the Events and when the next
    /// stage falls due (nil: nothing more will happen on its own).
    static func run(_ view: inout ContainerStatusView, _ context: ContainerContext) -> (events: [KubeletEvent], next: Timestamp?) {
        var events: [KubeletEvent] = []
        for _ in 0..<500 {
            var best: (ContainerStage, Timestamp)?
            for stage in table where stage.applies(view, context) {
                let due = stage.due(view, context)
                if best == nil || due < best!.1 { best = (stage, due) }
            }
            guard let (stage, due) = best else { return (events, nil) }
            if due > view.now { return (events, due) }
            events += stage.apply(&view, context, due)
        }
        return (events, view.now + 1)
    }
}

/// Upstream's container restart back-off: the first restart is immediate, then 10 s doubling to 300 s;
/// a run longer than 10 minutes resets it.
enum CrashLoopBackOff {
    static let initial: Int64 = 10
    static let maximum: Int64 = 300

    /// Seconds to wait before restart number `restart` (1-based), after a run of `lastRun` seconds.
    static func wait(restart: Int, lastRun: Int64) -> Int64 {
        if restart <= 1 || lastRun > 2 * maximum { return 0 }
        var wait = initial
        for _ in 2..<restart {
            wait *= 2
            if wait >= maximum { return maximum }
        }
        return min(wait, maximum)
    }
}

/// The simulated image pull retry schedule for a pull that always fails: `ErrImagePull` for one kubelet
/// sync (10 s), then `ImagePullBackOff` for the back-off (10 s doubling to 300 s), then the next pull.
struct ImagePullSchedule {
    var start: Timestamp
    static let sync: Int64 = 10

    func state(at time: Timestamp) -> (reason: String, end: Timestamp) {
        if time < start { return ("ContainerCreating", start) }
        var attempt = start
        var backOff = CrashLoopBackOff.initial
        while true {
            if time < attempt + Self.sync { return ("ErrImagePull", attempt + Self.sync) }
            let next = attempt + Self.sync + backOff
            if time < next { return ("ImagePullBackOff", next) }
            attempt = next
            backOff = min(backOff * 2, CrashLoopBackOff.maximum)
        }
    }
}
