import Model

/// core/v1, discovery/v1 and storage/v1 defaults for the kinds other than Pod and the workloads.
enum CoreDefaults {
    /// type ClusterIP, sessionAffinity None, port protocol TCP and targetPort = port, traffic policies,
    /// and the single-stack IPv4 family fields the registry fills in.
    static func applyToService(_ object: inout JSONValue) {
        guard var spec = object["spec"], spec.objectValue != nil else { return }
        setIfMissing(&spec, "sessionAffinity", "None")
        if spec["sessionAffinity"] == "ClientIP", spec[path: ["sessionAffinityConfig", "clientIP", "timeoutSeconds"]].isMissing {
            spec[path: ["sessionAffinityConfig", "clientIP", "timeoutSeconds"]] = 10800
        }
        setIfMissing(&spec, "type", "ClusterIP")
        let type = spec["type"].string ?? ""
        if var ports = spec["ports"]?.arrayValue {
            for i in ports.indices where ports[i].objectValue != nil {
                setIfMissing(&ports[i], "protocol", "TCP")
                let target = ports[i]["targetPort"]
                if target.isMissing || target == 0 || target == "" { ports[i]["targetPort"] = ports[i]["port"] ?? 0 }
            }
            spec["ports"] = .array(ports)
        }
        if type == "NodePort" || type == "LoadBalancer" { setIfMissing(&spec, "externalTrafficPolicy", "Cluster") }
        if type != "ExternalName" {
            setIfMissing(&spec, "internalTrafficPolicy", "Cluster")
            let headless = spec["clusterIP"] == "None"
            let hasSelector = !(spec["selector"]?.objectValue?.isEmpty ?? true)
            if headless && !hasSelector {
                setIfMissing(&spec, "ipFamilyPolicy", "RequireDualStack")
                setIfMissing(&spec, "ipFamilies", ["IPv4", "IPv6"])
            } else {
                setIfMissing(&spec, "ipFamilyPolicy", "SingleStack")
                setIfMissing(&spec, "ipFamilies", ["IPv4"])
            }
        }
        if type == "LoadBalancer" { setIfMissing(&spec, "allocateLoadBalancerNodePorts", true) }
        object["spec"] = spec
        if object["status"].isMissing { object["status"] = ["loadBalancer": .emptyObject] }
    }

    /// Label `kubernetes.io/metadata.name`, finalizer `kubernetes`, phase Active.
    static func applyToNamespace(_ object: inout JSONValue) {
        if object["metadata"]?.objectValue != nil, !object.name.isEmpty {
            var labels = object[path: ["metadata", "labels"]]?.objectValue ?? [:]
            labels["kubernetes.io/metadata.name"] = .string(object.name)
            object[path: ["metadata", "labels"]] = .object(labels)
        }
        if object["spec"]?.objectValue == nil { object["spec"] = .emptyObject }
        if object[path: ["spec", "finalizers"]].isMissing { object[path: ["spec", "finalizers"]] = ["kubernetes"] }
        if object["status"]?.objectValue == nil { object["status"] = .emptyObject }
        if object[path: ["status", "phase"]].isMissing || object[path: ["status", "phase"]] == "" {
            object[path: ["status", "phase"]] = "Active"
        }
    }

    /// Allocatable defaults to capacity.
    static func applyToNode(_ object: inout JSONValue) {
        if let capacity = object[path: ["status", "capacity"]], capacity.objectValue != nil,
           object[path: ["status", "allocatable"]].isMissing {
            object[path: ["status", "allocatable"]] = capacity
        }
    }

    /// type Opaque.
    static func applyToSecret(_ object: inout JSONValue) {
        if object["type"].isMissing || object["type"] == "" { object["type"] = "Opaque" }
    }

    /// Reclaim policy Retain, volumeMode Filesystem, phase Pending.
    static func applyToPersistentVolume(_ object: inout JSONValue) {
        if var spec = object["spec"], spec.objectValue != nil {
            setIfMissing(&spec, "persistentVolumeReclaimPolicy", "Retain")
            setIfMissing(&spec, "volumeMode", "Filesystem")
            object["spec"] = spec
        }
        setPendingPhase(&object)
    }

    /// volumeMode Filesystem, phase Pending.
    static func applyToPersistentVolumeClaim(_ object: inout JSONValue) {
        if var spec = object["spec"], spec.objectValue != nil {
            setIfMissing(&spec, "volumeMode", "Filesystem")
            object["spec"] = spec
        }
        setPendingPhase(&object)
    }

    /// reclaimPolicy Delete, volumeBindingMode Immediate.
    static func applyToStorageClass(_ object: inout JSONValue) {
        setIfMissing(&object, "reclaimPolicy", "Delete")
        setIfMissing(&object, "volumeBindingMode", "Immediate")
    }

    /// Port protocol TCP in every subset.
    static func applyToEndpoints(_ object: inout JSONValue) {
        guard var subsets = object["subsets"]?.arrayValue else { return }
        for i in subsets.indices {
            guard var ports = subsets[i]["ports"]?.arrayValue else { continue }
            for j in ports.indices where ports[j].objectValue != nil { setIfMissing(&ports[j], "protocol", "TCP") }
            subsets[i]["ports"] = .array(ports)
        }
        object["subsets"] = .array(subsets)
    }

    /// Port name "" and protocol TCP.
    static func applyToEndpointSlice(_ object: inout JSONValue) {
        guard var ports = object["ports"]?.arrayValue else { return }
        for i in ports.indices where ports[i].objectValue != nil {
            setIfMissing(&ports[i], "name", "")
            setIfMissing(&ports[i], "protocol", "TCP")
        }
        object["ports"] = .array(ports)
    }

    private static func setPendingPhase(_ object: inout JSONValue) {
        if object["status"]?.objectValue == nil { object["status"] = .emptyObject }
        if object[path: ["status", "phase"]].isMissing || object[path: ["status", "phase"]] == "" {
            object[path: ["status", "phase"]] = "Pending"
        }
    }
}
