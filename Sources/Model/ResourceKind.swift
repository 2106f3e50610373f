/// A kind of object the store serves, with the names kubectl knows it by.
public struct ResourceKind: Sendable, Hashable, CustomStringConvertible {
    /// `Deployment`
    public let kind: String
    /// `apps` (empty for the core group)
    public let group: String
    /// `v1`
    public let version: String
    /// `deployments`
    public let resource: String
    /// `deployment`
    public let singular: String
    /// `["deploy"]`
    public let shortNames: [String]
    public let namespaced: Bool
    /// Whether `kubectl get all` lists it.
    public let inCategoryAll: Bool
    /// Whether the object has a `status` written through the status subresource.
    public let hasStatus: Bool

    /// `apps/v1`, or `v1` for the core group.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// `deployments.apps`, or `pods` for the core group.
    public var qualifiedResource: String { group.isEmpty ? resource : "\(resource).\(group)" }
    /// `deployment.apps`, or `pod`: the prefix kubectl prints in `deployment.apps/web created`.
    public var qualifiedSingular: String { group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)" }
    public var description: String { kind }

    // A kind is identified by its name: hashing and comparing only that keeps work queues cheap.
    public static func == (a: ResourceKind, b: ResourceKind) -> Bool { a.kind == b.kind && a.group == b.group }
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }
}

extension ResourceKind {
    public static let namespace = ResourceKind(kind: "Namespace", group: "", version: "v1", resource: "namespaces",
        singular: "namespace", shortNames: ["ns"], namespaced: false, inCategoryAll: false, hasStatus: true)
    public static let node = ResourceKind(kind: "Node", group: "", version: "v1", resource: "nodes",
        singular: "node", shortNames: ["no"], namespaced: false, inCategoryAll: false, hasStatus: true)
    public static let pod = ResourceKind(kind: "Pod", group: "", version: "v1", resource: "pods",
        singular: "pod", shortNames: ["po"], namespaced: true, inCategoryAll: true, hasStatus: true)
    public static let replicaSet = ResourceKind(kind: "ReplicaSet", group: "apps", version: "v1",
        resource: "replicasets", singular: "replicaset", shortNames: ["rs"], namespaced: true, inCategoryAll: true,
        hasStatus: true)
    public static let deployment = ResourceKind(kind: "Deployment", group: "apps", version: "v1",
        resource: "deployments", singular: "deployment", shortNames: ["deploy"], namespaced: true,
        inCategoryAll: true, hasStatus: true)
    public static let statefulSet = ResourceKind(kind: "StatefulSet", group: "apps", version: "v1",
        resource: "statefulsets", singular: "statefulset", shortNames: ["sts"], namespaced: true,
        inCategoryAll: true, hasStatus: true)
    public static let controllerRevision = ResourceKind(kind: "ControllerRevision", group: "apps", version: "v1",
        resource: "controllerrevisions", singular: "controllerrevision", shortNames: [], namespaced: true,
        inCategoryAll: false, hasStatus: false)
    public static let service = ResourceKind(kind: "Service", group: "", version: "v1", resource: "services",
        singular: "service", shortNames: ["svc"], namespaced: true, inCategoryAll: true, hasStatus: true)
    public static let endpoints = ResourceKind(kind: "Endpoints", group: "", version: "v1", resource: "endpoints",
        singular: "endpoints", shortNames: ["ep"], namespaced: true, inCategoryAll: false, hasStatus: false)
    public static let endpointSlice = ResourceKind(kind: "EndpointSlice", group: "discovery.k8s.io", version: "v1",
        resource: "endpointslices", singular: "endpointslice", shortNames: [], namespaced: true,
        inCategoryAll: false, hasStatus: false)
    public static let persistentVolume = ResourceKind(kind: "PersistentVolume", group: "", version: "v1",
        resource: "persistentvolumes", singular: "persistentvolume", shortNames: ["pv"], namespaced: false,
        inCategoryAll: false, hasStatus: true)
    public static let persistentVolumeClaim = ResourceKind(kind: "PersistentVolumeClaim", group: "", version: "v1",
        resource: "persistentvolumeclaims", singular: "persistentvolumeclaim", shortNames: ["pvc"], namespaced: true,
        inCategoryAll: false, hasStatus: true)
    public static let storageClass = ResourceKind(kind: "StorageClass", group: "storage.k8s.io", version: "v1",
        resource: "storageclasses", singular: "storageclass", shortNames: ["sc"], namespaced: false,
        inCategoryAll: false, hasStatus: false)
    public static let configMap = ResourceKind(kind: "ConfigMap", group: "", version: "v1", resource: "configmaps",
        singular: "configmap", shortNames: ["cm"], namespaced: true, inCategoryAll: false, hasStatus: false)
    public static let secret = ResourceKind(kind: "Secret", group: "", version: "v1", resource: "secrets",
        singular: "secret", shortNames: [], namespaced: true, inCategoryAll: false, hasStatus: false)
    public static let serviceAccount = ResourceKind(kind: "ServiceAccount", group: "", version: "v1",
        resource: "serviceaccounts", singular: "serviceaccount", shortNames: ["sa"], namespaced: true,
        inCategoryAll: false, hasStatus: false)
    public static let event = ResourceKind(kind: "Event", group: "", version: "v1", resource: "events",
        singular: "event", shortNames: ["ev"], namespaced: true, inCategoryAll: false, hasStatus: false)

    /// Every kind the store serves, in the order `kubectl get all` prints them.
    public static let all: [ResourceKind] = [
        .pod, .service, .deployment, .replicaSet, .statefulSet, .namespace, .node, .controllerRevision, .endpoints,
        .endpointSlice, .persistentVolume, .persistentVolumeClaim, .storageClass, .configMap, .secret,
        .serviceAccount, .event,
    ]

    /// The kinds `kubectl get all` lists.
    public static var categoryAll: [ResourceKind] { all.filter(\.inCategoryAll) }

    /// The kind with this `kind` name (e.g. `Deployment`), if served.
    public static func named(_ kind: String) -> ResourceKind? { all.first { $0.kind == kind } }

    /// The kind for an apiVersion and kind, as found in a manifest.
    public static func forManifest(apiVersion: String, kind: String) -> ResourceKind? {
        all.first { $0.kind == kind && $0.apiVersion == apiVersion }
    }

    /// Resolves what a user typed (`deploy`, `deployments`, `Deployment`, `deployments.apps`,
    /// `deployment.v1.apps`) the way kubectl does.
    public static func resolve(_ text: String) -> ResourceKind? {
        let lower = text.lowercased()
        for kind in all {
            let names = [kind.resource, kind.singular, kind.kind.lowercased()] + kind.shortNames
            if names.contains(lower) { return kind }
            if !kind.group.isEmpty {
                for name in [kind.resource, kind.singular] + kind.shortNames
                where lower == "\(name).\(kind.group)" || lower == "\(name).\(kind.version).\(kind.group)" {
                    return kind
                }
            }
        }
        return nil
    }
}
