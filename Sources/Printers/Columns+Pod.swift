import Model
import Determinism

extension TableLayout {
    /// NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES.
    static let podLayout = TableLayout(
        columns: [.name, .plain("READY"), .plain("STATUS"), .plain("RESTARTS"), .age,
                  .wide("IP"), .wide("NODE"), .wide("NOMINATED NODE"), .wide("READINESS GATES")]
    ) { pod, now in
        let summary = PodSummary(pod, now: now)
        let podIPs = pod.list("status", "podIPs").map { $0.str("ip") }
        let ip = podIPs.first ?? pod.str("status", "podIP")
        let node = pod.str("spec", "nodeName")
        let nominated = pod.str("status", "nominatedNodeName")
        return [pod.name, summary.ready, summary.status, summary.restarts, Cells.age(pod, now),
                ip.isEmpty ? "<none>" : ip, node.isEmpty ? "<none>" : node,
                nominated.isEmpty ? "<none>" : nominated, readinessGates(pod)]
    }

    private static func readinessGates(_ pod: JSONValue) -> String {
        let gates = pod.list("spec", "readinessGates")
        guard !gates.isEmpty else { return "<none>" }
        let conditions = pod.list("status", "conditions")
        let satisfied = gates.filter { gate in
            conditions.first { $0.str("type") == gate.str("conditionType") }?.str("status") == "True"
        }.count
        return "\(satisfied)/\(gates.count)"
    }
}

/// The READY, STATUS and RESTARTS cells of a pod, computed as the API server's `printPod` does.
public struct PodSummary: Sendable {
    /// `1/2`: ready containers over containers (restartable init containers count too).
    public let ready: String
    /// `Running`, `Pending`, `ContainerCreating`, `CrashLoopBackOff`, `Init:0/1`, `Completed`, `Terminating`...
    public let status: String
    /// `0`, or `3 (5m ago)` when a container's last termination time is known.
    public let restarts: String

    public init(_ pod: JSONValue, now: Timestamp) {
        let phase = pod.str("status", "phase")
        var reason = pod.str("status", "reason").isEmpty ? phase : pod.str("status", "reason")
        let conditions = pod.list("status", "conditions")
        if conditions.contains(where: { $0.str("type") == "PodScheduled" && $0.str("reason") == "SchedulingGated" }) {
            reason = "SchedulingGated"
        }

        let initSpecs = pod.list("spec", "initContainers")
        let restartable = Set(initSpecs.filter { $0.str("restartPolicy") == "Always" }.map { $0.str("name") })
        var readyCount = 0
        var restarts = 0
        var sidecarRestarts = 0
        var lastRestart: Timestamp?
        var lastSidecarRestart: Timestamp?

        var initializing = false
        for (index, container) in pod.list("status", "initContainerStatuses").enumerated() {
            let isSidecar = restartable.contains(container.str("name"))
            restarts += container.num("restartCount")
            let finished = PodSummary.lastTermination(container)
            lastRestart = PodSummary.later(lastRestart, finished)
            if isSidecar {
                sidecarRestarts += container.num("restartCount")
                lastSidecarRestart = PodSummary.later(lastSidecarRestart, finished)
            }
            let terminated = container.at("state", "terminated")
            let waitingReason = container.str("state", "waiting", "reason")
            if let terminated, terminated.num("exitCode") == 0 { continue }
            if isSidecar, container.flag("started") {
                if container.flag("ready") { readyCount += 1 }
                continue
            }
            if let terminated {
                if terminated.str("reason").isEmpty {
                    reason = terminated.num("signal") != 0 ? "Init:Signal:\(terminated.num("signal"))"
                        : "Init:ExitCode:\(terminated.num("exitCode"))"
                } else {
                    reason = "Init:" + terminated.str("reason")
                }
            } else if container.at("state", "waiting") != nil, !waitingReason.isEmpty, waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initialized = conditions.contains { $0.str("type") == "Initialized" && $0.str("status") == "True" }
        if !initializing || initialized {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for container in pod.list("status", "containerStatuses").reversed() {
                restarts += container.num("restartCount")
                lastRestart = PodSummary.later(lastRestart, PodSummary.lastTermination(container))
                let waitingReason = container.str("state", "waiting", "reason")
                let terminated = container.at("state", "terminated")
                if container.at("state", "waiting") != nil, !waitingReason.isEmpty {
                    reason = waitingReason
                } else if let terminated, !terminated.str("reason").isEmpty {
                    reason = terminated.str("reason")
                } else if let terminated {
                    reason = terminated.num("signal") != 0 ? "Signal:\(terminated.num("signal"))"
                        : "ExitCode:\(terminated.num("exitCode"))"
                } else if container.flag("ready"), container.at("state", "running") != nil {
                    hasRunning = true
                    readyCount += 1
                }
            }
            if reason == "Completed", hasRunning {
                let podReady = conditions.contains { $0.str("type") == "Ready" && $0.str("status") == "True" }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod.deletionTimestamp != nil {
            if pod.str("status", "reason") == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Failed", phase != "Succeeded" {
                reason = "Terminating"
            }
        }

        let total = pod.list("spec", "containers").count + restartable.count
        ready = "\(readyCount)/\(total)"
        status = reason
        if restarts != 0, let lastRestart {
            self.restarts = "\(restarts) (\(HumanDuration.format(seconds: now - lastRestart)) ago)"
        } else {
            self.restarts = String(restarts)
        }
    }

    private static func lastTermination(_ status: JSONValue) -> Timestamp? {
        guard let text = status.optionalStr("lastState", "terminated", "finishedAt") else { return nil }
        return Timestamp(rfc3339: text)
    }

    private static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let b else { return a }
        guard let a else { return b }
        return max(a, b)
    }
}
