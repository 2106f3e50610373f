import Model

/// StatefulSet validation (`ValidateStatefulSetSpec`, `ValidateStatefulSetUpdate`).
enum StatefulSetValidation {
    static let mutableSpecFields = ["replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit",
                                    "persistentVolumeClaimRetentionPolicy", "minReadySeconds"]
    static let forbiddenUpdateMessage = "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"

    static func validate(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        errors += validateSpec(object["spec"], path: FieldPath("spec"))
        let status = object["status"]
        for field in ["replicas", "readyReplicas", "currentReplicas", "updatedReplicas", "availableReplicas", "observedGeneration"] {
            errors += WorkloadValidation.nonNegative(status?[field], FieldPath("status").child(field))
        }
        return errors
    }

    static func validateSpec(_ spec: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let policy = spec?["podManagementPolicy"]
        switch policy.string ?? "" {
        case "": errors.append(.required(path.child("podManagementPolicy")))
        case "OrderedReady", "Parallel": break
        default: errors.append(.invalid(path.child("podManagementPolicy"), policy, "must be 'OrderedReady' or 'Parallel'"))
        }
        let strategy = spec?["updateStrategy"]
        let strategyPath = path.child("updateStrategy")
        let rolling = strategy?["rollingUpdate"]
        switch strategy?["type"].string ?? "" {
        case "": errors.append(.required(strategyPath))
        case "OnDelete":
            if !rolling.isMissing {
                errors.append(.invalid(strategyPath.child("rollingUpdate"), rolling, "only allowed for updateStrategy 'RollingUpdate'"))
            }
        case "RollingUpdate":
            errors += WorkloadValidation.nonNegative(rolling?["partition"], strategyPath.child("rollingUpdate", "partition"))
        default:
            errors.append(.invalid(strategyPath, strategy, "must be 'RollingUpdate' or 'OnDelete'"))
        }
        if let retention = spec?["persistentVolumeClaimRetentionPolicy"], retention != .null {
            for field in ["whenDeleted", "whenScaled"] {
                let value = retention[field]
                if let text = value.string, text != "Retain", text != "Delete" {
                    errors.append(.notSupported(path.child("persistentVolumeClaimRetentionPolicy", field), value, ["Retain", "Delete"]))
                }
            }
        }
        errors += WorkloadValidation.nonNegative(spec?[path: ["ordinals", "start"]], path.child("ordinals.start"))
        errors += WorkloadValidation.nonNegative(spec?["replicas"], path.child("replicas"))
        errors += WorkloadValidation.nonNegative(spec?["minReadySeconds"], path.child("minReadySeconds"))
        errors += WorkloadValidation.nonNegative(spec?["revisionHistoryLimit"], path.child("revisionHistoryLimit"))
        errors += WorkloadValidation.validateSelector(spec, path: path, kindWord: "statefulset")
        errors += WorkloadValidation.validateTemplate(spec, path: path, kindName: "StatefulSet")
        for (i, claim) in (spec?["volumeClaimTemplates"].array ?? []).enumerated() {
            let claimPath = path.child("volumeClaimTemplates").index(i)
            errors += ObjectMetaValidation.validate(claim["metadata"], syntax: .dns1123Subdomain,
                                                    path: claimPath.child("metadata"))
            errors += StorageValidation.validateClaimSpec(claim["spec"], path: claimPath.child("spec"))
        }
        return errors
    }

    /// Only the mutable spec fields may change; everything else is one Forbidden error on `spec`.
    static func validateUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        var newSpec = new["spec"]?.objectValue ?? [:]
        var oldSpec = old["spec"]?.objectValue ?? [:]
        for field in mutableSpecFields {
            newSpec[field] = nil
            oldSpec[field] = nil
        }
        if newSpec != oldSpec { errors.append(.forbidden(FieldPath("spec"), forbiddenUpdateMessage)) }
        errors += validateSpec(new["spec"], path: FieldPath("spec"))
        return errors
    }
}
