import Model
import Store

/// `logbook explain KIND/NAME`: every event that touched an object, and for each, the chain of causes
/// back to the request that started it.
enum ExplainCommand: Command {
    static let name = "explain"
    static let abstract = "Show why an object is the way it is: its events and the chain of causes of each"
    static let usage = """
        Usage: logbook explain (TYPE/NAME | TYPE NAME) [--until SEQ|TIME] [-o json] [flags]

        Each event of the object is listed with what it changed; under it, indented, the event that caused
        it, and that event's cause, back to the person's request that started it. A cause already shown is
        not repeated ("← (see seq 42)"). Deleted objects can be explained too: their events stay in the log.

        Examples:
          logbook explain pod/web-7c6d5f8b9-x2k4q
          logbook explain deploy web --until 120
          logbook explain rs web-7c6d5f8b9 -o json
        """
    static let flags: [Flag] = [
        Flag("until", value: "SEQ|TIME", help: "Explain the object as of this point: only events up to this seq (or time)"),
        Flag("output", short: "o", value: "FORMAT", help: "json: the events and their whole chains as one JSON object"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let json = try arguments.wantsJSON(command: "explain")
        let selection = try ResourceSelection.parse(arguments.positional)
        guard selection.entries.count == 1, let entry = selection.entries.first, entry.names.count == 1 else {
            throw UsageError("explain takes exactly one object: TYPE/NAME or TYPE NAME")
        }
        let store = try context.readStore()
        let until = try PointArgument.limit(arguments, context, store: store)
        let explanation = try CauseTracer(store: store).explain(entry.kind, namespace: context.namespace,
                                                                name: entry.names[0], until: until)
        guard !explanation.events.isEmpty else {
            throw ExplainError.noEvents(entry.kind, namespace: explanation.namespace, name: entry.names[0], until: until)
        }
        if json {
            context.out(ExplainRendering.json(explanation).canonicalString() + "\n")
        } else {
            context.out(ExplainRendering.text(explanation))
        }
        return 0
    }
}

/// An object `explain` cannot find in the log.
struct ExplainError: Error, CustomStringConvertible {
    var description: String

    static func noEvents(_ kind: ResourceKind, namespace: String, name: String, until: Int64?) -> ExplainError {
        let place = namespace.isEmpty ? "" : " in namespace \"\(namespace)\""
        let point = until.map { " at or before seq \($0)" } ?? ""
        return ExplainError(description: "the log has no events for \(kind.qualifiedResource) \"\(name)\"\(place)\(point)")
    }
}
