import Model
import Determinism

extension TableLayout {
    /// NAME STATUS ROLES AGE VERSION; wide INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME.
    static let nodeLayout = TableLayout(
        columns: [.name, .plain("STATUS"), .plain("ROLES"), .age, .plain("VERSION"), .wide("INTERNAL-IP"),
                  .wide("EXTERNAL-IP"), .wide("OS-IMAGE"), .wide("KERNEL-VERSION"), .wide("CONTAINER-RUNTIME")]
    ) { node, now in
        let roles = NodeText.roles(node)
        func orUnknown(_ text: String) -> String { text.isEmpty ? "<unknown>" : text }
        return [node.name, NodeText.status(node), roles.isEmpty ? "<none>" : roles.joined(separator: ","),
                Cells.age(node, now), node.str("status", "nodeInfo", "kubeletVersion"),
                NodeText.address(node, type: "InternalIP"), NodeText.address(node, type: "ExternalIP"),
                orUnknown(node.str("status", "nodeInfo", "osImage")),
                orUnknown(node.str("status", "nodeInfo", "kernelVersion")),
                orUnknown(node.str("status", "nodeInfo", "containerRuntimeVersion"))]
    }

    /// NAME STATUS AGE.
    static let namespaceLayout = TableLayout(columns: [.name, .plain("STATUS"), .age]) { object, now in
        [object.name, object.str("status", "phase"), Cells.age(object, now)]
    }
}

/// Node texts shared by the table and `describe`.
enum NodeText {
    /// `Ready`, `NotReady`, `Unknown`, with `,SchedulingDisabled` for a cordoned node.
    static func status(_ node: JSONValue) -> String {
        var parts: [String] = []
        if let ready = node.list("status", "conditions").last(where: { $0.str("type") == "Ready" }) {
            parts.append(ready.str("status") == "True" ? "Ready" : "NotReady")
        } else {
            parts.append("Unknown")
        }
        if node.flag("spec", "unschedulable") { parts.append("SchedulingDisabled") }
        return parts.joined(separator: ",")
    }

    /// `findNodeRoles`: suffixes of `node-role.kubernetes.io/<role>` labels and the `kubernetes.io/role`
    /// value, sorted and unique.
    static func roles(_ node: JSONValue) -> [String] {
        var roles = Set<String>()
        for (key, value) in node.labels {
            if key.hasPrefix("node-role.kubernetes.io/") {
                let role = String(key.dropFirst("node-role.kubernetes.io/".count))
                if !role.isEmpty { roles.insert(role) }
            } else if key == "kubernetes.io/role", !value.isEmpty {
                roles.insert(value)
            }
        }
        return roles.sorted()
    }

    /// The first address of a type, or `<none>`.
    static func address(_ node: JSONValue, type: String) -> String {
        node.list("status", "addresses").first { $0.str("type") == type }?.str("address") ?? "<none>"
    }
}
