import Model
import Store

/// `logbook diff A B`: the objects created, changed and deleted between two points of the log.
enum DiffCommand: Command {
    static let name = "diff"
    static let abstract = "Show which objects were created, changed (field by field) and deleted between two points"
    static let usage = """
        Usage: logbook diff A B [--kind KIND] [-n NAMESPACE] [-o json] [flags]

        A and B are seqs or RFC 3339 times; a time means the newest event at or before it. The state at a
        point is every object's newest version at or before it, unless that was its deletion. Changed
        objects list their fields as `path: before → after` (metadata.resourceVersion and
        metadata.managedFields are left out). Every namespace unless -n is given.

        Examples:
          logbook diff 40 95
          logbook diff 2026-01-01T00:00:00Z 2026-01-01T00:10:00Z --kind pods
          logbook diff 40 95 -n default -o json
        """
    static let flags: [Flag] = [
        Flag("kind", value: "KIND", help: "Only objects of this kind (Deployment, deploy, deployments...)"),
        Flag("output", short: "o", value: "FORMAT", help: "json: the differences as one JSON object"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let json = try arguments.wantsJSON(command: "diff")
        guard arguments.positional.count == 2 else {
            throw UsageError("diff takes two points of the log, A and B (seqs or RFC 3339 times), e.g. 'logbook diff 40 95'")
        }
        let kind = try arguments.value("kind").map(ResourceSelection.resolve)
        var namespace: String?
        if context.namespaceGiven, kind?.namespaced != false { namespace = context.namespace }
        let store = try context.readStore()
        let from = try PointArgument.resolve(arguments.positional[0], in: store)
        let to = try PointArgument.resolve(arguments.positional[1], in: store)
        let pairs = try store.versionPairs(from: from, to: to, kind: kind?.kind, namespace: namespace)
        let report = LogDiff(from: (from, try store.time(atSeq: from)), to: (to, try store.time(atSeq: to)),
                             entries: pairs.compactMap(LogDiff.Entry.init))
        context.out(json ? report.json.canonicalString() + "\n" : report.text)
        return 0
    }
}
