import Model

/// Namespace, Node, Endpoints, EndpointSlice, Event and ControllerRevision validation.
enum ClusterValidation {
    static func validateNamespace(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Label)
        for (i, finalizer) in object[path: ["spec", "finalizers"]].array.enumerated() {
            let text = finalizer.stringValue ?? ""
            for message in NameRules.qualifiedNameErrors(text) {
                errors.append(.invalid(FieldPath("spec.finalizers").index(i), finalizer, message))
            }
        }
        return errors
    }

    static func validateNode(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        for (i, taint) in object[path: ["spec", "taints"]].array.enumerated() {
            let path = FieldPath("spec.taints").index(i)
            let effects = ["NoExecute", "NoSchedule", "PreferNoSchedule"]
            let effect = taint["effect"]
            if effect.isMissing || effect == "" {
                errors.append(.required(path.child("effect")))
            } else if !effects.contains(effect.string ?? "") {
                errors.append(.notSupported(path.child("effect"), effect, effects))
            }
            let key = taint["key"].string ?? ""
            for message in NameRules.qualifiedNameErrors(key) { errors.append(.invalid(path.child("key"), .string(key), message)) }
        }
        return errors
    }

    static func validateNodeUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validateNode(new).filter { !$0.field.hasPrefix("metadata.") }
        if let oldCIDR = old[path: ["spec", "podCIDR"]].string, !oldCIDR.isEmpty,
           new[path: ["spec", "podCIDR"]].string != oldCIDR {
            errors.append(.forbidden(FieldPath("spec.podCIDR"), "node updates may not change podCIDR except from \"\" to valid"))
        }
        return errors
    }

    static func validateEndpoints(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        for (i, subset) in object["subsets"].array.enumerated() {
            let path = FieldPath("subsets").index(i)
            for list in ["addresses", "notReadyAddresses"] {
                for (j, address) in subset[list].array.enumerated() {
                    let ip = address["ip"].string ?? ""
                    if !IPAddress.isValid(ip) {
                        errors.append(.invalid(path.child(list).index(j).child("ip"), .string(ip), IPAddress.invalidMessage))
                    }
                }
            }
            let ports = subset["ports"].array
            for (j, port) in ports.enumerated() {
                let p = path.child("ports").index(j)
                if ports.count > 1, (port["name"].string ?? "").isEmpty { errors.append(.required(p.child("name"))) }
                errors += portNumberAndProtocol(port, path: p)
            }
        }
        return errors
    }

    static func validateEndpointSlice(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        let types = ["FQDN", "IPv4", "IPv6"]
        let addressType = object["addressType"]
        if addressType.isMissing || addressType == "" {
            errors.append(.required(FieldPath("addressType")))
        } else if !types.contains(addressType.string ?? "") {
            errors.append(.notSupported(FieldPath("addressType"), addressType, types))
        }
        for (i, endpoint) in object["endpoints"].array.enumerated() {
            if endpoint["addresses"].array.isEmpty {
                errors.append(.required(FieldPath("endpoints").index(i).child("addresses"), "must contain at least 1 address"))
            }
        }
        for (i, port) in object["ports"].array.enumerated() {
            let p = FieldPath("ports").index(i)
            if let number = port["port"].int, !(1...65535).contains(number) {
                errors.append(.invalid(p.child("port"), .int(number), PodSpecValidation.portRangeMessage))
            }
            errors += PodSpecValidation.validateProtocol(port["protocol"], path: p.child("protocol"))
        }
        return errors
    }

    static func validateEndpointSliceUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validateEndpointSlice(new).filter { !$0.field.hasPrefix("metadata.") }
        if new["addressType"] != old["addressType"] {
            errors.append(.immutable(FieldPath("addressType"), new["addressType"]))
        }
        return errors
    }

    private static func portNumberAndProtocol(_ port: JSONValue, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let number = port["port"].int ?? 0
        if !(1...65535).contains(number) {
            errors.append(.invalid(path.child("port"), .int(number), PodSpecValidation.portRangeMessage))
        }
        return errors + PodSpecValidation.validateProtocol(port["protocol"], path: path.child("protocol"))
    }

    /// core/v1 Events: names are lenient; the involved object's namespace must match the event's.
    static func validateEvent(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        let involved = object[path: ["involvedObject", "namespace"]].string ?? ""
        if !involved.isEmpty, !object.namespace.isEmpty, involved != object.namespace {
            errors.append(.invalid(FieldPath("involvedObject.namespace"), .string(involved), "does not match event.namespace"))
        }
        return errors
    }

    static func validateControllerRevision(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1123Subdomain)
        if object["data"].isMissing { errors.append(.required(FieldPath("data"), "data is mandatory")) }
        errors += WorkloadValidation.nonNegative(object["revision"], FieldPath("revision"))
        return errors
    }

    static func validateControllerRevisionUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validateControllerRevision(new).filter { !$0.field.hasPrefix("metadata.") }
        if new["data"] != old["data"] { errors.append(.immutable(FieldPath("data"), new["data"])) }
        return errors
    }
}
