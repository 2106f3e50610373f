import Model
import Determinism

extension DescribeWriter {
    /// `describePod`.
    mutating func pod(_ pod: JSONValue, now: Timestamp) {
        write(0, "Name:\t\(pod.name)\n")
        write(0, "Namespace:\t\(pod.namespace)\n")
        if let priority = pod.at("spec", "priority")?.intValue { write(0, "Priority:\t\(priority)\n") }
        if !pod.str("spec", "priorityClassName").isEmpty {
            write(0, "Priority Class Name:\t\(pod.str("spec", "priorityClassName"))\n")
        }
        if !pod.str("spec", "runtimeClassName").isEmpty {
            write(0, "Runtime Class Name:\t\(pod.str("spec", "runtimeClassName"))\n")
        }
        if !pod.str("spec", "serviceAccountName").isEmpty {
            write(0, "Service Account:\t\(pod.str("spec", "serviceAccountName"))\n")
        }
        let node = pod.str("spec", "nodeName")
        write(0, node.isEmpty ? "Node:\t<none>\n" : "Node:\t\(node)/\(pod.str("status", "hostIP"))\n")
        if let start = pod.optionalStr("status", "startTime") { write(0, "Start Time:\t\(TimeText.rfc1123Z(start))\n") }
        labels("Labels", pod.labels)
        annotations("Annotations", pod.annotations)
        let phase = pod.str("status", "phase")
        if let deletion = pod.deletionTimestamp, phase != "Failed", phase != "Succeeded" {
            write(0, "Status:\tTerminating (lasts \(HumanDuration.since(deletion, now: now)))\n")
            write(0, "Termination Grace Period:\t\(pod.num("metadata", "deletionGracePeriodSeconds"))s\n")
        } else {
            write(0, "Status:\t\(phase)\n")
        }
        if !pod.str("status", "reason").isEmpty { write(0, "Reason:\t\(pod.str("status", "reason"))\n") }
        if !pod.str("status", "message").isEmpty { write(0, "Message:\t\(pod.str("status", "message"))\n") }
        write(0, "IP:\t\(pod.str("status", "podIP"))\n")
        let ips = pod.list("status", "podIPs")
        if ips.isEmpty {
            write(0, "IPs:\t<none>\n")
        } else {
            write(0, "IPs:\n")
            for ip in ips { write(1, "IP:\t\(ip.str("ip"))\n") }
        }
        if let controller = DescribeText.controlledBy(pod) { write(0, "Controlled By:\t\(controller)\n") }
        if !pod.str("status", "nominatedNodeName").isEmpty {
            write(0, "NominatedNodeName:\t\(pod.str("status", "nominatedNodeName"))\n")
        }
        if !pod.list("spec", "initContainers").isEmpty {
            containers("Init Containers", pod.list("spec", "initContainers"),
                       statuses: pod.list("status", "initContainerStatuses"), space: "")
        }
        containers("Containers", pod.list("spec", "containers"), statuses: pod.list("status", "containerStatuses"), space: "")
        let conditions = pod.list("status", "conditions")
        if !conditions.isEmpty {
            write(0, "Conditions:\n  Type\tStatus\n")
            for condition in conditions { write(1, "\(condition.str("type")) \t\(condition.str("status")) \n") }
        }
        volumes(pod.list("spec", "volumes"), space: "")
        write(0, "QoS Class:\t\(QualityOfService.podClass(pod))\n")
        labels("Node-Selectors", pod.stringMap("spec", "nodeSelector"))
        tolerations("Tolerations", pod.list("spec", "tolerations"))
    }
}

/// `qos.GetPodQOS`: the recorded `status.qosClass`, else computed from container requests and limits.
enum QualityOfService {
    static func podClass(_ pod: JSONValue) -> String {
        if let recorded = pod.optionalStr("status", "qosClass"), !recorded.isEmpty { return recorded }
        var requests: [String: Double] = [:], limits: [String: Double] = [:]
        var guaranteed = true
        for container in pod.list("spec", "containers") + pod.list("spec", "initContainers") {
            for (name, value) in container.at("resources", "requests")?.objectValue ?? [:] where name == "cpu" || name == "memory" {
                if let amount = quantity(value), amount > 0 { requests[name, default: 0] += amount }
            }
            var limited = Set<String>()
            for (name, value) in container.at("resources", "limits")?.objectValue ?? [:] where name == "cpu" || name == "memory" {
                if let amount = quantity(value), amount > 0 { limited.insert(name); limits[name, default: 0] += amount }
            }
            if !limited.isSuperset(of: ["cpu", "memory"]) { guaranteed = false }
        }
        if requests.isEmpty, limits.isEmpty { return "BestEffort" }
        if guaranteed, requests.allSatisfy({ limits[$0.key] == $0.value }), requests.count == limits.count { return "Guaranteed" }
        return "Burstable"
    }

    /// A Kubernetes quantity (`100m`, `128Mi`, `1G`, `2`) as a number.
    static func quantity(_ value: JSONValue) -> Double? {
        if let number = value.doubleValue { return number }
        guard let text = value.stringValue else { return nil }
        let suffixes: [(String, Double)] = [("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
                                            ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976),
                                            ("n", 1e-9), ("u", 1e-6), ("m", 1e-3), ("k", 1e3), ("M", 1e6), ("G", 1e9),
                                            ("T", 1e12), ("P", 1e15), ("E", 1e18)]
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { $0 * factor }
        }
        return Double(text)
    }
}
