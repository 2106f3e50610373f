import Model

/// Validation shared by Deployment, ReplicaSet and StatefulSet (`pkg/apis/apps/validation/validation.go`).
enum WorkloadValidation {
    static let nonNegative = "must be greater than or equal to 0"

    /// `field: Invalid value: n: must be greater than or equal to 0` when the integer is negative.
    static func nonNegative(_ value: JSONValue?, _ path: FieldPath) -> [FieldError] {
        guard let n = value.int, n < 0 else { return [] }
        return [.invalid(path, .int(n), nonNegative)]
    }

    /// Selector required, valid and non-empty (the message names `kindWord`, as upstream does).
    static func validateSelector(_ spec: JSONValue?, path: FieldPath, kindWord: String) -> [FieldError] {
        let selector = spec?["selector"]
        guard let selector, selector != .null else { return [.required(path.child("selector"))] }
        var errors = LabelSelectors.validate(selector, path: path.child("selector"))
        if LabelSelectors.isEmpty(selector) {
            errors.append(.invalidRendered(path.child("selector"), LabelSelectors.render(selector),
                                           "empty selector is invalid for \(kindWord)"))
        }
        return errors
    }

    /// The template matches the selector, is a valid pod template, restarts Always and has no deadline.
    static func validateTemplate(_ spec: JSONValue?, path: FieldPath, kindName: String) -> [FieldError] {
        let templatePath = path.child("template")
        guard let template = spec?["template"], template != .null else { return [.required(templatePath)] }
        var errors: [FieldError] = []
        let selector = spec?["selector"]
        let labels = template[path: ["metadata", "labels"]]
        let selectorMissing = selector.isMissing
        if selectorMissing || (!LabelSelectors.isEmpty(selector) &&
                               !LabelSelectors.matches(selector, labels: JSONValue.stringMap(labels))) {
            errors.append(.invalidRendered(templatePath.child("metadata", "labels"), LabelSelectors.renderStringMap(labels),
                                           "`selector` does not match template `labels`"))
        }
        // A StatefulSet's pods also get one volume per claim template, so mounts may name those.
        var checked = template
        let claims = spec?["volumeClaimTemplates"]?.arrayValue ?? []
        if !claims.isEmpty {
            var volumes = checked[path: ["spec", "volumes"]]?.arrayValue ?? []
            for claim in claims {
                guard let name = claim[path: ["metadata", "name"]]?.stringValue else { continue }
                volumes.append(["name": .string(name), "persistentVolumeClaim": ["claimName": .string(name)]])
            }
            checked[path: ["spec", "volumes"]] = .array(volumes)
        }
        errors += PodSpecValidation.validateTemplate(checked, path: templatePath)
        let restart = template[path: ["spec", "restartPolicy"]]
        if restart.string != "Always" {
            errors.append(.notSupported(templatePath.child("spec", "restartPolicy"), restart ?? "", ["Always"]))
        }
        if !template[path: ["spec", "activeDeadlineSeconds"]].isMissing {
            errors.append(.forbidden(templatePath.child("spec", "activeDeadlineSeconds"),
                                     "activeDeadlineSeconds in \(kindName) is not Supported"))
        }
        return errors
    }

    /// Status counters are non-negative and consistent (Deployment and ReplicaSet).
    static func validateStatus(_ status: JSONValue?, counts: [String], path: FieldPath = FieldPath("status"))
        -> [FieldError]
    {
        var errors: [FieldError] = []
        for field in ["replicas"] + counts + ["observedGeneration"] { errors += nonNegative(status?[field], path.child(field)) }
        let replicas = status?["replicas"].int ?? 0
        for field in counts where field != "unavailableReplicas" {
            if let n = status?[field].int, n > replicas {
                errors.append(.invalid(path.child(field), .int(n), "cannot be greater than status.replicas"))
            }
        }
        if let available = status?["availableReplicas"].int, available > status?["readyReplicas"].int ?? 0 {
            errors.append(.invalid(path.child("availableReplicas"), .int(available), "cannot be greater than readyReplicas"))
        }
        return errors
    }

    /// apps/v1 forbids changing `spec.selector` after creation.
    static func validateSelectorImmutable(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        let newSelector = new[path: ["spec", "selector"]]
        guard newSelector != old[path: ["spec", "selector"]] else { return [] }
        return [.invalidRendered(FieldPath("spec.selector"), LabelSelectors.render(newSelector), "field is immutable")]
    }

    /// A workload name that is a subdomain but not a DNS label works, but its pods' hostnames suffer.
    static func nameWarnings(_ object: JSONValue) -> [String] {
        let name = object.name
        guard !name.isEmpty, NameRules.dns1123SubdomainErrors(name).isEmpty else { return [] }
        let problems = NameRules.dns1123LabelErrors(name)
        guard !problems.isEmpty else { return [] }
        return ["metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [\(problems.joined(separator: " "))]"]
    }
}
