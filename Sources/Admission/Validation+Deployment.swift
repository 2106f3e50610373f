import Model

/// Deployment and ReplicaSet validation.
enum DeploymentValidation {
    static func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"]
        let path = FieldPath("spec")
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        errors += WorkloadValidation.nonNegative(spec?["replicas"], path.child("replicas"))
        errors += WorkloadValidation.validateSelector(spec, path: path, kindWord: "deployment")
        errors += WorkloadValidation.validateTemplate(spec, path: path, kindName: "ReplicaSet")
        errors += validateStrategy(spec?["strategy"], path: path.child("strategy"))
        errors += WorkloadValidation.nonNegative(spec?["minReadySeconds"], path.child("minReadySeconds"))
        errors += WorkloadValidation.nonNegative(spec?["revisionHistoryLimit"], path.child("revisionHistoryLimit"))
        if let deadline = spec?["progressDeadlineSeconds"].int {
            errors += WorkloadValidation.nonNegative(.int(deadline), path.child("progressDeadlineSeconds"))
            if deadline <= spec?["minReadySeconds"].int ?? 0 {
                errors.append(.invalid(path.child("progressDeadlineSeconds"), .int(deadline),
                                       "must be greater than minReadySeconds"))
            }
        }
        errors += WorkloadValidation.validateStatus(object["status"],
            counts: ["updatedReplicas", "readyReplicas", "availableReplicas", "unavailableReplicas"])
        if let count = object[path: ["status", "collisionCount"]].int, count < 0 {
            errors.append(.invalid(FieldPath("status.collisionCount"), .int(count), WorkloadValidation.nonNegative))
        }
        return errors
    }

    static func validateStrategy(_ strategy: JSONValue?, path: FieldPath) -> [FieldError] {
        let type = strategy?["type"].string ?? ""
        let rolling = strategy?["rollingUpdate"]
        switch type {
        case "Recreate":
            if !rolling.isMissing {
                return [.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'")]
            }
            return []
        case "RollingUpdate":
            guard let rolling, rolling != .null else {
                return [.required(path.child("rollingUpdate"), "this should be defaulted and never be nil")]
            }
            let rollingPath = path.child("rollingUpdate")
            var errors = IntOrString.validatePositiveIntOrPercent(rolling["maxUnavailable"], path: rollingPath.child("maxUnavailable"))
            errors += IntOrString.validatePositiveIntOrPercent(rolling["maxSurge"], path: rollingPath.child("maxSurge"))
            let unavailable = IntOrString.numericValue(rolling["maxUnavailable"])?.value ?? 0
            let surge = IntOrString.numericValue(rolling["maxSurge"])?.value ?? 0
            if unavailable == 0 && surge == 0 {
                errors.append(.invalidRendered(rollingPath.child("maxUnavailable"), IntOrString.render(rolling["maxUnavailable"]),
                                               "may not be 0 when `maxSurge` is 0"))
            }
            errors += IntOrString.validateNotMoreThan100Percent(rolling["maxUnavailable"], path: rollingPath.child("maxUnavailable"))
            return errors
        default:
            let rendered = "apps.DeploymentStrategy{Type:\(goQuote(type)), RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}"
            return [FieldError(kind: .notSupported, field: path.text,
                               message: "Unsupported value: \(rendered): supported values: \"Recreate\", \"RollingUpdate\"")]
        }
    }

    static func validateUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validate(new).filter { !$0.field.hasPrefix("metadata.") }
        errors += WorkloadValidation.validateSelectorImmutable(new, old: old)
        if let newCount = new[path: ["status", "collisionCount"]].int,
           let oldCount = old[path: ["status", "collisionCount"]].int, newCount < oldCount {
            errors.append(.invalid(FieldPath("status.collisionCount"), .int(newCount), "cannot be decremented"))
        }
        return errors
    }
}

/// ReplicaSet validation: the Deployment rules without strategy and deadlines.
enum ReplicaSetValidation {
    static func validate(_ object: JSONValue) -> [FieldError] {
        let spec = object["spec"]
        let path = FieldPath("spec")
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        errors += WorkloadValidation.nonNegative(spec?["replicas"], path.child("replicas"))
        errors += WorkloadValidation.nonNegative(spec?["minReadySeconds"], path.child("minReadySeconds"))
        errors += WorkloadValidation.validateSelector(spec, path: path, kindWord: "deployment")
        errors += WorkloadValidation.validateTemplate(spec, path: path, kindName: "ReplicaSet")
        errors += WorkloadValidation.validateStatus(object["status"],
            counts: ["fullyLabeledReplicas", "readyReplicas", "availableReplicas"])
        return errors
    }

    static func validateUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validate(new).filter { !$0.field.hasPrefix("metadata.") }
        errors += WorkloadValidation.validateSelectorImmutable(new, old: old)
        return errors
    }
}
