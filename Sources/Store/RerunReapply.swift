import Model
import Determinism

extension Store {
    /// Metadata the API server sets on a write; a re-run sends the recorded object without it.
    static let serverSetMetadata = ["uid", "resourceVersion", "creationTimestamp", "generation", "managedFields",
                                    "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"]

    /// Sends a person's recorded request again, as the same kind of API call, for `replay --rerun`:
    /// create → `create` of the recorded object without server-set metadata; update, patch, status →
    /// the recorded object as the full desired state (same verb, resourceVersion cleared); terminate,
    /// delete → `delete` with the grace period and cascade the recorded object shows; bind → `bind`.
    /// `init` and `advance` are not requests (the caller creates the database and moves the clock).
    public func reapply(_ event: LogEvent) throws {
        let context = WriteContext(actor: event.actor, cause: event.cause)
        guard event.verb.isObjectChange else {
            throw StoreError("event \(event.seq) (\(event.verb.rawValue)) is not an object request")
        }
        guard let kind = ResourceKind.named(event.kind), let text = event.object else {
            throw StoreError("event \(event.seq) names no known kind and object")
        }
        var recorded = try JSONValue.parse(text)
        switch event.verb {
        case .create:
            var meta = recorded.metadata
            for key in Store.serverSetMetadata { meta[key] = nil }
            recorded["metadata"] = meta
            _ = try create(recorded, namespace: event.namespace, context: context)
        case .update, .patch, .status:
            recorded[path: ["metadata", "resourceVersion"]] = nil
            recorded[path: ["metadata", "uid"]] = nil
            try write {
                let current = try get(kind, namespace: event.namespace, name: event.name)
                _ = try commit(recorded, over: current, kind: kind, verb: event.verb,
                               subresource: event.verb == .status ? .status : .main, context: context, dryRun: false)
            }
        case .terminate, .delete:
            var options = DeleteOptions()
            if event.verb == .delete {
                options.gracePeriodSeconds = 0
            } else {
                options.gracePeriodSeconds = recorded[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue.map(Int64.init)
                let current = try get(kind, namespace: event.namespace, name: event.name)
                let before = current[path: ["metadata", "finalizers"]]?.arrayValue ?? []
                let after = recorded[path: ["metadata", "finalizers"]]?.arrayValue ?? []
                if after.contains("foregroundDeletion"), !before.contains("foregroundDeletion") { options.propagation = .foreground }
                if after.contains("orphan"), !before.contains("orphan") { options.propagation = .orphan }
            }
            try delete(kind, namespace: event.namespace, name: event.name, options: options, context: context)
        case .bind:
            try bind(podNamespace: event.namespace, pod: event.name,
                     to: recorded[path: ["spec", "nodeName"]]?.stringValue ?? "", context: context)
        case .`init`, .advance:
            break
        }
    }
}
