import Model
import Determinism

extension Store {
    /// Writes the first event (seed, start time, node count), the standard namespaces and the simulated
    /// nodes, in one transaction.
    func initialize(_ settings: Settings) throws {
        try write {
            guard try head().seq == 0 else { throw StoreError.alreadyInitialized(path) }
            self.settings = settings
            let record: JSONValue = ["seed": .int(Int(truncatingIfNeeded: settings.seed)), "nodes": .int(settings.nodes),
                                     "start": .string(settings.start.rfc3339), "format": 1]
            try append(verb: .`init`, object: record, kind: nil, namespace: "", name: "", uid: "",
                       context: WriteContext(actor: "logbook"), seq: 1, time: settings.start)
            let system = WriteContext(actor: "system:apiserver")
            for name in ["default", "kube-node-lease", "kube-public", "kube-system"] {
                _ = try create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]],
                               context: system)
            }
            _ = try create(["apiVersion": "v1", "kind": "Service",
                            "metadata": ["name": "kubernetes", "namespace": "default",
                                         "labels": ["component": "apiserver", "provider": "kubernetes"]],
                            "spec": ["clusterIP": "10.96.0.1",
                                     "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]]]],
                           context: system)
            for index in stride(from: 1, through: settings.nodes, by: 1) {
                _ = try create(Store.simulatedNode(index: index, now: settings.start),
                               context: WriteContext(actor: "system:node:node-\(index)"))
            }
        }
    }

    /// A simulated node as its kubelet would register it: 4 CPU, 16Gi, 110 pods, Ready.
    public static func simulatedNode(index: Int, now: Timestamp) -> JSONValue {
        let name = "node-\(index)"
        let resources: JSONValue = ["cpu": "4", "memory": "16Gi", "pods": "110", "ephemeral-storage": "100Gi"]
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
             "lastHeartbeatTime": .string(now.rfc3339), "lastTransitionTime": .string(now.rfc3339)]
        }
        let podCIDR = "10.244.\(index).0/24"
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name),
                "labels": [
                    "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
                    "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux",
                    "type": "logbook",
                ],
                "annotations": ["node.alpha.kubernetes.io/ttl": "0"],
            ],
            "spec": ["podCIDR": .string(podCIDR), "podCIDRs": [.string(podCIDR)]],
            "status": [
                "capacity": resources, "allocatable": resources,
                "addresses": [["type": "InternalIP", "address": .string("10.0.0.\(index + 1)")],
                              ["type": "Hostname", "address": .string(name)]],
                "conditions": [
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "architecture": "amd64", "bootID": "", "containerRuntimeVersion": "logbook://simulated",
                    "kernelVersion": "simulated", "kubeProxyVersion": "", "kubeletVersion": "v1.32.0",
                    "machineID": "", "operatingSystem": "linux", "osImage": "Logbook simulated node", "systemUUID": "",
                ],
                "phase": "Running",
            ],
        ]
    }
}
