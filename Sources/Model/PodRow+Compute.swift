import Determinism

extension PodRow {
    /// The row of a pod object, computed as the API server's `printPod` computes its cells.
    public init(pod: JSONValue) {
        let phase = pod.text("status", "phase")
        var reason = pod.text("status", "reason").isEmpty ? phase : pod.text("status", "reason")
        let conditions = pod.items("status", "conditions")
        if conditions.contains(where: { $0.text("type") == "PodScheduled" && $0.text("reason") == "SchedulingGated" }) {
            reason = "SchedulingGated"
        }

        let initSpecs = pod.items("spec", "initContainers")
        let restartable = Set(initSpecs.filter { $0.text("restartPolicy") == "Always" }.map { $0.text("name") })
        var readyCount = 0
        var restarts = 0
        var sidecarRestarts = 0
        var lastRestart: Timestamp?
        var lastSidecarRestart: Timestamp?

        var initializing = false
        for (index, container) in pod.items("status", "initContainerStatuses").enumerated() {
            let isSidecar = restartable.contains(container.text("name"))
            restarts += container.number("restartCount")
            let finished = PodRow.lastTermination(container)
            lastRestart = PodRow.later(lastRestart, finished)
            if isSidecar {
                sidecarRestarts += container.number("restartCount")
                lastSidecarRestart = PodRow.later(lastSidecarRestart, finished)
            }
            let terminated = container[path: ["state", "terminated"]]
            let waitingReason = container.text("state", "waiting", "reason")
            if let terminated, terminated.number("exitCode") == 0 { continue }
            if isSidecar, container.isTrue("started") {
                if container.isTrue("ready") { readyCount += 1 }
                continue
            }
            if let terminated {
                if terminated.text("reason").isEmpty {
                    reason = terminated.number("signal") != 0 ? "Init:Signal:\(terminated.number("signal"))"
                        : "Init:ExitCode:\(terminated.number("exitCode"))"
                } else {
                    reason = "Init:" + terminated.text("reason")
                }
            } else if container[path: ["state", "waiting"]] != nil, !waitingReason.isEmpty, waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initialized = conditions.contains { $0.text("type") == "Initialized" && $0.text("status") == "True" }
        if !initializing || initialized {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for container in pod.items("status", "containerStatuses").reversed() {
                restarts += container.number("restartCount")
                lastRestart = PodRow.later(lastRestart, PodRow.lastTermination(container))
                let waitingReason = container.text("state", "waiting", "reason")
                let terminated = container[path: ["state", "terminated"]]
                if container[path: ["state", "waiting"]] != nil, !waitingReason.isEmpty {
                    reason = waitingReason
                } else if let terminated, !terminated.text("reason").isEmpty {
                    reason = terminated.text("reason")
                } else if let terminated {
                    reason = terminated.number("signal") != 0 ? "Signal:\(terminated.number("signal"))"
                        : "ExitCode:\(terminated.number("exitCode"))"
                } else if container.isTrue("ready"), container[path: ["state", "running"]] != nil {
                    hasRunning = true
                    readyCount += 1
                }
            }
            if reason == "Completed", hasRunning {
                let podReady = conditions.contains { $0.text("type") == "Ready" && $0.text("status") == "True" }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod.deletionTimestamp != nil {
            if pod.text("status", "reason") == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Failed", phase != "Succeeded" {
                reason = "Terminating"
            }
        }

        let total = pod.items("spec", "containers").count + restartable.count
        let podIPs = pod.items("status", "podIPs").map { $0.text("ip") }
        self.init(ready: "\(readyCount)/\(total)", status: reason, restarts: restarts, lastRestart: lastRestart,
                  created: pod.creationTimestamp.flatMap(Timestamp.init(rfc3339:)),
                  ip: podIPs.first ?? pod.text("status", "podIP"), node: pod.text("spec", "nodeName"),
                  nominatedNode: pod.text("status", "nominatedNodeName"), readinessGates: PodRow.readinessGates(pod))
    }

    /// `2/3`: the gates whose condition is True over the gates; "" when there are none.
    private static func readinessGates(_ pod: JSONValue) -> String {
        let gates = pod.items("spec", "readinessGates")
        guard !gates.isEmpty else { return "" }
        let conditions = pod.items("status", "conditions")
        let satisfied = gates.filter { gate in
            conditions.first { $0.text("type") == gate.text("conditionType") }?.text("status") == "True"
        }.count
        return "\(satisfied)/\(gates.count)"
    }

    private static func lastTermination(_ status: JSONValue) -> Timestamp? {
        guard let text = status[path: ["lastState", "terminated", "finishedAt"]]?.stringValue else { return nil }
        return Timestamp(rfc3339: text)
    }

    private static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let b else { return a }
        guard let a else { return b }
        return max(a, b)
    }
}

/// Go zero values for absent fields, as `printPod` reads them.
private extension JSONValue {
    func text(_ path: String...) -> String { self[path: path]?.stringValue ?? "" }
    func number(_ path: String...) -> Int { self[path: path]?.intValue ?? 0 }
    func items(_ path: String...) -> [JSONValue] { self[path: path]?.arrayValue ?? [] }
    func isTrue(_ path: String...) -> Bool { self[path: path]?.boolValue ?? false }
}
