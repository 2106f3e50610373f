import Model
import Store
import Determinism

/// `logbook rollout history|undo|pause|resume|restart|status|diff`: kubectl's rollout verbs.
enum RolloutCommand: Command {
    static let name = "rollout"
    static let abstract = "Manage the rollout of a Deployment: history, undo, pause, resume, restart, status"
    static let usage = """
        Usage: logbook rollout SUBCOMMAND (TYPE NAME | TYPE/NAME) [flags]

        Subcommands:
          history   Revisions of a Deployment (--revision=N shows one pod template; --diff shows who changed what)
          diff      What changed in the pod template between two revisions: rollout diff deployment/web 1 2
          undo      Go back to the previous revision, or --to-revision=N
          pause     Stop a Deployment from rolling out template changes
          resume    Let a paused Deployment roll out again
          restart   Roll out every pod again (sets the restartedAt template annotation)
          status    Follow a rollout in simulated time until it completes, fails or times out

        Examples:
          logbook rollout history deployment/web
          logbook rollout history deployment/web --revision=2
          logbook rollout history deployment/web --diff
          logbook rollout undo deployment/web --to-revision=1
          logbook rollout status deployment/web --timeout=5m
        """
    static let flags: [Flag] = [
        Flag("revision", value: "N", help: "history: show this revision's pod template; status: wait for this revision"),
        Flag("to-revision", value: "N", help: "undo: the revision to go back to (default 0: the previous one)"),
        Flag("dry-run", value: "MODE", help: "undo: none, client (print the template) or server"),
        Flag("output", short: "o", value: "FORMAT", help: "history: json or yaml prints the ReplicaSets"),
        Flag("diff", help: "history: for each revision, the event that made it and what changed in the pod template"),
        Flag("timeout", value: "DURATION", help: "status: how long to wait in simulated time (0: no limit)"),
        Flag("watch", short: "w", help: "status: keep watching until done (default true; --watch=false looks once)"),
    ]

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let verb = arguments.positional.first else {
            throw UsageError("rollout needs a subcommand: history, diff, undo, pause, resume, restart or status")
        }
        let words = Array(arguments.positional.dropFirst())
        let namespace = context.namespace
        switch verb {
        case "history":
            let target = try RolloutTarget.parse(words, verb: "rollout history")
            let store = try context.readStore()
            if arguments.bool("diff") {
                context.out(try RolloutDiff.render(target, from: nil, to: nil, store: store, namespace: namespace))
            } else {
                context.out(try RolloutHistory.history(target, revision: try arguments.int("revision"),
                                                       format: try OutputFormat(arguments.value("output")), store: store,
                                                       namespace: namespace))
            }
        case "diff":
            guard words.count >= 1 else { throw UsageError("usage: logbook rollout diff deployment/NAME [FROM TO]") }
            let numbers = words.compactMap { Int64($0) }
            let target = try RolloutTarget.parse(words.filter { Int64($0) == nil }, verb: "rollout diff")
            guard numbers.isEmpty || numbers.count == 2 else {
                throw UsageError("rollout diff takes two revisions (FROM TO) or none")
            }
            context.out(try RolloutDiff.render(target, from: numbers.first, to: numbers.last.flatMap { numbers.count == 2 ? $0 : nil },
                                               store: context.readStore(), namespace: namespace))
        case "undo":
            let target = try RolloutTarget.parse(words, verb: "rollout undo")
            let dryRun = arguments.value("dry-run") ?? "none"
            guard ["none", "client", "server"].contains(dryRun) else {
                throw UsageError("Invalid dry-run value (\(dryRun)). Must be \"none\", \"server\", or \"client\".")
            }
            let store = dryRun == "client" ? try context.readStore() : try context.writeStore()
            let result = try RolloutHistory.undo(target, toRevision: try arguments.int("to-revision") ?? 0, dryRun: dryRun,
                                                 store: store, namespace: namespace, context: context.writeContext)
            context.out(result)
        case "pause":
            let target = try RolloutTarget.parse(words, verb: "rollout pause")
            context.out(try RolloutPause.pause(target, store: context.writeStore(), namespace: namespace,
                                               context: context.writeContext))
        case "resume":
            let target = try RolloutTarget.parse(words, verb: "rollout resume")
            context.out(try RolloutPause.resume(target, store: context.writeStore(), namespace: namespace,
                                                context: context.writeContext))
        case "restart":
            let target = try RolloutTarget.parse(words, verb: "rollout restart")
            context.out(try RolloutPause.restart(target, store: context.writeStore(), namespace: namespace,
                                                 context: context.writeContext))
        case "status":
            let target = try RolloutTarget.parse(words, verb: "rollout status")
            let watch = arguments.has("watch") ? arguments.bool("watch") : true
            let store = try context.readStore()
            let watcher = RolloutStatusWatcher(advance: statusAdvance(context))
            return try watcher.run(target, store: store, namespace: namespace, timeout: try timeout(arguments),
                                   watch: watch, revision: try arguments.int("revision"), out: context.out)
        default:
            throw UsageError("unknown rollout subcommand \"\(verb)\": use history, diff, undo, pause, resume, restart or status")
        }
        return 0
    }

    /// How `rollout status` lets simulated time pass between looks: given at most how many seconds, run the
    /// controllers over that time and say whether anything is still scheduled (see `RolloutStatusWatcher`).
    /// Without a controller engine nothing ever changes, so this says no at once.
    static func statusAdvance(_ context: CommandContext) -> (Int64) throws -> Bool {
        if context.globals.bool("no-controllers") { return { _ in false } }
        return { seconds in try context.advanceToNextTimer(maxSeconds: seconds) }
    }

    /// `--timeout`: a duration such as `30s` or `5m`; `0` means no limit.
    static func timeout(_ arguments: ParsedArguments) throws -> Int64 {
        guard let text = arguments.value("timeout"), text != "0" else { return 0 }
        do { return try DurationText.seconds(text) } catch {
            throw UsageError("invalid argument \"\(text)\" for \"--timeout\" flag: time: invalid duration \"\(text)\"")
        }
    }
}
