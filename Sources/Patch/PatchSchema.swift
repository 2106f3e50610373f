/// The strategic-merge metadata of one field, mirroring the `patchStrategy` and `patchMergeKey` struct tags of
/// k8s.io/api.
struct PatchField: Sendable {
    /// The `patchStrategy` besides `retainKeys`: none (lists are replaced, maps merged), `merge`, `replace`.
    enum Strategy: Sendable { case none, merge, replace }

    var strategy: Strategy = .none
    /// `patchStrategy:"...,retainKeys"`: the patch lists the keys to keep (`$retainKeys`).
    var retainKeys = false
    /// `patchMergeKey`; empty for primitive merge lists.
    var mergeKey = ""
    /// The schema type of the value, or of each element for lists; `nil` for types without tagged fields.
    var type: String?

    /// A field with no patch tags.
    static let plain = PatchField()

    /// A struct-typed field with no patch tags of its own.
    static func of(_ type: String) -> PatchField { PatchField(type: type) }

    /// A list merged by `key` (`patchStrategy:"merge" patchMergeKey:"key"`).
    static func merge(by key: String, _ type: String? = nil, retainKeys: Bool = false) -> PatchField {
        PatchField(strategy: .merge, retainKeys: retainKeys, mergeKey: key, type: type)
    }

    /// A list of primitives merged as a set (`patchStrategy:"merge"` without a merge key).
    static let mergePrimitives = PatchField(strategy: .merge)

    /// A struct whose absent keys are cleared (`patchStrategy:"retainKeys"`).
    static func retainingKeys(_ type: String? = nil) -> PatchField { PatchField(retainKeys: true, type: type) }
}

/// The patch strategies of the kinds Logbook serves, as a small type tree (type name → field → metadata).
/// Fields not listed have no tags: their lists are replaced whole and their maps merged key by key.
enum PatchSchema {
    /// The field `name` of `type`; `.plain` when unknown.
    static func field(_ name: String, in type: String?) -> PatchField {
        guard let type, let fields = types[type], let field = fields[name] else { return .plain }
        return field
    }

    /// The root type for a Kind name (`Deployment`); `nil` for kinds without tagged fields.
    static func rootType(forKind kind: String) -> String? { types[kind] == nil ? nil : kind }

    static let types: [String: [String: PatchField]] = [
        // Shared building blocks.
        "ObjectMeta": [
            "finalizers": .mergePrimitives,
            "ownerReferences": .merge(by: "uid"),
        ],
        "PodTemplateSpec": ["metadata": .of("ObjectMeta"), "spec": .of("PodSpec")],
        "PodSpec": [
            "volumes": .merge(by: "name", retainKeys: true),
            "initContainers": .merge(by: "name", "Container"),
            "containers": .merge(by: "name", "Container"),
            "ephemeralContainers": .merge(by: "name", "Container"),
            "imagePullSecrets": .merge(by: "name"),
            "hostAliases": .merge(by: "ip"),
            "topologySpreadConstraints": .merge(by: "topologyKey"),
            "resourceClaims": .merge(by: "name", retainKeys: true),
            "schedulingGates": .merge(by: "name"),
        ],
        "Container": [
            "ports": .merge(by: "containerPort"),
            "env": .merge(by: "name"),
            "volumeMounts": .merge(by: "mountPath"),
            "volumeDevices": .merge(by: "devicePath"),
        ],
        "PodStatus": [
            "conditions": .merge(by: "type"),
            "podIPs": .merge(by: "ip"),
            "hostIPs": .merge(by: "ip"),
            "resourceClaimStatuses": .merge(by: "name", retainKeys: true),
        ],
        "ConditionsStatus": ["conditions": .merge(by: "type")],

        // Kinds.
        "Pod": ["metadata": .of("ObjectMeta"), "spec": .of("PodSpec"), "status": .of("PodStatus")],
        "Deployment": ["metadata": .of("ObjectMeta"), "spec": .of("DeploymentSpec"), "status": .of("ConditionsStatus")],
        "DeploymentSpec": ["template": .of("PodTemplateSpec"), "strategy": .retainingKeys()],
        "ReplicaSet": ["metadata": .of("ObjectMeta"), "spec": .of("ReplicaSetSpec"), "status": .of("ConditionsStatus")],
        "ReplicaSetSpec": ["template": .of("PodTemplateSpec")],
        "StatefulSet": ["metadata": .of("ObjectMeta"), "spec": .of("StatefulSetSpec"), "status": .of("ConditionsStatus")],
        // volumeClaimTemplates carries no tags: the list is replaced whole.
        "StatefulSetSpec": ["template": .of("PodTemplateSpec")],
        "Service": ["metadata": .of("ObjectMeta"), "spec": .of("ServiceSpec"), "status": .of("ConditionsStatus")],
        "ServiceSpec": ["ports": .merge(by: "port")],
        // NodeSpec.taints has no patch tags upstream (atomic list): it is replaced whole.
        "Node": ["metadata": .of("ObjectMeta"), "spec": .of("NodeSpec"), "status": .of("NodeStatus")],
        "NodeSpec": ["podCIDRs": .mergePrimitives],
        "NodeStatus": ["conditions": .merge(by: "type"), "addresses": .merge(by: "type")],
        "PersistentVolume": ["metadata": .of("ObjectMeta")],
        "PersistentVolumeClaim": ["metadata": .of("ObjectMeta"), "status": .of("ConditionsStatus")],
        "Namespace": ["metadata": .of("ObjectMeta"), "status": .of("ConditionsStatus")],
        "ServiceAccount": ["metadata": .of("ObjectMeta"), "secrets": .merge(by: "name")],
        "ConfigMap": ["metadata": .of("ObjectMeta")],
        "Secret": ["metadata": .of("ObjectMeta")],
        "Endpoints": ["metadata": .of("ObjectMeta")],
        "EndpointSlice": ["metadata": .of("ObjectMeta")],
        "Event": ["metadata": .of("ObjectMeta")],
        "ControllerRevision": ["metadata": .of("ObjectMeta")],
        "StorageClass": ["metadata": .of("ObjectMeta")],
    ]
}
