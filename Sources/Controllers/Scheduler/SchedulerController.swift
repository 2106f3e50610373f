import Synchronization
import Model
import Store

/// The default scheduler: binds pending pods (`schedulerName: default-scheduler`, no `nodeName`) to ready
/// nodes that fit their node selector, taints and resource requests (cpu, memory, pod count), choosing the
/// least allocated node (ties by name). A pod that fits nowhere gets PodScheduled False/Unschedulable with
/// upstream's message and a FailedScheduling event, and is retried when nodes or pods change.
public final class SchedulerController: Reconciler {
    public static let name = "default-scheduler"
    public var name: String { Self.name }

    /// What bound, non-terminal pods take on each node, kept up to date from the changes the engine
    /// hands over (set semantics per pod, so seeing a change twice is harmless).
    private struct Usage {
        var byPod: [String: (node: String, demand: PodDemand)] = [:]
        var byNode: [String: (cpu: Double, memory: Double, pods: Int)] = [:]
        /// Pods that were tried and fit nowhere (PodScheduled False): freed room or a node change wakes
        /// them; pods not yet tried are queued by their own creation.
        var unschedulable: Set<ObjectKey> = []
        /// Every node by name, and the names in order.
        var nodes: [String: NodeCapacity] = [:]
        var nodeNames: [String] = []
        var loaded = false

        mutating func observeNode(_ node: JSONValue, removed: Bool) {
            let existed = nodes[node.name] != nil
            nodes[node.name] = removed ? nil : NodeCapacity(node)
            if existed == removed { nodeNames = nodes.keys.sorted() }
        }

        mutating func observe(_ pod: JSONValue, removed: Bool) {
            let key = SchedulerController.podKey(pod)
            set(key, node: SchedulerController.occupiedNode(pod, removed: removed), demand: PodDemand(pod))
            let podKey = ObjectKey(of: pod, kind: .pod)
            if !removed, SchedulerController.isPending(pod), SchedulerController.wasUnschedulable(pod) {
                unschedulable.insert(podKey)
            } else {
                unschedulable.remove(podKey)
            }
        }

        mutating func set(_ podKey: String, node: String?, demand: PodDemand) {
            if let old = byPod.removeValue(forKey: podKey) {
                byNode[old.node, default: (0, 0, 0)].cpu -= old.demand.cpu
                byNode[old.node, default: (0, 0, 0)].memory -= old.demand.memory
                byNode[old.node, default: (0, 0, 0)].pods -= 1
            }
            guard let node else { return }
            byPod[podKey] = (node, demand)
            byNode[node, default: (0, 0, 0)].cpu += demand.cpu
            byNode[node, default: (0, 0, 0)].memory += demand.memory
            byNode[node, default: (0, 0, 0)].pods += 1
        }
    }

    private let usage = Mutex(Usage())

    public init() {}

    static func podKey(_ pod: JSONValue) -> String { "\(pod.namespace)/\(pod.name)" }

    /// A bound pod that still occupies its node (not Succeeded or Failed).
    static func occupiedNode(_ pod: JSONValue, removed: Bool) -> String? {
        guard !removed, let node = pod[path: ["spec", "nodeName"]]?.stringValue, !node.isEmpty else { return nil }
        let phase = pod[path: ["status", "phase"]]?.stringValue
        return phase == "Succeeded" || phase == "Failed" ? nil : node
    }

