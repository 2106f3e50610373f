import Model

/// kubectl's `DescribePodTemplate` written through a bare `PrefixWriter`, as `rollout history --revision=N`
/// and `rollout undo --dry-run=client` print it: two spaces per level and the tabs left in the text (there
/// is no tab writer on that path, so columns are not aligned).
struct RolloutPodTemplate {
    private var text = ""

    private mutating func write(_ level: Int, _ line: String) {
        text += String(repeating: "  ", count: level) + line
    }

    /// The `Pod Template:` block of `template`.
    static func describe(_ template: JSONValue?) -> String {
        var writer = RolloutPodTemplate()
        writer.podTemplate(template)
        return writer.text
    }

    private mutating func podTemplate(_ template: JSONValue?) {
        write(0, "Pod Template:\n")
        guard let template, template.objectValue != nil else { write(1, "<unset>"); return }
        labels("  Labels", JSONValue.stringMap(template[path: ["metadata", "labels"]]))
        let annotations = JSONValue.stringMap(template[path: ["metadata", "annotations"]])
        if !annotations.isEmpty { self.annotations("  Annotations", annotations) }
        let spec = template["spec"] ?? .emptyObject
        if let account = spec["serviceAccountName"]?.stringValue, !account.isEmpty {
            write(1, "Service Account:\t\(account)\n")
        }
        if let initContainers = spec["initContainers"]?.arrayValue, !initContainers.isEmpty {
            containers("Init Containers", initContainers)
        }
        containers("Containers", spec["containers"]?.arrayValue ?? [])
        volumes(spec["volumes"]?.arrayValue ?? [])
        if let priority = spec["priorityClassName"]?.stringValue, !priority.isEmpty {
            write(1, "Priority Class Name:\t\(priority)\n")
        }
        labels("  Node-Selectors", JSONValue.stringMap(spec["nodeSelector"]))
        tolerations(spec["tolerations"]?.arrayValue ?? [])
    }

    private mutating func labels(_ title: String, _ labels: [String: String]) {
        write(0, "\(title):\t")
        guard !labels.isEmpty else { write(0, "<none>\n"); return }
        for (index, key) in labels.keys.sorted().enumerated() {
            if index != 0 { write(0, "\t") }
            write(0, "\(key)=\(labels[key]!)\n")
        }
    }

