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
        var byNode: [String: Taken] = [:]
        /// Pods that were tried and fit nowhere (PodScheduled False): freed room or a node change wakes
        /// them; pods not yet tried are queued by their own creation.
        var unschedulable: Set<ObjectKey> = []
        /// Whether every waiting pod was handed out since the scheduler last ran: the engine still holds
        /// them, so a thousand pods leaving in one round wake them once, not a thousand times.
        var allWoken = false
        /// Pods that started waiting after that hand-out; the next wake hands out just these.
        var waitingSinceWake: Set<ObjectKey> = []
        /// The nodes in name order, each node's place there, and what is taken on each, for scanning
        /// without hashing names.
        var ordered: [NodeCapacity] = []
        var position: [String: Int] = [:]
        var room: [NodeRoom] = []
        var loaded = false

        /// Takes in node changes, reordering once for nodes added or removed (a changed one keeps its place).
        mutating func observeNodes(_ list: [JSONValue], removed: Bool = false) {
            var reorder = false
            for node in list {
                if let index = position[node.name] {
                    if removed {
                        ordered.remove(at: index)
                        position[node.name] = nil
                        reorder = true
                    } else {
                        ordered[index] = NodeCapacity(node)
                        if index < room.count { room[index] = NodeRoom(ordered[index], taken: room[index].taken) }
                    }
                } else if !removed {
                    ordered.append(NodeCapacity(node))
                    position[node.name] = ordered.count - 1
                    reorder = true
                }
            }
            guard reorder else { return }
            ordered.sort { $0.name < $1.name }
            position = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.name, $0) })
            room = ordered.map { NodeRoom($0, taken: byNode[$0.name] ?? Taken()) }
        }

        mutating func observe(_ pod: JSONValue, removed: Bool) {
            let key = SchedulerController.podKey(pod)
            set(key, node: SchedulerController.occupiedNode(pod, removed: removed), demand: PodDemand(pod))
            let podKey = ObjectKey(of: pod, kind: .pod)
            if !removed, SchedulerController.isPending(pod), SchedulerController.wasUnschedulable(pod) {
                if unschedulable.insert(podKey).inserted, allWoken { waitingSinceWake.insert(podKey) }
            } else {
                unschedulable.remove(podKey)
                waitingSinceWake.remove(podKey)
            }
        }

        mutating func set(_ podKey: String, node: String?, demand: PodDemand) {
            if let old = byPod.removeValue(forKey: podKey) { add(demand: old.demand, to: old.node, sign: -1) }
            guard let node else { return }
            byPod[podKey] = (node, demand)
            add(demand: demand, to: node, sign: 1)
        }

        private mutating func add(demand: PodDemand, to node: String, sign: Double) {
            var taken = byNode[node] ?? Taken()
            taken.cpu += sign * demand.cpu
            taken.memory += sign * demand.memory
            taken.pods += Int(sign)
            byNode[node] = taken
            if let index = position[node] { room[index].taken = taken }
        }
    }

    /// What bound pods take on a node.
    struct Taken: Sendable {
        var cpu: Double = 0
        var memory: Double = 0
        var pods = 0
    }

    /// A node's capacity and what is taken there, in plain values: the scheduler's inner loop.
    struct NodeRoom: Sendable {
        var cpu: Double
        var memory: Double
        var pods: Int
        var schedulable: Bool
        /// Whether labels or taints need a look (a selector on the pod, or a scheduling taint here).
        var hasTaints: Bool
        var taken: Taken

        init(_ node: NodeCapacity, taken: Taken) {
            cpu = node.cpu; memory = node.memory; pods = node.pods
            schedulable = node.ready && !node.unschedulable
            hasTaints = !node.schedulingTaints.isEmpty
            self.taken = taken
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

    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool { kind == .pod || kind == .node }

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
            usage.withLock { $0.observeNodes([change.object], removed: change.isDelete) }
            return pendingPods()
        default:
            return []
        }
    }

    /// The pods waiting because nothing fitted (unsorted: the engine orders its queue itself).
    private func pendingPods() -> [ObjectKey] {
        usage.withLock { usage in
            if usage.allWoken {
                defer { usage.waitingSinceWake = [] }
                return Array(usage.waitingSinceWake)
            }
            usage.allWoken = true
            usage.waitingSinceWake = []
            return Array(usage.unschedulable)
        }
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
            usage.observeNodes(nodes)
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
        // The engine is working through its queue: the next wake hands every waiting pod out again.
        usage.withLock { $0.allWoken = false }
        guard let pod = try client.get(.pod, key.namespace, key.name), Self.isPending(pod) else { return .done }
        try loadUsage(client)
        let demand = PodDemand(pod)
        let selector = JSONValue.stringMap(pod[path: ["spec", "nodeSelector"]])
        let tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
        var best: (index: Int, score: Double)?
        var reasons: [String] = []
        let nodeCount = usage.withLock { usage -> Int in
            // Upstream looks at enough nodes to find a share of feasible ones (percentageOfNodesToScore),
            // starting where the previous cycle stopped, so large clusters are not scanned whole per pod.
            let count = usage.ordered.count
            guard count > 0 else { return 0 }
            let wanted = Self.feasibleNodesToFind(count)
            var feasible = 0, visited = 0
            // Upstream starts where the previous cycle stopped; that position is process state, so here it
            // comes from the pod itself, which keeps a replay of the log exact.
            let start = Self.startIndex(for: pod, nodeCount: count)
            let needsLabels = !selector.isEmpty
            while visited < count, feasible < wanted {
                let index = (start + visited) % count
                visited += 1
                let room = usage.room[index]
                let taken = room.taken
                let used = (taken.cpu, taken.memory, taken.pods)
                var fits = room.schedulable
                    && NodeFit.hasRoom(for: demand, cpu: room.cpu, memory: room.memory, pods: room.pods, used: used)
                if fits, needsLabels || room.hasTaints {
                    fits = NodeFit.matches(node: usage.ordered[index], selector: selector, tolerations: tolerations)
                }
                guard fits else {
                    reasons += NodeFit.reasons(demand: demand, node: usage.ordered[index], selector: selector,
                                               tolerations: tolerations, used: used)
                    continue
                }
                feasible += 1
                // Least allocated: the mean of the cpu and memory fractions in use after placing the pod.
                let cpu = room.cpu > 0 ? (taken.cpu + demand.cpu) / room.cpu : 0
                let memory = room.memory > 0 ? (taken.memory + demand.memory) / room.memory : 0
                let podsFraction = room.pods > 0 ? Double(taken.pods + 1) / Double(room.pods) : 0
                let score = (cpu + memory) / 2 + podsFraction / 1000
                if best == nil || score < best!.score - 1e-12 {
                    best = (index, score)
                } else if abs(score - best!.score) <= 1e-12, index < best!.index {
                    best = (index, score)
                }
            }
            return count
        }
        if let best {
            let nodeName = usage.withLock { $0.ordered[best.index].name }
            let bound = try client.bind(pod, to: nodeName)
            usage.withLock { $0.observe(bound, removed: false) }
            try client.recordEvent(about: pod, type: .normal, reason: "Scheduled",
                                   message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(nodeName)")
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
