import Model

/// Pod validation: create, and the narrow set of spec changes an update may make.
enum PodValidation {
    static let updatableFields = "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    static func validate(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        errors += PodSpecValidation.validateSpec(object["spec"], path: FieldPath("spec"))
        return errors
    }

    /// Warning for a pod name that is a subdomain but not a DNS label.
    static func nameWarnings(_ object: JSONValue) -> [String] {
        let name = object.name
        guard !name.isEmpty, NameRules.dns1123SubdomainErrors(name).isEmpty else { return [] }
        let problems = NameRules.dns1123LabelErrors(name)
        guard !problems.isEmpty else { return [] }
        return ["metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [\(problems.joined(separator: " "))]"]
    }

    static func validateUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        // An unchanged spec was valid when it was stored, and is allowed as it is (upstream ratchets
        // unchanged fields the same way): most pod updates change only metadata or status.
        if let spec = new["spec"], spec == old["spec"] { return errors }
        errors += PodSpecValidation.validateSpec(new["spec"], path: FieldPath("spec"))
        guard var munged = new["spec"], let oldSpec = old["spec"] else { return errors }
        // Carry the updatable fields over from the old spec; whatever still differs is forbidden.
        for list in ["containers", "initContainers"] {
            guard var containers = munged[list]?.arrayValue, let oldContainers = oldSpec[list]?.arrayValue,
                  containers.count == oldContainers.count else { continue }
            for i in containers.indices { containers[i]["image"] = oldContainers[i]["image"] }
            munged[list] = .array(containers)
        }
        let oldDeadline = oldSpec["activeDeadlineSeconds"].int
        if let newDeadline = munged["activeDeadlineSeconds"].int, oldDeadline == nil || newDeadline <= oldDeadline! {
            munged["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]
        } else if oldDeadline != nil, munged["activeDeadlineSeconds"].isMissing {
            errors.append(.invalid(FieldPath("spec.activeDeadlineSeconds"), nil,
                                   "must not update from a positive integer to nil value"))
            munged["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]
        }
        let oldTolerations = oldSpec["tolerations"].array
        let newTolerations = munged["tolerations"].array
        if newTolerations.count >= oldTolerations.count, Array(newTolerations.prefix(oldTolerations.count)) == oldTolerations {
            munged["tolerations"] = oldSpec["tolerations"]
        }
        if let oldGrace = oldSpec["terminationGracePeriodSeconds"].int, oldGrace < 0,
           munged["terminationGracePeriodSeconds"].int == 1 {
            munged["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]
        }
        if munged != oldSpec {
            errors.append(.forbidden(FieldPath("spec"),
                                     "pod updates may not change fields other than \(updatableFields)\n\(SpecDiff.describe(old: oldSpec, new: munged))"))
        }
        return errors
    }
}

/// A short `-`/`+` listing of the top-level fields that differ between two specs, for Forbidden messages.
enum SpecDiff {
    static func describe(old: JSONValue, new: JSONValue) -> String {
        let oldFields = old.objectValue ?? [:]
        let newFields = new.objectValue ?? [:]
        var lines: [String] = []
        for key in Set(oldFields.keys).union(newFields.keys).sorted() where oldFields[key] != newFields[key] {
            if let value = oldFields[key] { lines.append("- \(key): \(value.canonicalString())") }
            if let value = newFields[key] { lines.append("+ \(key): \(value.canonicalString())") }
        }
        return lines.joined(separator: "\n")
    }
}
