import Store

/// `logbook export`: the log as self-describing, tamper-evident JSON Lines.
enum ExportCommand: Command {
    static let name = "export"
    static let abstract = "Write the event log as JSON Lines with its hash chain (a bug report is one file)"
    static let usage = """
        Usage: logbook export [--since SEQ] [flags] > FILE

        The first line is a header (format, version, seed, start time, the seqs it holds and the hash the
        first event chains onto); then one event per line with every field and its hash. `logbook import`
        checks the whole chain before writing anything.

        Examples:
          logbook export > bug.jsonl
          logbook export --since 1200 > tail.jsonl
        """
    static let flags: [Flag] = [
        Flag("since", value: "SEQ", help: "Only the events after this seq (the header carries the hash they chain onto)"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let store = try context.readStore()
        try store.exportLog(since: try arguments.int("since") ?? 0) { chunk in
            context.out(String(decoding: chunk, as: UTF8.self))
        }
        return 0
    }
}

/// `logbook import`: check an export and write it into a new database.
enum ImportCommand: Command {
    static let name = "import"
    static let abstract = "Check an export (order, hash chain, objects) and load it into a new database"
    static let usage = """
        Usage: logbook import FILE --into NEW.db [flags]

        Every line is checked first: the header, contiguous increasing seqs, the hash chain, and each
        object. The first problem is reported with its line number and nothing is written. The projections
        are rebuilt as the live writes built them. A partial export (`export --since N`) continues an
        existing database that ends at seq N with the same hash.

        Examples:
          logbook import bug.jsonl --into repro.db
        """
    static let flags: [Flag] = [
        Flag("into", value: "PATH", help: "The database to create (default: --db, which must not exist yet)"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positional.count == 1, let file = arguments.positional.first else {
            throw UsageError("import needs exactly one FILE (an export made by `logbook export`)")
        }
        guard let target = arguments.value("into") ?? context.globals.value("db") else {
            throw UsageError("import needs --into NEW.db: the database to create")
        }
        let summary = try Store.importLog(from: file, into: target)
        let range = summary.events == 0 ? "no events" : "seq \(summary.firstSeq)-\(summary.lastSeq)"
        context.out("imported \(summary.events) events (\(range)) into \(target); hash chain verified, head \(summary.head.prefix(16))\n")
        return 0
    }
}
