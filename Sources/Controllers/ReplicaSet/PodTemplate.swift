import Model

/// The pod a ReplicaSet creates from its template (upstream's `GetPodFromTemplate` and `getPodsPrefix`).
public enum PodTemplate {
    /// Upstream's error for a template without labels: such pods could never be matched again.
    public static let noLabelsMessage = "unable to create pods, no labels"

    /// The controller owner reference a ReplicaSet puts on its pods (`metav1.NewControllerRef`).
    public static func controllerReference(to replicaSet: JSONValue) -> JSONValue {
        [
            "apiVersion": .string(ResourceKind.replicaSet.apiVersion),
            "kind": .string(ResourceKind.replicaSet.kind),
            "name": .string(replicaSet.name),
            "uid": .string(replicaSet.uid),
            "controller": true,
            "blockOwnerDeletion": true,
        ]
    }

    /// `<name>-`, or the bare name when `<name>-` would be too long for a name (253 characters); the API
    /// server then cuts the prefix to 58 characters and appends 5 random ones.
    public static func generateNamePrefix(for ownerName: String) -> String {
        ownerName.count + 1 > 253 ? ownerName : ownerName + "-"
    }

    /// The pod to create for `replicaSet`: the template's labels, annotations, finalizers and spec, a
    /// `generateName` from the ReplicaSet's name and a controller reference to it.
    public static func pod(for replicaSet: JSONValue) -> JSONValue {
        let template = replicaSet[path: ["spec", "template"]] ?? .emptyObject
        var metadata: JSONObject = [
            "generateName": .string(generateNamePrefix(for: replicaSet.name)),
            "namespace": .string(replicaSet.namespace),
            "ownerReferences": [controllerReference(to: replicaSet)],
        ]
        for field in ["labels", "annotations", "finalizers"] {
            if let value = template[path: ["metadata", field]], !isEmpty(value) { metadata[field] = value }
        }
        return [
            "apiVersion": "v1",
            "kind": "Pod",
            "metadata": .object(metadata),
            "spec": template["spec"] ?? .emptyObject,
        ]
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return true
        case .object(let o): return o.isEmpty
        case .array(let a): return a.isEmpty
        default: return false
        }
    }
}
