import Model
import Store
import Controllers

/// `logbook node fail|recover NODE`: stops or restarts a simulated node's kubelet. A failed node stops
/// posting status; the node lifecycle controller turns it NotReady after 40 s of simulated time and
/// evicts its pods once their toleration (300 s by default) runs out.
enum NodeCommand: Command {
    static let name = "node"
    static let abstract = "Make a simulated node's kubelet fail or recover"
    static let usage = """
        Usage: logbook node fail|recover NODE [flags]

        fail     the node's kubelet stops posting status (annotation sim.logbook.dev/kubelet=down); after 40s
                 of simulated time the node turns NotReady and gets the node.kubernetes.io/unreachable taint,
                 and its pods are evicted when their toleration runs out (300s unless they say otherwise)
        recover  the kubelet posts status again: the node turns Ready and the taints go

        Examples:
          logbook node fail node-2
          logbook advance 6m
          logbook node recover node-2
        """
    static let flags: [Flag] = []

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positional.count == 2, ["fail", "recover"].contains(arguments.positional[0]) else {
            throw UsageError("expected 'fail NODE' or 'recover NODE'")
        }
        let failing = arguments.positional[0] == "fail"
        let name = arguments.positional[1]
        let store = try context.writeStore()
        let annotations: JSONValue = failing
            ? [SimulationAnnotation.kubelet: "down", SimulationAnnotation.kubeletStoppedAt: .string(try store.now().rfc3339)]
            : [SimulationAnnotation.kubelet: .null, SimulationAnnotation.kubeletStoppedAt: .null]
        let node = try store.get(.node, namespace: "", name: name)
        if failing, node.annotations[SimulationAnnotation.kubelet] == "down" {
            context.out("node/\(name) already failed\n")
            return 0
        }
        try store.patch(.node, namespace: "", name: name, patch: ["metadata": ["annotations": annotations]], type: .merge,
                        context: context.writeContext)
        context.out("node/\(name) \(failing ? "failed" : "recovered")\n")
        return 0
    }
}
