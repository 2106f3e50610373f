import Model
import Controllers

/// A test-only stand-in for the ReplicaSet controller with the spec's "instant readiness": every
/// ReplicaSet's status converges to its spec at once. Pods of an image listed in the ConfigMap
/// `fake-readiness` (data: image with `:` and `/` as `_` → how many replicas stay unready, `all` for every one) never become
/// Ready; changing that ConfigMap re-converges the ReplicaSets of its namespace.
struct InstantReplicaSetFake: Reconciler {
    static let configMapName = "fake-readiness"
    var name: String { "fake-replicaset-controller" }

    /// The ConfigMap key for an image (`:` and `/` are not allowed in keys).
    static func key(_ image: String) -> String {
        String(image.map { $0 == ":" || $0 == "/" ? "_" : $0 })
    }

    func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        switch change.kind {
        case .replicaSet where !change.isDelete:
            return [ObjectKey(of: change.object, kind: .replicaSet)]
        case .configMap where change.object.name == Self.configMapName:
            return try client.list(.replicaSet, namespace: change.object.namespace).map { ObjectKey(of: $0, kind: .replicaSet) }
        default:
            return []
        }
    }

    func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard var rs = try client.get(.replicaSet, key.namespace, key.name) else { return .done }
        let spec = rs[path: ["spec", "replicas"]]?.intValue ?? 0
        let image = rs[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue ?? ""
        let readiness = try client.get(.configMap, key.namespace, Self.configMapName)
        let setting = readiness?[path: ["data", Self.key(image)]]?.stringValue
        let unready = setting == "all" ? spec : min(spec, Int(setting ?? "0") ?? 0)
        var status: JSONValue = .emptyObject
        func put(_ field: String, _ value: Int) { if value != 0 { status[field] = .int(value) } }
        put("replicas", spec)
        put("fullyLabeledReplicas", spec)
        put("readyReplicas", spec - unready)
        put("availableReplicas", spec - unready)
        put("observedGeneration", rs.generation)
        guard rs["status"] != status else { return .done }
        rs["status"] = status
        try client.updateStatus(rs)
        return .done
    }
}
