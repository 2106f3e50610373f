import Model
import Store
import Printers

/// `logbook describe`: kubectl's describe, with the Events of each object.
enum DescribeCommand: Command {
    static let name = "describe"
    static let abstract = "Show details of an object or group of objects"
    static let usage = """
        Usage: logbook describe (TYPE [NAME...] | TYPE/NAME...) [flags]

        Examples:
          logbook describe deployment web
          logbook describe pods -l app=web
        """
    static let flags: [Flag] = [
        Flag("selector", short: "l", value: "SELECTOR", help: "Label selector"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let selection = try ResourceSelection.parse(arguments.positional)
        let store = try context.readStore()
        let now = try store.now()
        let labels = try LabelSelector.parse(arguments.value("selector") ?? "")
        var blocks: [String] = []
        var related: [String: [JSONValue]] = [:]
        var failed = false
        for entry in selection.entries {
            let (objects, missing) = try entry.objects(in: store, context: context, labels: labels)
            if missing > 0 { failed = true }
            for object in objects {
                blocks.append(Describer.describe(object, kind: entry.kind, now: now) { kind, namespace in
                    // Describing many objects asks for the same lists (Events, ReplicaSets) again: read each once.
                    let key = "\(kind.kind)/\(namespace)"
                    if let known = related[key] { return known }
                    let found = (try? store.list(kind, namespace: kind.namespaced && !namespace.isEmpty ? namespace : nil)) ?? []
                    related[key] = found
                    return found
                })
            }
        }
        if blocks.isEmpty, !failed {
            context.err("No resources found in \(context.namespace) namespace.\n")
        }
        context.out(blocks.joined(separator: "\n\n"))
        return failed ? 1 : 0
    }
}
