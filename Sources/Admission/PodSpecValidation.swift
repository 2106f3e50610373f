import Model

/// `ValidatePodSpec` and `ValidatePodTemplateSpec` over JSON (`pkg/apis/core/validation/validation.go`).
enum PodSpecValidation {
    static let restartPolicies = ["Always", "OnFailure", "Never"]
    static let dnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]
    static let pullPolicies = ["Always", "IfNotPresent", "Never"]
    static let protocols = ["SCTP", "TCP", "UDP"]
    static let terminationMessagePolicies = ["File", "FallbackToLogsOnError"]
    static let portRangeMessage = "must be between 1 and 65535, inclusive"

    /// A pod template: its labels and annotations, then its spec.
    static func validateTemplate(_ template: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let template, template != .null else { return [.required(path)] }
        var errors = ObjectMetaValidation.validateLabels(template[path: ["metadata", "labels"]],
                                                         path: path.child("metadata", "labels"))
        errors += ObjectMetaValidation.validateAnnotations(template[path: ["metadata", "annotations"]],
                                                           path: path.child("metadata", "annotations"))
        errors += validateSpec(template["spec"], path: path.child("spec"))
        return errors
    }

    /// The pod spec: volumes, containers, policies, node selector.
    static func validateSpec(_ spec: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let volumeNames = validateVolumes(spec?["volumes"], path: path.child("volumes"), errors: &errors)
        let containers = spec?["containers"].array ?? []
        if containers.isEmpty { errors.append(.required(path.child("containers"))) }
        var seen = Set<String>()
        for (list, items) in [("initContainers", spec?["initContainers"].array ?? []), ("containers", containers)] {
            for (i, container) in items.enumerated() {
                errors += validateContainer(container, path: path.child(list).index(i), volumes: volumeNames, seen: &seen)
            }
        }
        let restart = spec?["restartPolicy"]
        if let policy = restart.string, !restartPolicies.contains(policy) {
            errors.append(.notSupported(path.child("restartPolicy"), restart, restartPolicies))
        } else if restart.isMissing {
            errors.append(.required(path.child("restartPolicy")))
        }
        let dns = spec?["dnsPolicy"]
        if let policy = dns.string, !dnsPolicies.contains(policy) {
            errors.append(.notSupported(path.child("dnsPolicy"), dns, dnsPolicies))
        }
        if let grace = spec?["terminationGracePeriodSeconds"].int, grace < 0 {
            errors.append(.invalid(path.child("terminationGracePeriodSeconds"), .int(grace), "must be greater than or equal to 0"))
        }
        if let deadline = spec?["activeDeadlineSeconds"].int, deadline < 1 || deadline > Int(Int32.max) {
            errors.append(.invalid(path.child("activeDeadlineSeconds"), .int(deadline),
                                   "must be between 1 and 2147483647, inclusive"))
        }
        errors += ObjectMetaValidation.validateLabels(spec?["nodeSelector"], path: path.child("nodeSelector"))
        if let account = spec?["serviceAccountName"].string, !account.isEmpty {
            for message in NameRules.dns1123SubdomainErrors(account) {
                errors.append(.invalid(path.child("serviceAccountName"), .string(account), message))
            }
        }
        for field in ["hostname", "subdomain"] {
            guard let value = spec?[field].string, !value.isEmpty else { continue }
            for message in NameRules.dns1123LabelErrors(value) {
                errors.append(.invalid(path.child(field), .string(value), message))
            }
        }
        return errors
    }

    /// Volume names: required, DNS labels, unique. Returns the names.
    static func validateVolumes(_ volumes: JSONValue?, path: FieldPath, errors: inout [FieldError]) -> Set<String> {
        var names = Set<String>()
        for (i, volume) in volumes.array.enumerated() {
            let namePath = path.index(i).child("name")
            let name = volume["name"]?.stringValue ?? ""
            if name.isEmpty {
                errors.append(.required(namePath))
            } else {
                for message in NameRules.dns1123LabelErrors(name) { errors.append(.invalid(namePath, .string(name), message)) }
                if names.contains(name) { errors.append(.duplicate(namePath, .string(name))) }
                names.insert(name)
            }
            if (volume.objectValue?.keys.filter { $0 != "name" }.count ?? 0) > 1 {
                errors.append(.forbidden(path.index(i), "may not specify more than 1 volume type"))
            }
        }
        return names
    }

    /// One container: name, image, ports, env, resources, probes, mounts, policies.
    static func validateContainer(_ container: JSONValue, path: FieldPath, volumes: Set<String>,
                                  seen: inout Set<String>) -> [FieldError] {
        var errors: [FieldError] = []
        let name = container["name"]?.stringValue ?? ""
        if name.isEmpty {
            errors.append(.required(path.child("name")))
        } else {
            for message in NameRules.dns1123LabelErrors(name) {
                errors.append(.invalid(path.child("name"), .string(name), message))
            }
            if seen.contains(name) { errors.append(.duplicate(path.child("name"), .string(name))) }
            seen.insert(name)
        }
        let image = container["image"]?.stringValue ?? ""
        if image.isEmpty {
            errors.append(.required(path.child("image")))
        } else if image.first == " " || image.last == " " {  // what trimming spaces would change
            errors.append(.invalid(path.child("image"), .string(image), "must not have leading or trailing whitespace"))
        }
        errors += validatePorts(container["ports"], path: path.child("ports"))
        for (i, variable) in (container["env"]?.arrayValue ?? []).enumerated() {
            let envName = variable["name"]?.stringValue ?? ""
            if envName.isEmpty {
                errors.append(.required(path.child("env").index(i).child("name")))
            } else if envName.contains("=") || !envName.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }) {
                errors.append(.invalid(path.child("env").index(i).child("name"), .string(envName),
                                       "a valid environment variable name must consist only of printable ASCII characters other than '='"))
            }
        }
        errors += validateResources(container["resources"], path: path.child("resources"))
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard let value = container[probe], value != .null else { continue }
            errors += validateProbe(value, path: path.child(probe), mustSucceedOnce: probe != "readinessProbe")
        }
        for (i, mount) in (container["volumeMounts"]?.arrayValue ?? []).enumerated() {
            let mountPath = path.child("volumeMounts").index(i)
            let volume = mount["name"]?.stringValue ?? ""
            if volume.isEmpty {
                errors.append(.required(mountPath.child("name")))
            } else if !volumes.contains(volume) {
                errors.append(FieldError(kind: .invalid, field: mountPath.child("name").text,
                                         message: "Not found: \(goQuote(volume))"))
            }
            if (mount["mountPath"]?.stringValue ?? "").isEmpty { errors.append(.required(mountPath.child("mountPath"))) }
        }
        if let policy = container["imagePullPolicy"]?.stringValue, !pullPolicies.contains(policy) {
            errors.append(.notSupported(path.child("imagePullPolicy"), .string(policy), pullPolicies))
        }
        if let policy = container["terminationMessagePolicy"]?.stringValue, !terminationMessagePolicies.contains(policy) {
            errors.append(.notSupported(path.child("terminationMessagePolicy"), .string(policy), terminationMessagePolicies))
        }
        return errors
    }

    /// Container ports: numbers in range, supported protocols, unique valid names.
    static func validatePorts(_ ports: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        var names = Set<String>()
        for (i, port) in ports.array.enumerated() {
            let p = path.index(i)
            if let name = port["name"]?.stringValue, !name.isEmpty {
                for message in NameRules.portNameErrors(name) { errors.append(.invalid(p.child("name"), .string(name), message)) }
                if names.contains(name) { errors.append(.duplicate(p.child("name"), .string(name))) }
                names.insert(name)
            }
            let containerPort = port["containerPort"]?.intValue ?? 0
            if containerPort == 0 {
                errors.append(.required(p.child("containerPort")))
            } else if !(1...65535).contains(containerPort) {
                errors.append(.invalid(p.child("containerPort"), .int(containerPort), portRangeMessage))
            }
            if let hostPort = port["hostPort"]?.intValue, hostPort != 0, !(1...65535).contains(hostPort) {
                errors.append(.invalid(p.child("hostPort"), .int(hostPort), portRangeMessage))
            }
            errors += validateProtocol(port["protocol"], path: p.child("protocol"))
        }
        return errors
    }

    static func validateProtocol(_ value: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let value, value != .null else { return [.required(path)] }
        return protocols.contains(value.stringValue ?? "") ? [] : [.notSupported(path, value, protocols)]
    }

    /// Requests and limits parse, are non-negative, and requests do not exceed limits.
    static func validateResources(_ resources: JSONValue?, path: FieldPath) -> [FieldError] {
        var errors: [FieldError] = []
        let limits = QuantityValidation.validateResourceList(resources?["limits"], path: path.child("limits"), errors: &errors)
        let requests = QuantityValidation.validateResourceList(resources?["requests"], path: path.child("requests"), errors: &errors)
        guard !limits.isEmpty else { return errors }  // nothing for a request to exceed
        for name in requests.keys.sorted() {
            guard let request = requests[name], let limit = limits[name], request > limit else { continue }
            errors.append(.invalid(path.child("requests").key(name), .string(request.text),
                                   "must be less than or equal to \(name) limit of \(limit.text)"))
        }
        return errors
    }

    /// A probe has exactly one handler, non-negative timings, and liveness/startup succeed after one success.
    static func validateProbe(_ probe: JSONValue, path: FieldPath, mustSucceedOnce: Bool) -> [FieldError] {
        var errors: [FieldError] = []
        let handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter { !probe[$0].isMissing }
        if handlers.isEmpty {
            errors.append(.required(path, "must specify a handler type"))
        } else if handlers.count > 1 {
            errors.append(.forbidden(path.child(handlers[1]), "may not specify more than 1 handler type"))
        }
        for field in ["initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold"] {
            if let n = probe[field]?.intValue, n < 0 {
                errors.append(.invalid(path.child(field), .int(n), "must be greater than or equal to 0"))
            }
        }
        if mustSucceedOnce, let n = probe["successThreshold"]?.intValue, n != 1 {
            errors.append(.invalid(path.child("successThreshold"), .int(n), "must be 1"))
        }
        for handler in ["httpGet", "tcpSocket"] {
            guard let port = probe[path: [handler, "port"]] else { continue }
            errors += validatePortNumOrName(port, path: path.child(handler, "port"))
        }
        return errors
    }

    /// An int-or-string port: a number in range or a valid port name.
    static func validatePortNumOrName(_ port: JSONValue, path: FieldPath) -> [FieldError] {
        if let name = port.stringValue {
            return NameRules.portNameErrors(name).map { .invalid(path, .string(name), $0) }
        }
        let number = port.intValue ?? 0
        return (1...65535).contains(number) ? [] : [.invalid(path, .int(number), portRangeMessage)]
    }
}
