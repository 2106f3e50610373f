import Model
import Determinism

extension TableLayout {
    /// NAME READY STATUS RESTARTS AGE; wide IP NODE NOMINATED NODE READINESS GATES.
    static let podLayout = TableLayout(columns: podColumns) { pod, now in
        podCells(name: pod.name, row: PodRow(pod: pod), now: now)
    }

    static let podColumns: [Column] = [
        .name, .plain("READY"), .plain("STATUS"), .plain("RESTARTS"), .age,
        .wide("IP"), .wide("NODE"), .wide("NOMINATED NODE"), .wide("READINESS GATES"),
    ]

    /// A pod's cells at `now`, from its row (see `PodRow`).
    static func podCells(name: String, row: PodRow, now: Timestamp) -> [String] {
        let summary = PodSummary(row, now: now)
        return [name, summary.ready, summary.status, summary.restarts,
                row.created.map { HumanDuration.format(seconds: now - $0) } ?? "<unknown>",
                row.ip.isEmpty ? "<none>" : row.ip, row.node.isEmpty ? "<none>" : row.node,
                row.nominatedNode.isEmpty ? "<none>" : row.nominatedNode,
                row.readinessGates.isEmpty ? "<none>" : row.readinessGates]
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
        self.init(PodRow(pod: pod), now: now)
    }

    /// The cells of a pod's stored row at `now`.
    public init(_ row: PodRow, now: Timestamp) {
        ready = row.ready
        status = row.status
        if row.restarts != 0, let lastRestart = row.lastRestart {
            restarts = "\(row.restarts) (\(HumanDuration.format(seconds: now - lastRestart)) ago)"
        } else {
            restarts = String(row.restarts)
        }
    }
}
