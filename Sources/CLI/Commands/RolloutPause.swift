import Model
import Store

/// `rollout pause`, `resume` and `restart`: kubectl's object pauser, resumer and restarter, each one
/// strategic merge patch.
enum RolloutPause {
    /// `{"spec":{"paused":true}}`; only Deployments can be paused.
    static func pause(_ target: RolloutTarget, store: Store, namespace: String, context: WriteContext) throws -> String {
        guard target.kind == .deployment else { throw RolloutError("\(target.quoted) pausing is not supported") }
        let deployment = try store.get(.deployment, namespace: namespace, name: target.name)
        if deployment[path: ["spec", "paused"]]?.boolValue == true { throw RolloutError("\(target.quoted) is already paused") }
        _ = try store.patch(.deployment, namespace: namespace, name: target.name, patch: ["spec": ["paused": true]],
                            type: .strategic, context: context)
        return "\(target.nameLine) paused\n"
    }

    /// `{"spec":{"paused":null}}`; a Deployment that is not paused is an error.
    static func resume(_ target: RolloutTarget, store: Store, namespace: String, context: WriteContext) throws -> String {
        guard target.kind == .deployment else { throw RolloutError("\(target.quoted) resuming is not supported") }
        let deployment = try store.get(.deployment, namespace: namespace, name: target.name)
        if deployment[path: ["spec", "paused"]]?.boolValue != true { throw RolloutError("\(target.quoted) is not paused") }
        _ = try store.patch(.deployment, namespace: namespace, name: target.name, patch: ["spec": ["paused": nil]],
                            type: .strategic, context: context)
        return "\(target.nameLine) resumed\n"
    }

    /// Sets the template annotation `kubectl.kubernetes.io/restartedAt` to the simulated now, which makes a
    /// new template and so a new rollout. Deployments (not while paused) and StatefulSets.
    static func restart(_ target: RolloutTarget, store: Store, namespace: String, context: WriteContext) throws -> String {
        guard target.kind == .deployment || target.kind == .statefulSet else {
            throw RolloutError("\(target.quoted) restarting is not supported")
        }
        let object = try store.get(target.kind, namespace: namespace, name: target.name)
        if target.kind == .deployment, object[path: ["spec", "paused"]]?.boolValue == true {
            throw RolloutError("can't restart paused deployment (run rollout resume first)")
        }
        let now = try store.now().rfc3339
        let patch: JSONValue = ["spec": ["template": ["metadata": ["annotations": [
            "kubectl.kubernetes.io/restartedAt": .string(now)]]]]]
        _ = try store.patch(target.kind, namespace: namespace, name: target.name, patch: patch, type: .strategic,
                            context: context)
        return "\(target.nameLine) restarted\n"
    }
}
