import Model

extension DescribeWriter {
    /// `DescribePodTemplate`: labels, annotations, containers, volumes, node selectors and tolerations of
    /// a workload's pod template, indented under `Pod Template:`.
    mutating func podTemplate(_ template: JSONValue?) {
        write(0, "Pod Template:\n")
        guard let template, template.objectValue != nil else { write(1, "<unset>"); return }
        labels("  Labels", template.stringMap("metadata", "labels"))
        let templateAnnotations = template.stringMap("metadata", "annotations")
        if !templateAnnotations.isEmpty { annotations("  Annotations", templateAnnotations) }
        let spec = template.at("spec") ?? .emptyObject
        if !spec.str("serviceAccountName").isEmpty { write(1, "Service Account:\t\(spec.str("serviceAccountName"))\n") }
        if !spec.list("initContainers").isEmpty {
            containers("Init Containers", spec.list("initContainers"), statuses: [], space: "  ")
        }
        containers("Containers", spec.list("containers"), statuses: [], space: "  ")
        volumes(spec.list("volumes"), space: "  ")
        if !spec.str("priorityClassName").isEmpty { write(1, "Priority Class Name:\t\(spec.str("priorityClassName"))\n") }
        labels("  Node-Selectors", spec.stringMap("nodeSelector"))
        tolerations("  Tolerations", spec.list("tolerations"))
    }

    /// `describeContainers`: each container's image, ports, command, state (when a status is given),
    /// resources, probes, environment and mounts.
    mutating func containers(_ label: String, _ containers: [JSONValue], statuses: [JSONValue], space: String) {
        write(0, "\(space)\(label):\(containers.isEmpty ? " <none>" : "")\n")
        for container in containers {
            let status = statuses.first { $0.str("name") == container.str("name") }
            write(1, "\(space.isEmpty ? "" : " ")\(container.str("name")):\n")
            if let status { write(2, "Container ID:\t\(status.str("containerID"))\n") }
            write(2, "Image:\t\(container.str("image"))\n")
            if let status { write(2, "Image ID:\t\(status.str("imageID"))\n") }
            let ports = container.list("ports")
            let portText = ports.map { "\($0.num("containerPort"))/\($0.optionalStr("protocol") ?? "TCP")" }.joined(separator: ", ")
            let hostText = ports.map { "\($0.num("hostPort"))/\($0.optionalStr("protocol") ?? "TCP")" }.joined(separator: ", ")
            write(2, portText.contains(",") ? "Ports:\t\(portText)\n" : "Port:\t\(portText.isEmpty ? "<none>" : portText)\n")
            write(2, hostText.contains(",") ? "Host Ports:\t\(hostText)\n" : "Host Port:\t\(hostText.isEmpty ? "<none>" : hostText)\n")
            if let policy = container.optionalStr("restartPolicy") { write(2, "Restart Policy:\t\(policy)\n") }
            for (title, key) in [("Command", "command"), ("Args", "args")] where !container.list(key).isEmpty {
                write(2, "\(title):\n")
                for item in container.list(key) {
                    for line in (item.stringValue ?? item.plainText).split(separator: "\n", omittingEmptySubsequences: false) {
                        write(3, "\(line)\n")
                    }
                }
            }
            if let status { containerState(status) }
            resources(container.at("resources"))
            probes(container)
            environment(container)
            mounts(container.list("volumeMounts"))
        }
    }

    private mutating func containerState(_ status: JSONValue) {
        state("State", status.at("state"))
        if status.at("lastState", "terminated") != nil { state("Last State", status.at("lastState")) }
        write(2, "Ready:\t\(status.flag("ready") ? "True" : "False")\n")
        write(2, "Restart Count:\t\(status.num("restartCount"))\n")
    }

    private mutating func state(_ title: String, _ state: JSONValue?) {
        if let running = state?["running"] {
            write(2, "\(title):\tRunning\n")
            write(3, "Started:\t\(TimeText.rfc1123Z(running.optionalStr("startedAt")))\n")
        } else if let waiting = state?["waiting"] {
            write(2, "\(title):\tWaiting\n")
            if !waiting.str("reason").isEmpty { write(3, "Reason:\t\(waiting.str("reason"))\n") }
        } else if let terminated = state?["terminated"] {
            write(2, "\(title):\tTerminated\n")
            if !terminated.str("reason").isEmpty { write(3, "Reason:\t\(terminated.str("reason"))\n") }
            if !terminated.str("message").isEmpty { write(3, "Message:\t\(terminated.str("message"))\n") }
            write(3, "Exit Code:\t\(terminated.num("exitCode"))\n")
            if terminated.num("signal") > 0 { write(3, "Signal:\t\(terminated.num("signal"))\n") }
            write(3, "Started:\t\(TimeText.rfc1123Z(terminated.optionalStr("startedAt")))\n")
            write(3, "Finished:\t\(TimeText.rfc1123Z(terminated.optionalStr("finishedAt")))\n")
        } else {
            write(2, "\(title):\tWaiting\n")
        }
    }

