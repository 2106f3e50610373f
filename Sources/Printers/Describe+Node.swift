import Model

extension DescribeWriter {
    /// `describeNode`, without the lease and the per-pod resource summary (Logbook serves neither leases
    /// nor resource accounting).
    mutating func node(_ node: JSONValue) {
        write(0, "Name:\t\(node.name)\n")
        let roles = NodeText.roles(node)
        write(0, "Roles:\t\(roles.isEmpty ? "<none>" : roles.joined(separator: ","))\n")
        labels("Labels", node.labels)
        annotations("Annotations", node.annotations)
        write(0, "CreationTimestamp:\t\(TimeText.rfc1123Z(node.creationTimestamp))\n")
        taints("Taints", node.list("spec", "taints"))
        write(0, "Unschedulable:\t\(node.flag("spec", "unschedulable"))\n")
        let conditions = node.list("status", "conditions")
        if !conditions.isEmpty {
            write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n")
            write(1, "----\t------\t-----------------\t------------------\t------\t-------\n")
            for c in conditions {
                write(1, "\(c.str("type")) \t\(c.str("status")) \t\(TimeText.rfc1123Z(c.optionalStr("lastHeartbeatTime"))) \t"
                    + "\(TimeText.rfc1123Z(c.optionalStr("lastTransitionTime"))) \t\(c.str("reason")) \t\(c.str("message"))\n")
            }
        }
        write(0, "Addresses:\n")
        for address in node.list("status", "addresses") { write(1, "\(address.str("type")):\t\(address.str("address"))\n") }
        for (title, key) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
            guard let resources = node.at("status", key)?.objectValue, !resources.isEmpty else { continue }
            write(0, "\(title):\n")
            for name in resources.keys.sorted() { write(0, "  \(name):\t\(resources[name]!.plainText)\n") }
        }
        let info = node.at("status", "nodeInfo") ?? .emptyObject
        write(0, "System Info:\n")
        for (title, key) in [("Machine ID", "machineID"), ("System UUID", "systemUUID"), ("Boot ID", "bootID"),
                             ("Kernel Version", "kernelVersion"), ("OS Image", "osImage"),
                             ("Operating System", "operatingSystem"), ("Architecture", "architecture"),
                             ("Container Runtime Version", "containerRuntimeVersion"),
                             ("Kubelet Version", "kubeletVersion"), ("Kube-Proxy Version", "kubeProxyVersion")] {
            write(0, "  \(title):\t\(info.str(key))\n")
        }
        if !node.str("spec", "podCIDR").isEmpty { write(0, "PodCIDR:\t\(node.str("spec", "podCIDR"))\n") }
        let cidrs = node.list("spec", "podCIDRs").map(\.plainText)
        if !cidrs.isEmpty { write(0, "PodCIDRs:\t\(cidrs.joined(separator: ","))\n") }
        if !node.str("spec", "providerID").isEmpty { write(0, "ProviderID:\t\(node.str("spec", "providerID"))\n") }
    }
}
