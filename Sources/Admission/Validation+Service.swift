import Model

/// Service validation (`ValidateService`, `ValidateServiceUpdate`).
enum ServiceValidation {
    static let types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
    static let affinities = ["ClientIP", "None"]
    static let trafficPolicies = ["Cluster", "Local"]

    static func validate(_ object: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validate(object["metadata"], syntax: .dns1035Label)
        let spec = object["spec"]
        let path = FieldPath("spec")
        let type = spec?["type"].string ?? ""
        let clusterIP = spec?["clusterIP"].string ?? ""
        let ports = spec?["ports"].array ?? []
        if !types.contains(type) {
            errors.append(.notSupported(path.child("type"), spec?["type"] ?? "", types))
        }
        if type == "ExternalName" {
            let name = spec?["externalName"].string ?? ""
            if name.isEmpty {
                errors.append(.required(path.child("externalName")))
            } else {
                let trimmed = name.hasSuffix(".") ? String(name.dropLast()) : name
                for message in NameRules.dns1123SubdomainErrors(trimmed) {
                    errors.append(.invalid(path.child("externalName"), .string(name), message))
                }
            }
        } else if ports.isEmpty && clusterIP != "None" {
            errors.append(.required(path.child("ports")))
        }
        var names = Set<String>()
        var portProtocols = Set<String>()
        for (i, port) in ports.enumerated() {
            let p = path.child("ports").index(i)
            let name = port["name"]?.stringValue ?? ""
            if ports.count > 1 && name.isEmpty { errors.append(.required(p.child("name"))) }
            if !name.isEmpty {
                for message in NameRules.dns1123LabelErrors(name) { errors.append(.invalid(p.child("name"), .string(name), message)) }
                if names.contains(name) { errors.append(.duplicate(p.child("name"), .string(name))) }
                names.insert(name)
            }
            let number = port["port"]?.intValue ?? 0
            if !(1...65535).contains(number) {
                errors.append(.invalid(p.child("port"), .int(number), PodSpecValidation.portRangeMessage))
            }
            errors += PodSpecValidation.validateProtocol(port["protocol"], path: p.child("protocol"))
            if let target = port["targetPort"], target != .null {
                errors += PodSpecValidation.validatePortNumOrName(target, path: p.child("targetPort"))
            }
            if let nodePort = port["nodePort"]?.intValue, nodePort != 0 {
                if type != "NodePort" && type != "LoadBalancer" {
                    errors.append(.forbidden(p.child("nodePort"), "may not be used when `type` is '\(type)'"))
                } else if !(1...65535).contains(nodePort) {
                    errors.append(.invalid(p.child("nodePort"), .int(nodePort), PodSpecValidation.portRangeMessage))
                }
            }
            let key = "\(number)/\(port["protocol"].string ?? "")"
            if portProtocols.contains(key) {
                errors.append(.duplicate(p, .string(key)))
            }
            portProtocols.insert(key)
        }
        if let affinity = spec?["sessionAffinity"], !affinities.contains(affinity.stringValue ?? "") {
            errors.append(.notSupported(path.child("sessionAffinity"), affinity, affinities))
        }
        if !clusterIP.isEmpty, clusterIP != "None", !IPAddress.isValid(clusterIP) {
            errors.append(.invalid(path.child("clusterIPs").index(0), .string(clusterIP), IPAddress.invalidMessage))
        }
        if type == "ExternalName", !clusterIP.isEmpty {
            errors.append(.forbidden(path.child("clusterIPs"), "may not be set for ExternalName services"))
        }
        for field in ["internalTrafficPolicy", "externalTrafficPolicy"] {
            if let value = spec?[field], value != .null, !trafficPolicies.contains(value.stringValue ?? "") {
                errors.append(.notSupported(path.child(field), value, trafficPolicies))
            }
        }
        errors += ObjectMetaValidation.validateLabels(spec?["selector"], path: path.child("selector"))
        return errors
    }

    /// The cluster IPs, once allocated, never change (except to or from ExternalName).
    static func validateUpdate(_ new: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
        errors += validate(new).filter { !$0.field.hasPrefix("metadata.") }
        let newType = new[path: ["spec", "type"]].string ?? ""
        let oldType = old[path: ["spec", "type"]].string ?? ""
        guard newType != "ExternalName", oldType != "ExternalName" else { return errors }
        let oldIPs = clusterIPs(old)
        let newIPs = clusterIPs(new)
        for (i, ip) in oldIPs.enumerated() where i < newIPs.count && newIPs[i] != ip {
            let rendered = "[]string{" + newIPs.map(goQuote).joined(separator: ", ") + "}"
            errors.append(.invalidRendered(FieldPath("spec.clusterIPs").index(i), rendered, "may not change once set"))
        }
        return errors
    }

    static func clusterIPs(_ service: JSONValue) -> [String] {
        let list = service[path: ["spec", "clusterIPs"]].array.compactMap(\.stringValue)
        if !list.isEmpty { return list }
        if let ip = service[path: ["spec", "clusterIP"]].string, !ip.isEmpty { return [ip] }
        return []
    }
}