    private mutating func resources(_ resources: JSONValue?) {
        for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
            guard let list = resources?[key]?.objectValue, !list.isEmpty else { continue }
            write(2, "\(title):\n")
            for name in list.keys.sorted() { write(3, "\(name):\t\(list[name]!.plainText)\n") }
        }
    }

    private mutating func probes(_ container: JSONValue) {
        for (title, key) in [("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")] {
            guard let probe = container[key], probe.objectValue != nil else { continue }
            write(2, "\(title):\t\(DescribeText.probe(probe))\n")
        }
    }

    private mutating func environment(_ container: JSONValue) {
        let sources = container.list("envFrom")
        if !sources.isEmpty {
            write(2, "Environment Variables from:\n")
            for source in sources {
                let isConfigMap = source.at("configMapRef") != nil
                let reference = source.at(isConfigMap ? "configMapRef" : "secretRef") ?? .emptyObject
                let from = isConfigMap ? "ConfigMap" : "Secret"
                let prefix = source.str("prefix")
                let kindText = prefix.isEmpty ? from : "\(from) with prefix '\(prefix)'"
                write(3, "\(reference.str("name"))\t\(kindText)\tOptional: \(reference.flag("optional"))\n")
            }
        }
        let variables = container.list("env")
        write(2, "Environment:\(variables.isEmpty ? "\t<none>" : "")\n")
        for variable in variables {
            let name = variable.str("name")
            guard let from = variable.at("valueFrom"), from.objectValue != nil else {
                for (index, line) in variable.str("value").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    write(3, index == 0 ? "\(name):\t\(line)\n" : "\t\(line)\n")
                }
                continue
            }
            if let field = from["fieldRef"] {
                write(3, "\(name):\t (\(field.str("apiVersion")):\(field.str("fieldPath")))\n")
            } else if let field = from["resourceFieldRef"] {
                write(3, "\(name):\t (\(field.str("containerName")):\(field.str("resource")))\n")
            } else if let key = from["secretKeyRef"] {
                write(3, "\(name):\t<set to the key '\(key.str("key"))' in secret '\(key.str("name"))'>\tOptional: \(key.flag("optional"))\n")
            } else if let key = from["configMapKeyRef"] {
                write(3, "\(name):\t<set to the key '\(key.str("key"))' of config map '\(key.str("name"))'>\tOptional: \(key.flag("optional"))\n")
            }
        }
    }

    private mutating func mounts(_ mounts: [JSONValue]) {
        write(2, "Mounts:\(mounts.isEmpty ? "\t<none>" : "")\n")
        for mount in mounts.sorted(by: { $0.str("mountPath") < $1.str("mountPath") }) {
            var flags = [mount.flag("readOnly") ? "ro" : "rw"]
            if !mount.str("subPath").isEmpty { flags.append("path=\"\(mount.str("subPath"))\"") }
            write(3, "\(mount.str("mountPath")) from \(mount.str("name")) (\(flags.joined(separator: ",")))\n")
        }
    }

    /// `describeVolumes` for the volume types Logbook's workloads use.
    mutating func volumes(_ volumes: [JSONValue], space: String) {
        guard !volumes.isEmpty else { write(0, "\(space)Volumes:\t<none>\n"); return }
        write(0, "\(space)Volumes:\n")
        for volume in volumes {
            write(1, "\(space.isEmpty ? "" : " ")\(volume.str("name")):\n")
            if let source = volume["hostPath"] {
                write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t\(source.str("path"))\n"
                    + "    HostPathType:\t\(source.optionalStr("type") ?? "<none>")\n")
            } else if let source = volume["emptyDir"] {
                write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\(source.str("medium"))\n"
                    + "    SizeLimit:\t\(source.optionalStr("sizeLimit") ?? "<unset>")\n")
            } else if let source = volume["configMap"] {
                write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t\(source.str("name"))\n"
                    + "    Optional:\t\(source.flag("optional"))\n")
            } else if let source = volume["secret"] {
                write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t\(source.str("secretName"))\n"
                    + "    Optional:\t\(source.flag("optional"))\n")
            } else if let source = volume["persistentVolumeClaim"] {
                write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
                    + "    ClaimName:\t\(source.str("claimName"))\n    ReadOnly:\t\(source.flag("readOnly"))\n")
            } else {
                write(1, "<unknown>\n")
            }
        }
    }
}

extension DescribeText {
    /// `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
    static func probe(_ probe: JSONValue) -> String {
        let attributes = "delay=\(probe.num("initialDelaySeconds"))s timeout=\(probe.num("timeoutSeconds"))s "
            + "period=\(probe.num("periodSeconds"))s #success=\(probe.num("successThreshold")) #failure=\(probe.num("failureThreshold"))"
        if let exec = probe["exec"] {
            return "exec [\(exec.list("command").map(\.plainText).joined(separator: " "))] \(attributes)"
        }
        if let get = probe["httpGet"] {
            let scheme = (get.optionalStr("scheme") ?? "HTTP").lowercased()
            let port = get.at("port")?.intOrStringText ?? ""
            let host = port.isEmpty ? get.str("host") : "\(get.str("host")):\(port)"
            return "http-get \(scheme)://\(host)\(get.str("path")) \(attributes)"
        }
        if let socket = probe["tcpSocket"] {
            return "tcp-socket \(socket.str("host")):\(socket.at("port")?.intOrStringText ?? "") \(attributes)"
        }
        if let grpc = probe["grpc"] {
            return "grpc <pod>:\(grpc.num("port")) \(grpc.str("service")) \(attributes)"
        }
        return "unknown \(attributes)"
    }
}
