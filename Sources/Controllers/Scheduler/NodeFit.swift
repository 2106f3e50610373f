import Model
import Admission

/// What one pod asks of a node: its resource requests, node selector and tolerations.
struct PodDemand: Equatable, Sendable {
    var cpu: Double = 0
    var memory: Double = 0

    /// The pod's effective requests: the sum over containers, at least the largest init container's.
    init(_ pod: JSONValue) {
        func requests(_ containers: [JSONValue]) -> [(Double, Double)] {
            containers.map { container in
                let requests = container[path: ["resources", "requests"]]
                return (Quantity(requests?["cpu"]?.stringValue ?? requests?["cpu"]?.intValue.map(String.init) ?? "")?.value ?? 0,
                        Quantity(requests?["memory"]?.stringValue ?? requests?["memory"]?.intValue.map(String.init) ?? "")?.value ?? 0)
            }
        }
        let regular = requests(pod[path: ["spec", "containers"]]?.arrayValue ?? [])
        let initial = requests(pod[path: ["spec", "initContainers"]]?.arrayValue ?? [])
        cpu = max(regular.reduce(0) { $0 + $1.0 }, initial.map(\.0).max() ?? 0)
        memory = max(regular.reduce(0) { $0 + $1.1 }, initial.map(\.1).max() ?? 0)
    }

    init(cpu: Double, memory: Double) { self.cpu = cpu; self.memory = memory }
}

/// A node as the scheduler sees it: what it offers and what bound pods already take.
struct NodeCapacity: Sendable {
    var name: String
    var labels: [String: String]
    var ready: Bool
    var unschedulable: Bool
    /// The taints that keep pods off (effect NoSchedule or NoExecute) unless tolerated.
    var schedulingTaints: [JSONValue]
    var cpu: Double
    var memory: Double
    var pods: Int

    init(_ node: JSONValue) {
        name = node.name
        labels = node.labels
        ready = (node[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True"
        }
        unschedulable = node[path: ["spec", "unschedulable"]]?.boolValue ?? false
        schedulingTaints = (node[path: ["spec", "taints"]]?.arrayValue ?? []).filter {
            ["NoSchedule", "NoExecute"].contains($0["effect"]?.stringValue ?? "")
        }
        let allocatable = node[path: ["status", "allocatable"]]
        cpu = Quantity(allocatable?["cpu"]?.stringValue ?? "0")?.value ?? 0
        memory = Quantity(allocatable?["memory"]?.stringValue ?? "0")?.value ?? 0
        pods = Int(Quantity(allocatable?["pods"]?.stringValue ?? "0")?.value ?? 0)
    }
}

/// The scheduler's filters, with upstream's per-node reasons.
enum NodeFit {
    /// Why the pod does not fit the node, or nil when it fits. `used` is what bound pods take there.
    static func reasons(pod: JSONValue, demand: PodDemand, node: NodeCapacity, used: (cpu: Double, memory: Double, pods: Int))
        -> [String] {
        reasons(demand: demand, node: node, selector: JSONValue.stringMap(pod[path: ["spec", "nodeSelector"]]),
                tolerations: pod[path: ["spec", "tolerations"]]?.arrayValue ?? [], used: used)
    }

    /// `reasons` with the pod's node selector and tolerations read once by the caller.
    static func reasons(demand: PodDemand, node: NodeCapacity, selector: [String: String], tolerations: [JSONValue],
                        used: (cpu: Double, memory: Double, pods: Int)) -> [String] {
        if node.unschedulable { return ["node(s) were unschedulable"] }
        if !node.ready {
            // A NotReady node carries the not-ready/unreachable taints; report them as upstream does.
            return ["node(s) had untolerated taint {node.kubernetes.io/not-ready: }"]
        }
        for taint in node.schedulingTaints {
            if !tolerations.contains(where: { tolerates($0, taint) }) {
                let key = taint["key"]?.stringValue ?? ""
                let value = taint["value"]?.stringValue ?? ""
                return ["node(s) had untolerated taint {\(key): \(value)}"]
            }
        }
        if selector.contains(where: { node.labels[$0.key] != $0.value }) {
            return ["node(s) didn't match Pod's node affinity/selector"]
        }
        var reasons: [String] = []
        if used.pods + 1 > node.pods { reasons.append("Too many pods") }
        if demand.cpu > 0, used.cpu + demand.cpu > node.cpu + 1e-9 { reasons.append("Insufficient cpu") }
        if demand.memory > 0, used.memory + demand.memory > node.memory { reasons.append("Insufficient memory") }
        return reasons
    }

    /// Whether the pod's requests fit in what a node with `cpu`, `memory` and `pods` allocatable has left
    /// after `used` (the resource half of `reasons`, without building them).
    static func hasRoom(for demand: PodDemand, cpu: Double, memory: Double, pods: Int,
                        used: (cpu: Double, memory: Double, pods: Int)) -> Bool {
        used.pods + 1 <= pods
            && !(demand.cpu > 0 && used.cpu + demand.cpu > cpu + 1e-9)
            && !(demand.memory > 0 && used.memory + demand.memory > memory)
    }

    /// Whether the node's labels match the pod's node selector and the pod tolerates its scheduling
    /// taints (the label and taint half of `reasons`, without building them).
    static func matches(node: NodeCapacity, selector: [String: String], tolerations: [JSONValue]) -> Bool {
        for (key, value) in selector where node.labels[key] != value { return false }
        for taint in node.schedulingTaints where !tolerations.contains(where: { tolerates($0, taint) }) { return false }
        return true
    }

    /// Whether a toleration tolerates a taint (key, operator Exists/Equal, value, effect).
    static func tolerates(_ toleration: JSONValue, _ taint: JSONValue) -> Bool { Tolerations.tolerates(toleration, taint) }

    /// Upstream's FitError text: `0/3 nodes are available: 3 Insufficient cpu. preemption: ...`.
    static func message(nodeCount: Int, reasons: [String]) -> String {
        if nodeCount == 0 { return "no nodes available to schedule pods" }
        var histogram: [String: Int] = [:]
        for reason in reasons { histogram[reason, default: 0] += 1 }
        let parts = histogram.map { "\($0.value) \($0.key)" }.sorted()
        return "0/\(nodeCount) nodes are available: \(parts.joined(separator: ", ")). preemption: 0/\(nodeCount) nodes are available: \(nodeCount) Preemption is not helpful for scheduling."
    }
}
