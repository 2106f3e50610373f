import Model
import Determinism
import Store

/// The simulated kubelet of every node. For each pod bound to a node (`spec.nodeName`) it plays the
/// container lifecycle from the behaviour table (`ContainerStage.table`): acceptance (startTime, hostIP,
/// pod IP from the node's pod CIDR), image pull, start, readiness probes, exits and restarts with
/// CrashLoopBackOff, image pull back-off, startup/liveness/readiness probes (with injected failures:
/// `Unhealthy`, then a kill and restart), `postStart` and `preStop` hooks, and graceful deletion. It
/// records the kubelet's Events (`Pulling`, `Pulled`, `Created`, `Started`, `BackOff`, `Failed`,
/// `Killing`, `Unhealthy`, `FailedPostStartHook`, `FailedPreStopHook`). Pods on a node whose
/// kubelet is down (`sim.logbook.dev/kubelet: down`) are left alone; when it comes back it posts the
/// node Ready again and catches its pods up.
public struct KubeletController: Reconciler {
    public static let name = "kubelet"
    public var name: String { Self.name }

    public init() {}

    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool { kind == .pod || kind == .node }

    public func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        // Its own status writes (a pod's, or a node's Ready and images) are what it planned for that
        // instant: a second look at the same instant plans nothing new (the stages run until none is
        // due), and later steps are timers.
        if change.verb == .status, change.actor == name { return [] }
        switch change.kind {
        case .pod:
            guard !change.isDelete, !(change.object[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty else { return [] }
            return [ObjectKey(of: change.object, kind: .pod)]
        case .node:
            guard !change.isDelete, !NodeHealth.kubeletDown(change.object) else { return [] }
            let pods = try client.pods(onNode: change.object.name)
            return [ObjectKey(of: change.object, kind: .node)] + pods.map { ObjectKey(of: $0, kind: .pod) }
        default:
            return []
        }
    }

    public func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        switch key.kind {
        case .node: return try reconcileNode(key.name, client: client)
        case .pod: return try reconcilePod(key, client: client)
        default: return .done
        }
    }

    /// A kubelet that is back posts its node Ready again.
    func reconcileNode(_ name: String, client: any ObjectClient) throws -> Requeue {
        guard let node = try client.get(.node, "", name), !NodeHealth.kubeletDown(node),
              NodeHealth.readyStatus(node) != "True" else { return .done }
        var updated = node
        updated[path: ["status", "conditions"]] = .array(NodeHealth.healthyConditions(old: NodeHealth.conditions(node), now: client.now))
        let written = try client.updateStatus(updated)
        try client.recordEvent(about: written, type: .normal, reason: "NodeReady", message: "Node \(name) status is now: NodeReady")
        return .done
    }

    func reconcilePod(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard let pod = try client.get(.pod, key.namespace, key.name),
              let nodeName = pod[path: ["spec", "nodeName"]]?.stringValue, !nodeName.isEmpty,
              let node = try client.get(.node, "", nodeName), !NodeHealth.kubeletDown(node) else { return .done }
        let environment = PodSimulation.Environment(
            now: client.now, node: node,
            allocatePodIP: {
                let used = Set((try? client.podIPsInUse(onNode: nodeName, excluding: pod.uid)) ?? [])
                return PodAddresses.allocate(in: node[path: ["spec", "podCIDR"]]?.stringValue ?? "", used: used)
            },
            imagePresentOnNode: { NodeImages.present($0, on: node) },
            newContainerID: {
                "containerd://" + (0..<4).map { _ in ImageReference.hex16(client.random()) }.joined()
            },
            lastRecorded: { event in try? EventLookup.lastTimestamp(event, about: pod, client: client) })
        let plan = PodSimulation.plan(pod, environment)
        var current = pod
        for stop in plan.stopping {
            guard let key = stop.events.first, try EventLookup.lastTimestamp(key, about: pod, client: client) == nil else { continue }
            for event in stop.events {
                try client.recordEvent(about: pod, type: event.type, reason: event.reason, message: event.message)
            }
        }
        if let status = plan.status {
            current["status"] = status
            current = try client.updateStatus(current)
            try NodeImages.record(pulledBy: current, on: nodeName, client: client)
        }
        for event in plan.events {
            try client.recordEvent(about: current, type: event.type, reason: event.reason, message: event.message)
        }
        if plan.remove {
            try client.delete(.pod, key.namespace, key.name, gracePeriodSeconds: 0)
            return .done
        }
        if let next = plan.next { return .after(max(next - client.now, 1)) }
        return .done
    }
}

/// The images a node holds, kept in `node.status.images` as the real kubelet reports them: an image is
/// "already present on machine" once any pod on that node pulled it.
enum NodeImages {
    static func names(_ node: JSONValue) -> Set<String> {
        Set((node[path: ["status", "images"]]?.arrayValue ?? []).flatMap { ($0["names"]?.arrayValue ?? []).compactMap(\.stringValue) })
    }

    static func present(_ image: String, on node: JSONValue) -> Bool {
        names(node).contains(ImageReference.qualified(image))
    }

    /// Adds the images `pod`'s containers pulled to its node's status, if new there.
    static func record(pulledBy pod: JSONValue, on nodeName: String, client: any ObjectClient) throws {
        let pulled = ((pod[path: ["status", "containerStatuses"]]?.arrayValue ?? [])
            + (pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []))
            .filter { !($0["imageID"]?.stringValue ?? "").isEmpty }
        guard !pulled.isEmpty, var node = try client.get(.node, "", nodeName) else { return }
        var known = names(node)
        var images = node[path: ["status", "images"]]?.arrayValue ?? []
        for status in pulled {
            guard let image = status["image"]?.stringValue, !known.contains(image) else { continue }
            known.insert(image)
            var names: [JSONValue] = [.string(image)]
            if let id = status["imageID"]?.stringValue { names.insert(.string(id), at: 0) }
            images.append(["names": .array(names), "sizeBytes": 0])
        }
        guard images.count != (node[path: ["status", "images"]]?.arrayValue ?? []).count else { return }
        node[path: ["status", "images"]] = .array(images)
        try client.updateStatus(node)
    }
}

/// Finds Events the kubelet already recorded, so a one-off Event (`Killing`) is not counted twice when it
/// looks at a pod again, and so it knows which failing probes it reported. The name scheme is the
/// store's: `<object>.<FNV-1a of uid|type|reason|message>`.
enum EventLookup {
    /// The Event's `lastTimestamp`, or nil when it was never recorded.
    static func lastTimestamp(_ event: KubeletEvent, about object: JSONValue, client: any ObjectClient) throws -> Timestamp? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(object.uid)|\(event.type.rawValue)|\(event.reason)|\(event.message)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let namespace = object.namespace.isEmpty ? "default" : object.namespace
        guard let recorded = try client.get(.event, namespace, "\(object.name).\(ImageReference.hex16(hash))") else { return nil }
        return recorded["lastTimestamp"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? Timestamp(seconds: 0)
    }
}