    private mutating func annotations(_ title: String, _ annotations: [String: String]) {
        write(0, "\(title):\t")
        let keys = annotations.keys.filter { $0 != "kubectl.kubernetes.io/last-applied-configuration" }.sorted()
        guard !keys.isEmpty else { write(0, "<none>\n"); return }
        for (index, key) in keys.enumerated() {
            if index != 0 { write(0, "\t") }
            var value = annotations[key]!
            if value.hasSuffix("\n") { value.removeLast() }
            if value.utf8.count + key.utf8.count + 2 > 140 || value.contains("\n") {
                write(0, "\(key):\n")
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    let cut = line.utf8.count > 138 ? String(decoding: Array(line.utf8.prefix(138)), as: UTF8.self) + "..." : String(line)
                    write(0, "\t  \(cut)\n")
                }
            } else {
                write(0, "\(key): \(value)\n")
            }
        }
    }

    private mutating func containers(_ label: String, _ containers: [JSONValue]) {
        write(0, "  \(label):\(containers.isEmpty ? " <none>" : "")\n")
        for container in containers {
            write(1, " \(container.text("name")):\n")
            write(2, "Image:\t\(container.text("image"))\n")
            let ports = container["ports"]?.arrayValue ?? []
            let portText = ports.map { "\($0["containerPort"]?.intValue ?? 0)/\($0["protocol"]?.stringValue ?? "TCP")" }
                .joined(separator: ", ")
            let hostText = ports.map { "\($0["hostPort"]?.intValue ?? 0)/\($0["protocol"]?.stringValue ?? "TCP")" }
                .joined(separator: ", ")
            write(2, portText.contains(",") ? "Ports:\t\(portText)\n" : "Port:\t\(portText.isEmpty ? "<none>" : portText)\n")
            write(2, hostText.contains(",") ? "Host Ports:\t\(hostText)\n" : "Host Port:\t\(hostText.isEmpty ? "<none>" : hostText)\n")
            for (title, key) in [("Command", "command"), ("Args", "args")] {
                guard let items = container[key]?.arrayValue, !items.isEmpty else { continue }
                write(2, "\(title):\n")
                for item in items {
                    for line in (item.stringValue ?? item.canonicalString()).split(separator: "\n", omittingEmptySubsequences: false) {
                        write(3, "\(line)\n")
                    }
                }
            }
            for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
                guard let list = container[path: ["resources", key]]?.objectValue, !list.isEmpty else { continue }
                write(2, "\(title):\n")
                for name in list.keys.sorted() { write(3, "\(name):\t\(list[name]!.stringValue ?? list[name]!.canonicalString())\n") }
            }
            for (title, key) in [("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")] {
                guard let probe = container[key], probe.objectValue != nil else { continue }
                write(2, "\(title):\t\(RolloutPodTemplate.probe(probe))\n")
            }
            environment(container)
            let mounts = (container["volumeMounts"]?.arrayValue ?? []).sorted { $0.text("mountPath") < $1.text("mountPath") }
            write(2, "Mounts:\(mounts.isEmpty ? "\t<none>" : "")\n")
            for mount in mounts {
                var flags = [mount["readOnly"]?.boolValue == true ? "ro" : "rw"]
                if !mount.text("subPath").isEmpty { flags.append("path=\"\(mount.text("subPath"))\"") }
                write(3, "\(mount.text("mountPath")) from \(mount.text("name")) (\(flags.joined(separator: ",")))\n")
            }
        }
    }

    private mutating func environment(_ container: JSONValue) {
        let variables = container["env"]?.arrayValue ?? []
        write(2, "Environment:\(variables.isEmpty ? "\t<none>" : "")\n")
        for variable in variables {
            let name = variable.text("name")
            guard let from = variable["valueFrom"], from.objectValue != nil else {
                for (index, line) in variable.text("value").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    write(3, index == 0 ? "\(name):\t\(line)\n" : "\t\(line)\n")
                }
                continue
            }
            if let field = from["fieldRef"] {
                write(3, "\(name):\t (\(field.text("apiVersion")):\(field.text("fieldPath")))\n")
            } else if let field = from["resourceFieldRef"] {
                write(3, "\(name):\t (\(field.text("containerName")):\(field.text("resource")))\n")
            } else if let key = from["secretKeyRef"] {
                write(3, "\(name):\t<set to the key '\(key.text("key"))' in secret '\(key.text("name"))'>\tOptional: \(key["optional"]?.boolValue == true)\n")
            } else if let key = from["configMapKeyRef"] {
                write(3, "\(name):\t<set to the key '\(key.text("key"))' of config map '\(key.text("name"))'>\tOptional: \(key["optional"]?.boolValue == true)\n")
            }
        }
    }

    private mutating func volumes(_ volumes: [JSONValue]) {
        guard !volumes.isEmpty else { write(0, "  Volumes:\t<none>\n"); return }
        write(0, "  Volumes:\n")
        for volume in volumes {
            write(1, " \(volume.text("name")):\n")
            if let source = volume["emptyDir"] {
                write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n")
                write(2, "Medium:\t\(source.text("medium"))\n")
                write(2, "SizeLimit:\t\(source["sizeLimit"]?.stringValue ?? "<unset>")\n")
            } else if let source = volume["configMap"] {
                write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n")
                write(2, "Name:\t\(source.text("name"))\n")
                write(2, "Optional:\t\(source["optional"]?.boolValue == true)\n")
            } else if let source = volume["secret"] {
                write(2, "Type:\tSecret (a volume populated by a Secret)\n")
                write(2, "SecretName:\t\(source.text("secretName"))\n")
                write(2, "Optional:\t\(source["optional"]?.boolValue == true)\n")
            } else if let source = volume["persistentVolumeClaim"] {
                write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n")
                write(2, "ClaimName:\t\(source.text("claimName"))\n")
                write(2, "ReadOnly:\t\(source["readOnly"]?.boolValue == true)\n")
            } else if let source = volume["hostPath"] {
                write(2, "Type:\tHostPath (bare host directory volume)\n")
                write(2, "Path:\t\(source.text("path"))\n")
                write(2, "HostPathType:\t\(source["type"]?.stringValue ?? "")\n")
            } else {
                write(1, "<unknown>\n")
            }
        }
    }

    private mutating func tolerations(_ tolerations: [JSONValue]) {
        write(0, "  Tolerations:\t")
        guard !tolerations.isEmpty else { write(0, "<none>\n"); return }
        for (index, toleration) in tolerations.enumerated() {
            if index != 0 { write(0, "\t") }
            let key = toleration.text("key"), value = toleration.text("value"), effect = toleration.text("effect")
            var line = key
            if !value.isEmpty { line += "=\(value)" }
            if !effect.isEmpty { line += ":\(effect)" }
            if toleration.text("operator") == "Exists", value.isEmpty {
                line += (key.isEmpty && effect.isEmpty) ? "op=Exists" : " op=Exists"
            }
            if let seconds = toleration["tolerationSeconds"]?.intValue { line += " for \(seconds)s" }
            write(0, line + "\n")
        }
    }

    /// `DescribeProbe`.
    static func probe(_ probe: JSONValue) -> String {
        func number(_ key: String) -> Int { probe[key]?.intValue ?? 0 }
        let attributes = "delay=\(number("initialDelaySeconds"))s timeout=\(number("timeoutSeconds"))s "
            + "period=\(number("periodSeconds"))s #success=\(number("successThreshold")) #failure=\(number("failureThreshold"))"
        func port(_ value: JSONValue?) -> String { value?.intValue.map(String.init) ?? value?.stringValue ?? "" }
        if let exec = probe["exec"] {
            let command = (exec["command"]?.arrayValue ?? []).map { $0.stringValue ?? $0.canonicalString() }
            return "exec [\(command.joined(separator: " "))] \(attributes)"
        }
        if let get = probe["httpGet"] {
            let scheme = (get["scheme"]?.stringValue ?? "HTTP").lowercased()
            let portText = port(get["port"])
            let host = portText.isEmpty ? get.text("host") : "\(get.text("host")):\(portText)"
            return "http-get \(scheme)://\(host)\(get.text("path")) \(attributes)"
        }
        if let socket = probe["tcpSocket"] { return "tcp-socket \(socket.text("host")):\(port(socket["port"])) \(attributes)" }
        if let grpc = probe["grpc"] {
            return "grpc <pod>:\(grpc["port"]?.intValue ?? 0) \(grpc.text("service")) \(attributes)"
        }
        return "unknown \(attributes)"
    }
}

extension JSONValue {
    /// A string member, `""` when absent.
    fileprivate func text(_ key: String) -> String { self[key]?.stringValue ?? "" }
}
