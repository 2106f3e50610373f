import Model

/// PersistentVolume, PersistentVolumeClaim and StorageClass validation.
enum StorageValidation {
    static let accessModes = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
    static let volumeModes = ["Block", "Filesystem"]
    static let reclaimPolicies = ["Delete", "Recycle", "Retain"]
    static let volumeSources = ["gcePersistentDisk", "awsElasticBlockStore", "hostPath", "glusterfs", "nfs", "rbd",
                                "quobyte", "cephfs", "iscsi", "cinder", "fc", "flocker", "flexVolume", "azureFile",
                                "vsphereVolume", "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO",
                                "local", "storageos", "csi"]
    static let immutableSpecMessage = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"

    static func validateAccessModes(_ modes: JSONValue?, path: FieldPath) -> [FieldError] {
        let list = modes.array
        if list.isEmpty { return [.required(path, "at least 1 access mode is required")] }
        return list.filter { !accessModes.contains($0.stringValue ?? "") }.map { .notSupported(path, $0, accessModes) }
    }

    static func validateVolumeMode(_ mode: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let mode, mode != .null, !volumeModes.contains(mode.stringValue ?? "") else { return [] }
        return [.notSupported(path, mode, volumeModes)]
    }

    static func validateClassName(_ name: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let text = name.string, !text.isEmpty else { return [] }
        return NameRules.dns1123SubdomainErrors(text).map { .invalid(path, .string(text), $0) }
    }

    /// A claim spec: access modes, a positive storage request, volume mode, class and selector.
    static func validateClaimSpec(_ spec: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors = validateAccessModes(spec?["accessModes"], path: path.child("accessModes"))
        errors += LabelSelectors.validate(spec?["selector"], path: path.child("selector"))
        let storagePath = path.child("resources").key("storage")
        if let storage = spec?[path: ["resources", "requests", "storage"]] {
            if let quantity = Quantity(json: storage) {
                if quantity.value <= 0 { errors.append(.invalid(storagePath, storage, "must be greater than zero")) }
            } else {
                errors.append(.invalid(storagePath, storage, Quantity.formatMessage))
            }
        } else {
            errors.append(.required(storagePath))
        }
        var ignored: [FieldError] = []
        _ = QuantityValidation.validateResourceList(spec?[path: ["resources", "limits"]],
                                                    path: path.child("resources", "limits"), errors: &ignored)
        errors += ignored
        errors += validateClassName(spec?["storageClassName"], path: path.child("storageClassName"))
        errors += validateVolumeMode(spec?["volumeMode"], path: path.child("volumeMode"))
        return errors
    }

    static func validateClaim(_ object: JSONValue) -> [FieldError] {
        ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
            + validateClaimSpec(object["spec"], path: FieldPath("spec"))
    }