    static func isPending(_ pod: JSONValue) -> Bool {
        (pod[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty && pod.deletionTimestamp == nil
            && (pod[path: ["spec", "schedulerName"]]?.stringValue ?? "default-scheduler") == name
    }

    public func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        switch change.kind {
        case .pod:
            try loadUsage(client)
            let pod = change.object
            let wasOccupying = usage.withLock { $0.byPod[Self.podKey(pod)] != nil }
            usage.withLock { $0.observe(pod, removed: change.isDelete) }
            if !change.isDelete, Self.isPending(pod) { return [ObjectKey(of: pod, kind: .pod)] }
            // A pod leaving a node frees room: look at the waiting pods again.
            let occupying = Self.occupiedNode(pod, removed: change.isDelete) != nil
            return wasOccupying && !occupying ? pendingPods() : []
        case .node:
            try loadUsage(client)
            usage.withLock { $0.observeNode(change.object, removed: change.isDelete) }
            return pendingPods()
        default:
            return []
        }
    }

    /// The pods waiting because nothing fitted (unsorted: the engine orders its queue itself).
    private func pendingPods() -> [ObjectKey] {
        Array(usage.withLock { $0.unschedulable })
    }

    /// Whether the pod's last scheduling attempt failed (PodScheduled False).
    static func wasUnschedulable(_ pod: JSONValue) -> Bool {
        (pod[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == "PodScheduled" && $0["status"]?.stringValue == "False"
        }
    }

    private func loadUsage(_ client: any ObjectClient) throws {
        guard !usage.withLock({ $0.loaded }) else { return }
        let pods = try client.list(.pod)
        let nodes = try client.list(.node)
        usage.withLock { usage in
            for pod in pods { usage.observe(pod, removed: false) }
            for node in nodes { usage.observeNode(node, removed: false) }
            usage.loaded = true
        }
    }

    /// Where the search for feasible nodes starts: spread over the nodes by the pod's uid (FNV-1a).
    static func startIndex(for pod: JSONValue, nodeCount: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in pod.uid.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return Int(hash % UInt64(nodeCount))
    }

    /// Upstream's `numFeasibleNodesToFind` with the adaptive percentage: all nodes up to 100, else
    /// max(100, n × max(5, 50 − n/125) %).
    static func feasibleNodesToFind(_ count: Int) -> Int {
        guard count > 100 else { return count }
        let percentage = max(5, 50 - count / 125)
        return max(100, count * percentage / 100)
    }

    public func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard let pod = try client.get(.pod, key.namespace, key.name), Self.isPending(pod) else { return .done }
        try loadUsage(client)
        let demand = PodDemand(pod)
        let selector = JSONValue.stringMap(pod[path: ["spec", "nodeSelector"]])
        let tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
        var best: (name: String, score: Double)?
        var reasons: [String] = []
        let nodeCount = usage.withLock { usage -> Int in
            // Upstream looks at enough nodes to find a share of feasible ones (percentageOfNodesToScore),
            // starting where the previous cycle stopped, so large clusters are not scanned whole per pod.
            let names = usage.nodeNames
            guard !names.isEmpty else { return 0 }
            let wanted = Self.feasibleNodesToFind(names.count)
            var feasible = 0, visited = 0
            // Upstream starts where the previous cycle stopped; that position is process state, so here it
            // comes from the pod itself, which keeps a replay of the log exact.
            let start = Self.startIndex(for: pod, nodeCount: names.count)
            while visited < names.count, feasible < wanted {
                let node = usage.nodes[names[(start + visited) % names.count]]!
                visited += 1
                let taken = usage.byNode[node.name] ?? (0, 0, 0)
                guard NodeFit.fits(pod: pod, demand: demand, node: node, selector: selector, tolerations: tolerations,
                                   used: taken) else {
                    reasons += NodeFit.reasons(pod: pod, demand: demand, node: node, used: taken)
                    continue
                }
                feasible += 1
                // Least allocated: the mean of the cpu and memory fractions in use after placing the pod.
                let cpu = node.cpu > 0 ? (taken.cpu + demand.cpu) / node.cpu : 0
                let memory = node.memory > 0 ? (taken.memory + demand.memory) / node.memory : 0
                let podsFraction = node.pods > 0 ? Double(taken.pods + 1) / Double(node.pods) : 0
                let score = (cpu + memory) / 2 + podsFraction / 1000
                if best == nil || score < best!.score - 1e-12 || (abs(score - best!.score) <= 1e-12 && node.name < best!.name) {
                    best = (node.name, score)
                }
            }
            return names.count
        }
        if let best {
            let bound = try client.bind(pod, to: best.name)
            usage.withLock { $0.observe(bound, removed: false) }
            try client.recordEvent(about: pod, type: .normal, reason: "Scheduled",
                                   message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(best.name)")
            return .done
        }
        let message = NodeFit.message(nodeCount: nodeCount, reasons: reasons)
        let conditions = pod[path: ["status", "conditions"]]?.arrayValue ?? []
        let existing = conditions.first { $0["type"]?.stringValue == "PodScheduled" }
        if existing?["message"]?.stringValue != message || existing?["status"]?.stringValue != "False" {
            var updated = conditions.filter { $0["type"]?.stringValue != "PodScheduled" }
            updated.append(["type": "PodScheduled", "status": "False", "reason": "Unschedulable", "message": .string(message),
                            "lastProbeTime": nil, "lastTransitionTime": .string(client.now.rfc3339)])
            var status = pod["status"] ?? .emptyObject
            status["conditions"] = .array(updated)
            var next = pod
            next["status"] = status
            try client.updateStatus(next)
            try client.recordEvent(about: pod, type: .warning, reason: "FailedScheduling", message: message)
        }
        return .done
    }
}
