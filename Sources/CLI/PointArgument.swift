import Store

/// A point of the log typed on the command line: a seq (`120`) or an RFC 3339 time.
enum PointArgument {
    /// The seq `text` names in `store`'s log (a time: the newest event at or before it).
    static func resolve(_ text: String, flag: String? = nil, in store: Store) throws -> Int64 {
        guard let point = LogPoint(text) else {
            let what = flag.map { "for \"--\($0)\" flag" } ?? "as a point of the log"
            throw UsageError("invalid argument \"\(text)\" \(what): use a seq (e.g. 120) or an RFC 3339 time (e.g. 2026-01-01T00:05:00Z)")
        }
        return try store.rangeEnd(point)
    }

    /// The seq a read should stop at: `--until` when given, else the global `--at` (time travel) when the
    /// command line has it, else nil (the whole log).
    static func limit(_ arguments: ParsedArguments, _ context: CommandContext, store: Store) throws -> Int64? {
        if let text = arguments.value("until") { return try resolve(text, flag: "until", in: store) }
        if let text = context.globals.value("at") { return try resolve(text, flag: "at", in: store) }
        return nil
    }
}
