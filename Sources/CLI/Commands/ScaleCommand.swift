import Model
import Store

/// `logbook scale`: sets `spec.replicas` of Deployments, ReplicaSets and StatefulSets, as kubectl does
/// through the scale subresource (a merge patch, or with `--current-replicas` a checked update).
enum ScaleCommand: Command {
    static let name = "scale"
    static let abstract = "Set a new size for a Deployment, ReplicaSet or StatefulSet"
    static let usage = """
        Usage: logbook scale (TYPE NAME | TYPE/NAME) --replicas=COUNT [--current-replicas=COUNT] [--resource-version=VERSION] [flags]

        Examples:
          logbook scale deployment/web --replicas=5
          logbook scale --current-replicas=2 --replicas=3 deployment/web
          logbook scale statefulset db --replicas=3
        """
    static let flags: [Flag] = [
        Flag("replicas", value: "COUNT", help: "The new number of replicas (required)"),
        Flag("current-replicas", value: "COUNT", help: "Only scale if the current replicas are this many"),
        Flag("resource-version", value: "VERSION", help: "Only scale if the resourceVersion is this one"),
    ]

    /// The kinds with a scale subresource.
    static let scalable: [ResourceKind] = [.deployment, .replicaSet, .statefulSet]

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let replicas = try arguments.int("replicas") else { throw UsageError("required flag(s) \"replicas\" not set") }
        guard replicas >= 0 else {
            throw UsageError("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0")
        }
        let current = try arguments.int("current-replicas")
        let selection = try ResourceSelection.parse(arguments.positional)
        let targets = selection.entries.flatMap { entry in entry.names.map { (entry.kind, $0) } }
        guard !targets.isEmpty else { throw UsageError("no objects passed to scale") }
        let store = try context.writeStore()
        for (kind, name) in targets {
            guard scalable.contains(kind) else {
                throw APIError(reason: .notFound, message: "the server could not find the requested resource")
            }
            let object = try store.get(kind, namespace: context.namespace, name: name)
            if let current {
                let actual = object[path: ["spec", "replicas"]]?.intValue ?? 1
                guard actual == Int(current) else { throw RolloutError("Expected replicas to be \(current), was \(actual)") }
            }
            var patch: JSONValue = ["spec": ["replicas": .int(Int(replicas))]]
            if let version = arguments.value("resource-version") {
                patch["metadata"] = ["resourceVersion": .string(version)]
            } else if current != nil {
                patch["metadata"] = ["resourceVersion": .string(object.resourceVersion)]
            }
            _ = try store.patch(kind, namespace: context.namespace, name: name, patch: patch, type: .merge,
                                context: context.writeContext)
            context.out("\(kind.qualifiedSingular)/\(name) scaled\n")
        }
        return 0
    }
}
