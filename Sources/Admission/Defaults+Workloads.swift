import Model

/// apps/v1 defaults (`pkg/apis/apps/v1/defaults.go`), including the pod template inside each workload.
enum WorkloadDefaults {
    /// replicas 1, RollingUpdate 25%/25%, revisionHistoryLimit 10, progressDeadlineSeconds 600.
    static func applyToDeployment(_ object: inout JSONValue) {
        guard var spec = object["spec"], spec.objectValue != nil else { return }
        setIfMissing(&spec, "replicas", 1)
        var strategy = spec["strategy"]?.objectValue != nil ? spec["strategy"]! : .emptyObject
        if strategy["type"].isMissing || strategy["type"] == "" { strategy["type"] = "RollingUpdate" }
        if strategy["type"] == "RollingUpdate" {
            var rolling = strategy["rollingUpdate"]?.objectValue != nil ? strategy["rollingUpdate"]! : .emptyObject
            setIfMissing(&rolling, "maxUnavailable", "25%")
            setIfMissing(&rolling, "maxSurge", "25%")
            strategy["rollingUpdate"] = rolling
        }
        spec["strategy"] = strategy
        setIfMissing(&spec, "revisionHistoryLimit", 10)
        setIfMissing(&spec, "progressDeadlineSeconds", 600)
        applyToTemplate(&spec)
        object["spec"] = spec
    }

    /// replicas 1.
    static func applyToReplicaSet(_ object: inout JSONValue) {
        guard var spec = object["spec"], spec.objectValue != nil else { return }
        setIfMissing(&spec, "replicas", 1)
        applyToTemplate(&spec)
        object["spec"] = spec
    }

    /// replicas 1, OrderedReady, RollingUpdate (partition 0 only when the type was empty), history 10,
    /// PVC retention Retain/Retain, and PVC defaults on every volumeClaimTemplate.
    static func applyToStatefulSet(_ object: inout JSONValue) {
        guard var spec = object["spec"], spec.objectValue != nil else { return }
        setIfMissing(&spec, "podManagementPolicy", "OrderedReady")
        var strategy = spec["updateStrategy"]?.objectValue != nil ? spec["updateStrategy"]! : .emptyObject
        if strategy["type"].isMissing || strategy["type"] == "" {
            strategy["type"] = "RollingUpdate"
            setIfMissing(&strategy, "rollingUpdate", .emptyObject)
        }
        if strategy["type"] == "RollingUpdate", var rolling = strategy["rollingUpdate"], rolling.objectValue != nil {
            setIfMissing(&rolling, "partition", 0)
            strategy["rollingUpdate"] = rolling
        }
        spec["updateStrategy"] = strategy
        var retention = spec["persistentVolumeClaimRetentionPolicy"]?.objectValue != nil
            ? spec["persistentVolumeClaimRetentionPolicy"]! : .emptyObject
        if retention["whenDeleted"].isMissing || retention["whenDeleted"] == "" { retention["whenDeleted"] = "Retain" }
        if retention["whenScaled"].isMissing || retention["whenScaled"] == "" { retention["whenScaled"] = "Retain" }
        spec["persistentVolumeClaimRetentionPolicy"] = retention
        setIfMissing(&spec, "replicas", 1)
        setIfMissing(&spec, "revisionHistoryLimit", 10)
        if var claims = spec["volumeClaimTemplates"]?.arrayValue {
            for i in claims.indices where claims[i].objectValue != nil {
                CoreDefaults.applyToPersistentVolumeClaim(&claims[i])
                var metadata = claims[i]["metadata"] ?? .emptyObject
                if metadata.objectValue != nil, metadata["creationTimestamp"] == nil {
                    metadata["creationTimestamp"] = .null
                }
                claims[i]["metadata"] = metadata
            }
            spec["volumeClaimTemplates"] = .array(claims)
        }
        applyToTemplate(&spec)
        object["spec"] = spec
    }

    private static func applyToTemplate(_ spec: inout JSONValue) {
        guard var template = spec["template"], template.objectValue != nil else { return }
        PodDefaults.applyToTemplate(&template)
        spec["template"] = template
    }
}
