import Determinism

/// What `kubectl get pods` shows of one pod version that does not depend on the time of reading: the
/// READY and STATUS cells, the restart count and the last restart's time (RESTARTS reads `3 (5m ago)`
/// from them), the creation time (AGE), and the `-o wide` cells.
///
/// The store keeps one per pod version (`pod_rows`, keyed by the event's seq) so a pod table never
/// decodes the pods' JSON; the table printer formats it. Both use this one computation
/// (`init(pod:)`), a port of the API server's `printPod`.
public struct PodRow: Sendable, Equatable {
    /// `1/2`: ready containers over containers (restartable init containers count too).
    public var ready: String
    /// `Running`, `Pending`, `ContainerCreating`, `CrashLoopBackOff`, `Init:0/1`, `Completed`, `Terminating`...
    public var status: String
    /// The restarts of the containers RESTARTS counts.
    public var restarts: Int
    /// The newest `lastState.terminated.finishedAt` among those containers, if any.
    public var lastRestart: Timestamp?
    /// `metadata.creationTimestamp`; nil when absent or unreadable (AGE `<unknown>`).
    public var created: Timestamp?
    /// The first of `status.podIPs`, else `status.podIP`; "" for none.
    public var ip: String
    /// `spec.nodeName`; "" for none.
    public var node: String
    /// `status.nominatedNodeName`; "" for none.
    public var nominatedNode: String
    /// `2/3`: readiness gates whose condition is True over gates; "" when the pod has none.
    public var readinessGates: String

    public init(ready: String, status: String, restarts: Int, lastRestart: Timestamp?, created: Timestamp?,
                ip: String, node: String, nominatedNode: String, readinessGates: String) {
        self.ready = ready; self.status = status; self.restarts = restarts; self.lastRestart = lastRestart
        self.created = created; self.ip = ip; self.node = node; self.nominatedNode = nominatedNode
        self.readinessGates = readinessGates
    }
}

/// A pod's place and row, as a pod table lists it.
public struct ListedPod: Sendable, Equatable {
    public var namespace: String
    public var name: String
    public var row: PodRow
    public init(namespace: String, name: String, row: PodRow) {
        self.namespace = namespace; self.name = name; self.row = row
    }
}
