import Model
import Store

/// `logbook log`: the event log itself, one line per event, or JSON Lines.
enum LogCommand: Command {
    static let name = "log"
    static let abstract = "Print the event log: every change, who made it, and what caused it"
    static let usage = """
        Usage: logbook log [--kind KIND] [--name NAME] [--since SEQ] [-o json] [-f] [flags]

        With -f the log is followed as it grows (like tail -f): the matching events are printed, then new
        ones as other logbook commands write them, until interrupted (Ctrl-C) or the database file is
        removed. The table then has fixed column widths, since later rows cannot be known in advance.

        Examples:
          logbook log
          logbook log --kind Deployment --name web
          logbook log --since 120 -o json
          logbook log -f --kind pods
        """
    static let flags: [Flag] = [
        Flag("kind", value: "KIND", help: "Only events of this kind (Deployment, deploy, deployments...)"),
        Flag("name", value: "NAME", help: "Only events of objects with this name"),
        Flag("since", value: "SEQ", help: "Only events after this seq"),
        Flag("output", short: "o", value: "FORMAT", help: "json: one JSON object per line"),
        Flag("follow", short: "f", help: "Keep printing new events as they are written"),
        Flag("for", value: "SECONDS", help: "With -f: stop following after this many seconds of real time"),
        Flag("count", value: "N", help: "With -f: stop after printing this many events"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        var filter = EventFilter(since: try arguments.int("since"))
        if let kindText = arguments.value("kind") { filter.kind = try ResourceSelection.resolve(kindText).kind }
        filter.name = arguments.value("name")
        if context.namespaceGiven { filter.namespace = context.namespace }
        let json = try arguments.wantsJSON(command: "log", alsoAccepting: "table")
        if arguments.bool("follow") {
            let seconds = try arguments.value("for").map { text in
                guard let seconds = Double(text), seconds >= 0 else {
                    throw UsageError("invalid argument \"\(text)\" for \"--for\" flag: use a number of seconds")
                }
                return seconds
            }
            let follower = LogFollower(filter: filter, json: json, seconds: seconds,
                                       count: try arguments.int("count"))
            return try follower.run(context)
        }
        let events = try context.readStore().readEvents(filter)
        if json {
            context.out(events.map { $0.json.canonicalString() + "\n" }.joined())
            return 0
        }
        context.out(render(events))
        return 0
    }

    /// The default table: SEQ TIME ACTOR VERB KIND NAMESPACE/NAME CAUSE.
    static func render(_ events: [LogEvent]) -> String {
        TextTable.render([header] + events.map(row(for:)))
    }

    static let header = ["SEQ", "TIME", "ACTOR", "VERB", "OBJECT", "CAUSE"]

    /// The table's cells for one event.
    static func row(for event: LogEvent) -> [String] {
        let object: String
        switch event.verb {
        case .`init`: object = event.object.flatMap { try? JSONValue.parse($0) }.map {
            "seed=\($0["seed"]?.intValue ?? 0) nodes=\($0["nodes"]?.intValue ?? 0)" } ?? ""
        case .advance: object = event.object.flatMap { try? JSONValue.parse($0) }.map {
            "clock +\($0["seconds"]?.intValue ?? 0)s" } ?? ""
        default:
            let path = event.namespace.isEmpty ? event.name : "\(event.namespace)/\(event.name)"
            object = "\(event.kind) \(path)"
        }
        return [String(event.seq), event.time, event.actor, event.verb.rawValue, object, event.cause.map(String.init) ?? "-"]
    }
}

/// Left-aligned columns separated by three spaces, no trailing spaces.
enum TextTable {
    static func render(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 3)
            }.joined() + "\n"
        }.joined()
    }
}