    /// Unbound claims keep their spec (the binder may set volumeName once); bound claims may change requests.
    static func validateClaimUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validateClaimSpec(new["spec"], path: FieldPath("spec"))
        var newSpec = new["spec"] ?? .emptyObject
        var oldSpec = old["spec"] ?? .emptyObject
        if oldSpec["volumeName"].string?.isEmpty ?? true { oldSpec["volumeName"] = newSpec["volumeName"] }
        let bound = !(old[path: ["spec", "volumeName"]].string?.isEmpty ?? true)
        if bound {
            let newStorage = new[path: ["spec", "resources", "requests", "storage"]]
            let oldStorage = old[path: ["spec", "resources", "requests", "storage"]]
            newSpec[path: ["resources", "requests"]] = oldSpec[path: ["resources", "requests"]]
            newSpec["volumeAttributesClassName"] = oldSpec["volumeAttributesClassName"]
            if let n = newStorage.flatMap({ Quantity(json: $0) }), let o = oldStorage.flatMap({ Quantity(json: $0) }), n < o {
                errors.append(.forbidden(FieldPath("spec.resources.requests.storage"), "field can not be less than previous value"))
            }
        }
        if newSpec != oldSpec {
            errors.append(.forbidden(FieldPath("spec"), "\(immutableSpecMessage)\n\(SpecDiff.describe(old: oldSpec, new: newSpec))"))
        }
        return errors
    }

    /// A volume: capacity with only `storage`, access modes, one volume source, valid policies.
    static func validateVolume(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        let spec = object["spec"]
        let path = FieldPath("spec")
        errors += validateAccessModes(spec?["accessModes"], path: path.child("accessModes"))
        let capacity = spec?["capacity"].object ?? [:]
        if capacity.isEmpty { errors.append(.required(path.child("capacity"))) }
        if capacity["storage"] == nil || capacity.count > 1 {
            errors.append(.notSupported(path.child("capacity"), spec?["capacity"] ?? .emptyObject, ["storage"]))
        }
        for name in capacity.keys.sorted() {
            let value = capacity[name]!
            if let quantity = Quantity(json: value) {
                if quantity.value <= 0 { errors.append(.invalid(path.child("capacity").key(name), value, "must be greater than zero")) }
            } else {
                errors.append(.invalid(path.child("capacity").key(name), value, Quantity.formatMessage))
            }
        }
        if let policy = spec?["persistentVolumeReclaimPolicy"], policy != .null,
           !reclaimPolicies.contains(policy.stringValue ?? "") {
            errors.append(.notSupported(path.child("persistentVolumeReclaimPolicy"), policy, reclaimPolicies))
        }
        errors += validateClassName(spec?["storageClassName"], path: path.child("storageClassName"))
        errors += validateVolumeMode(spec?["volumeMode"], path: path.child("volumeMode"))
        let sources = volumeSources.filter { !(spec?[$0]).isMissing }
        if sources.isEmpty {
            errors.append(.required(path, "must specify a volume type"))
        } else if sources.count > 1 {
            errors.append(.forbidden(path.child(sources[1]), "may not specify more than 1 volume type"))
        }
        return errors
    }

    static func validateVolumeUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validateVolume(new).filter { !$0.field.hasPrefix("metadata.") }
        let mode = new[path: ["spec", "volumeMode"]]
        if mode != old[path: ["spec", "volumeMode"]] { errors.append(.immutable(FieldPath("spec.volumeMode"), mode)) }
        return errors
    }

    static func validateStorageClass(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        let provisioner = object["provisioner"].string ?? ""
        if provisioner.isEmpty {
            errors.append(.required(FieldPath("provisioner")))
        } else {
            for message in NameRules.qualifiedNameErrors(provisioner.lowercased()) {
                errors.append(.invalid(FieldPath("provisioner"), .string(provisioner), message))
            }
        }
        if let policy = object["reclaimPolicy"], policy != .null, !["Delete", "Retain"].contains(policy.stringValue ?? "") {
            errors.append(.notSupported(FieldPath("reclaimPolicy"), policy, ["Delete", "Retain"]))
        }
        if let mode = object["volumeBindingMode"], mode != .null,
           !["Immediate", "WaitForFirstConsumer"].contains(mode.stringValue ?? "") {
            errors.append(.notSupported(FieldPath("volumeBindingMode"), mode, ["Immediate", "WaitForFirstConsumer"]))
        }
        return errors
    }

    static func validateStorageClassUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validateStorageClass(new).filter { !$0.field.hasPrefix("metadata.") }
        if (new["parameters"]?.objectValue ?? [:]) != (old["parameters"]?.objectValue ?? [:]) {
            errors.append(.forbidden(FieldPath("parameters"), "updates to parameters are forbidden."))
        }
        if new["provisioner"] != old["provisioner"] {
            errors.append(.forbidden(FieldPath("provisioner"), "updates to provisioner are forbidden."))
        }
        if new["reclaimPolicy"] != old["reclaimPolicy"] {
            errors.append(.forbidden(FieldPath("reclaimPolicy"), "updates to reclaimPolicy are forbidden."))
        }
        if new["volumeBindingMode"] != old["volumeBindingMode"] {
            errors.append(.immutable(FieldPath("volumeBindingMode"), new["volumeBindingMode"]))
        }
        return errors
    }
}
