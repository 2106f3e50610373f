import Determinism

extension PodRow {
    /// The row of a pod object, computed as the API server's `printPod` computes its cells. Runs on every
    /// pod write, so it reads each field with single-key lookups.
    public init(pod: JSONValue) {
        let spec = pod["spec"], status = pod["status"]
        let phase = status.text("phase")
        let podReason = status.text("reason")
        var reason = podReason.isEmpty ? phase : podReason
        let conditions = status.items("conditions")
        if conditions.contains(where: { $0.text("type") == "PodScheduled" && $0.text("reason") == "SchedulingGated" }) {
            reason = "SchedulingGated"
        }

        let initSpecs = spec.items("initContainers")
        let restartable = initSpecs.isEmpty ? []
            : Set(initSpecs.filter { $0.text("restartPolicy") == "Always" }.map { $0.text("name") })
        var readyCount = 0
        var restarts = 0
        var sidecarRestarts = 0
        var lastRestart: Timestamp?
        var lastSidecarRestart: Timestamp?

        var initializing = false
        for (index, container) in status.items("initContainerStatuses").enumerated() {
            let isSidecar = restartable.contains(container.text("name"))
            restarts += container.number("restartCount")
            let finished = PodRow.lastTermination(container)
            lastRestart = PodRow.later(lastRestart, finished)
            if isSidecar {
                sidecarRestarts += container.number("restartCount")
                lastSidecarRestart = PodRow.later(lastSidecarRestart, finished)
            }
            let state = container["state"]
            let terminated = state?["terminated"], waiting = state?["waiting"]
            let waitingReason = waiting.text("reason")
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
            } else if waiting != nil, !waitingReason.isEmpty, waitingReason != "PodInitializing" {
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
            for container in status.items("containerStatuses").reversed() {
                restarts += container.number("restartCount")
                lastRestart = PodRow.later(lastRestart, PodRow.lastTermination(container))
                let state = container["state"]
                let terminated = state?["terminated"], waiting = state?["waiting"]
                let waitingReason = waiting.text("reason")
                if waiting != nil, !waitingReason.isEmpty {
                    reason = waitingReason
                } else if let terminated, !terminated.text("reason").isEmpty {
                    reason = terminated.text("reason")
                } else if let terminated {
                    reason = terminated.number("signal") != 0 ? "Signal:\(terminated.number("signal"))"
                        : "ExitCode:\(terminated.number("exitCode"))"
                } else if container.isTrue("ready"), state?["running"] != nil {
                    hasRunning = true
                    readyCount += 1
                }
            }
            if reason == "Completed", hasRunning {
                let podReady = conditions.contains { $0.text("type") == "Ready" && $0.text("status") == "True" }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod["metadata"]?["deletionTimestamp"]?.stringValue != nil {
            if podReason == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Failed", phase != "Succeeded" {
                reason = "Terminating"
            }
        }

        let total = spec.items("containers").count + restartable.count
        let firstIP = status?["podIPs"]?.arrayValue?.first.map { $0.text("ip") }
        self.init(ready: String(readyCount) + "/" + String(total), status: reason, restarts: restarts,
                  lastRestart: lastRestart,
                  created: pod["metadata"]?["creationTimestamp"]?.stringValue.flatMap(Timestamp.init(rfc3339:)),
                  ip: firstIP ?? status.text("podIP"), node: spec.text("nodeName"),
                  nominatedNode: status.text("nominatedNodeName"),
                  readinessGates: PodRow.readinessGates(spec.items("readinessGates"), conditions: conditions))
    }

    /// `2/3`: the gates whose condition is True over the gates; "" when there are none.
    private static func readinessGates(_ gates: [JSONValue], conditions: [JSONValue]) -> String {
        guard !gates.isEmpty else { return "" }
        let satisfied = gates.filter { gate in
            conditions.first { $0.text("type") == gate.text("conditionType") }?.text("status") == "True"
        }.count
        return "\(satisfied)/\(gates.count)"
    }

    private static func lastTermination(_ status: JSONValue) -> Timestamp? {
        guard let text = status["lastState"]?["terminated"]?["finishedAt"]?.stringValue else { return nil }
        return Timestamp(rfc3339: text)
    }

    private static func later(_ a: Timestamp?, _ b: Timestamp?) -> Timestamp? {
        guard let b else { return a }
        guard let a else { return b }
        return max(a, b)
    }
}

/// Go zero values for absent fields, as `printPod` reads them; one key at a time (no path arrays).
private extension JSONValue {
    func text(_ key: String) -> String { self[key]?.stringValue ?? "" }
    func number(_ key: String) -> Int { self[key]?.intValue ?? 0 }
    func items(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }
    func isTrue(_ key: String) -> Bool { self[key]?.boolValue ?? false }
}

private extension Optional where Wrapped == JSONValue {
    func text(_ key: String) -> String { self?[key]?.stringValue ?? "" }
    func items(_ key: String) -> [JSONValue] { self?[key]?.arrayValue ?? [] }
}
