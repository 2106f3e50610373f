import Model
import Determinism

/// How a delete request asks for removal (kubectl's `--grace-period`, `--now`, `--cascade`).
public struct DeleteOptions: Sendable {
    /// What happens to the objects this one owns (kubectl's `--cascade`).
    public enum Propagation: String, Sendable {
        /// Remove the owner now; the garbage collector removes dependents afterwards (the default).
        case background = "Background"
        /// Keep the owner (with the `foregroundDeletion` finalizer) until its dependents are gone.
        case foreground = "Foreground"
        /// Keep the dependents, without their owner reference (`orphan` finalizer).
        case orphan = "Orphan"
    }
    public var propagation: Propagation = .background
    /// Seconds a pod gets to stop; nil uses the pod's `terminationGracePeriodSeconds`; 0 removes at once.
    public var gracePeriodSeconds: Int64?
    /// The object must still have this resourceVersion, else 409.
    public var resourceVersion: String?
    public init(gracePeriodSeconds: Int64? = nil, resourceVersion: String? = nil, propagation: Propagation = .background) {
        self.propagation = propagation
        self.gracePeriodSeconds = gracePeriodSeconds
        self.resourceVersion = resourceVersion
    }
}

extension Store {
    /// Deletes an object. A pod bound to a node, or an object with finalizers, is first marked
    /// (deletionTimestamp set, verb `terminate`) and removed later; everything else is removed at once.
    /// Deleting a namespace removes what it holds first. Returns the object's last state.
    @discardableResult
    public func delete(_ kind: ResourceKind, namespace: String, name: String, options: DeleteOptions = DeleteOptions(),
                       context: WriteContext = .user, dryRun: Bool = false) throws -> JSONValue {
        try write {
            let current = try get(kind, namespace: namespace, name: name)
            if let expected = options.resourceVersion, expected != current.resourceVersion {
                throw APIError.conflict(kind, name)
            }
            if dryRun { return current }
            var head = try head()
            var finalizers = current[path: ["metadata", "finalizers"]]?.arrayValue ?? []
            var withFinalizer = current
            let cascadeFinalizer: String? = options.propagation == .foreground ? "foregroundDeletion"
                : options.propagation == .orphan ? "orphan" : nil
            if let cascadeFinalizer, kind != .namespace, !finalizers.contains(.string(cascadeFinalizer)) {
                finalizers.append(.string(cascadeFinalizer))
                withFinalizer[path: ["metadata", "finalizers"]] = .array(finalizers)
            }
            var grace: Int64 = 0
            if kind == .pod, !(current[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty {
                grace = options.gracePeriodSeconds
                    ?? Int64(current[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30)
                if grace < 0 { grace = 0 }
            }
            if current.deletionTimestamp != nil, grace > 0 || !finalizers.isEmpty {
                // Already terminating: a shorter grace period may bring the removal forward, as upstream allows.
                return current
            }
            if grace > 0 || !finalizers.isEmpty {
                var marked = withFinalizer
                marked[path: ["metadata", "deletionTimestamp"]] = .string((head.time + grace).rfc3339)
                marked[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(Int(grace))
                if kind.tracksGenerationOnDelete { marked[path: ["metadata", "generation"]] = .int(current.generation + 1) }
                marked[path: ["metadata", "resourceVersion"]] = .string(String(head.seq + 1))
                try append(verb: .terminate, object: marked, kind: kind, namespace: current.namespace, name: name,
                           uid: current.uid, context: context, seq: head.seq + 1, time: head.time)
                return marked
            }
            if kind == .namespace {
                let cascade = WriteContext(actor: "namespace-controller", cause: head.seq + 1)
                var marked = current
                marked[path: ["metadata", "deletionTimestamp"]] = .string(head.time.rfc3339)
                marked[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(0)
                marked[path: ["status", "phase"]] = "Terminating"
                marked[path: ["metadata", "resourceVersion"]] = .string(String(head.seq + 1))
                try append(verb: .terminate, object: marked, kind: kind, namespace: "", name: name, uid: current.uid,
                           context: context, seq: head.seq + 1, time: head.time)
                for contained in ResourceKind.all where contained.namespaced {
                    for object in try list(contained, namespace: name) {
                        head = try self.head()
                        try append(verb: .delete, object: object, kind: contained, namespace: name, name: object.name,
                                   uid: object.uid, context: cascade, seq: head.seq + 1, time: head.time)
                    }
                }
                head = try self.head()
                try append(verb: .delete, object: marked, kind: kind, namespace: "", name: name, uid: current.uid,
                           context: cascade, seq: head.seq + 1, time: head.time)
                return marked
            }
            try append(verb: .delete, object: current, kind: kind, namespace: current.namespace, name: name,
                       uid: current.uid, context: context, seq: head.seq + 1, time: head.time)
            return current
        }
    }
}

extension ResourceKind {
    /// Workloads whose generation the API server bumps when deletion starts.
    var tracksGenerationOnDelete: Bool { self == .deployment || self == .replicaSet || self == .statefulSet }
}
