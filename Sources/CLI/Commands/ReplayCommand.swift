import Foundation
import Store
import Controllers

/// `logbook replay`: check a log against itself (`--verify`) or against today's controllers (`--rerun`).
enum ReplayCommand: Command {
    static let name = "replay"
    static let abstract = "Verify a log, or re-run its requests through today's controllers and compare"
    static let usage = """
        Usage: logbook replay --verify [flags]
               logbook replay --rerun [FROM.db] [--into NEW.db] [--until SEQ] [--step] [flags]

        --verify rebuilds every projection from the log (as `logbook verify`) and checks the hash chain.

        --rerun takes the log's inputs (its seed, start time and nodes, people's requests and clock
        advances) and sends them again, in order, to a fresh database, with the controllers settling
        after each command as the CLI does. The new log is compared with the recorded one event by event:
        identical exits 0; otherwise the first divergent event is shown (what was recorded, what happened
        now, and the fields that differ) and it exits 1. FROM.db defaults to --db.

        Examples:
          logbook replay --verify
          logbook replay --rerun bug.db --into repro.db
          logbook replay --rerun --until 120 --step
        """
    static let flags: [Flag] = [
        Flag("verify", help: "Rebuild the projections from the log and check the hash chain"),
        Flag("rerun", help: "Re-run the log's requests through today's controllers and compare"),
        Flag("into", value: "PATH", help: "Keep the re-run's database here (default: a temporary file)"),
        Flag("until", value: "SEQ", help: "Stop after this recorded seq"),
        Flag("step", help: "Print each event as it replays"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        switch (arguments.bool("verify"), arguments.bool("rerun")) {
        case (true, false):
            guard arguments.positional.isEmpty else { throw UsageError("replay --verify checks --db; it takes no FROM.db") }
            let code = try VerifyCommand.run(arguments, context)
            let chain = try context.readStore().verifyHashChain()
            if let broken = chain.brokenAt {
                context.out("hash chain broken at seq \(broken): that event's stored hash does not match its fields and the previous hash\n")
                return 1
            }
            context.out("hash chain intact: \(chain.eventsChecked) events, head \(chain.head.prefix(16))\n")
            return code
        case (false, true):
            return try rerun(arguments, context, reconcilers: StandardControllers.all)
        default:
            throw UsageError("replay needs exactly one of --verify or --rerun")
        }
    }

    /// The re-run, with the controllers `reconcilers` makes (today's standard list from the CLI).
    static func rerun(_ arguments: ParsedArguments, _ context: CommandContext,
                      reconcilers: @escaping () -> [any Reconciler]) throws -> Int32 {
        guard arguments.positional.count <= 1 else { throw UsageError("replay --rerun takes at most one FROM.db") }
        let from = arguments.positional.first ?? context.databasePath
        let until = try arguments.int("until")
        if let until, until < 1 { throw UsageError("--until must be a seq (1 or more)") }
        let source = try Store.open(path: from, mode: .read)
        let keep = arguments.value("into")
        if let keep, FileManager.default.fileExists(atPath: keep) {
            throw UsageError("--into \(keep): the file exists; the re-run writes a new database (remove it, or choose another path)")
        }
        // The new database is written as a scratch file (journal in memory), which a crash could leave
        // unusable: beside NEW.db, renamed to it once complete; otherwise in a folder deleted at the end.
        let folder = keep == nil ? try ScratchFolder.make(prefix: "logbook-rerun") : nil
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let path = keep.map { $0 + ".partial" } ?? folder!.appendingPathComponent("rerun.db").path
        if keep != nil { try? FileManager.default.removeItem(atPath: path) }  // a crashed run's
        let outcome: LogRerun.Outcome
        do {
            let target = try Store.create(path: path, settings: source.settings)
            try target.useAsScratch()
            // Recorded requests change what earlier ones wrote, and controllers read it back: keep it decoded.
            target.keepsWrittenObjects = true
            let rerun = LogRerun(source: source, target: target, until: until, makeReconcilers: reconcilers)
            if arguments.bool("step") { rerun.onEvent = { event, _ in context.out(ReplayReport.line(event) + "\n") } }
            outcome = try rerun.run()
            target.dropCachedObjectsInBackground()
        } catch {
            if keep != nil { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
        if let keep, rename(path, keep) != 0 {
            throw UsageError("cannot rename \(path) to \(keep): \(String(cString: strerror(errno)))")
        }
        if let divergence = outcome.divergence {
            context.out(ReplayReport.divergence(divergence))
            return 1
        }
        context.out("replayed \(outcome.identical) events: identical to the recorded log\n")
        return 0
    }
}
