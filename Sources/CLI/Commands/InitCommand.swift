import Foundation
import Store
import Determinism

/// `logbook init`: create a database with a recorded seed, start time and simulated nodes.
enum InitCommand: Command {
    static let name = "init"
    static let abstract = "Create a database: its seed, start time and simulated nodes"
    static let usage = """
        Usage: logbook init [--seed N] [--start RFC3339] [--nodes N] [flags]

        The seed and start time are recorded in the first event, so the same requests on a new database
        give the same log. Write commands on a missing database create it with the defaults
        (seed 1, start 2026-01-01T00:00:00Z, 3 nodes).

        Examples:
          logbook init --db cluster.db --seed 7 --nodes 5
        """
    static let flags: [Flag] = [
        Flag("seed", value: "N", help: "The seed of every random choice (default 1)"),
        Flag("start", value: "RFC3339", help: "The simulated time of the first event (default 2026-01-01T00:00:00Z)"),
        Flag("nodes", value: "N", help: "How many simulated nodes to register (default 3)"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        var settings = Store.Settings.defaults
        if let seed = arguments.value("seed") {
            guard let value = UInt64(seed) else { throw UsageError("--seed must be a non-negative integer, not \"\(seed)\"") }
            settings.seed = value
        }
        if let start = arguments.value("start") {
            guard let time = Timestamp(rfc3339: start) else {
                throw UsageError("--start must be an RFC 3339 time such as 2026-01-01T00:00:00Z, not \"\(start)\"")
            }
            settings.start = time
        }
        if let nodes = try arguments.int("nodes") {
            guard nodes >= 0, nodes <= 100_000 else { throw UsageError("--nodes must be between 0 and 100000") }
            settings.nodes = Int(nodes)
        }
        let path = context.databasePath
        if FileManager.default.fileExists(atPath: path), let existing = try? Store.open(path: path, mode: .read),
           try existing.lastSeq() > 0 {
            throw StoreError("database \(path) already exists and is initialized; its seed and start time are fixed in its first event")
        }
        let store = try Store.create(path: path, settings: settings)
        context.out("initialized \(path): seed \(settings.seed), start \(settings.start.rfc3339), \(settings.nodes) nodes, \(try store.lastSeq()) events\n")
        return 0
    }
}

/// `logbook advance`: move the simulated clock.
enum AdvanceCommand: Command {
    static let name = "advance"
    static let abstract = "Move the simulated clock forward, recording it in the log"
    static let usage = """
        Usage: logbook advance DURATION [flags]

        Examples:
          logbook advance 30s
          logbook advance 1h30m
        """
    static let flags: [Flag] = []

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positional.count == 1 else { throw UsageError("advance takes one duration, e.g. 30s, 5m, 1h") }
        let seconds: Int64
        do { seconds = try DurationText.seconds(arguments.positional[0]) } catch { throw UsageError(error.description) }
        try context.advance(seconds: seconds)
        let time = try context.writeStore().now()
        context.out("clock advanced \(DurationText.format(seconds: seconds)) to \(time.rfc3339)\n")
        return 0
    }
}

/// `logbook version`.
enum VersionCommand: Command {
    static let name = "version"
    static let abstract = "Print the logbook version and the Kubernetes version it simulates"
    static let usage = "Usage: logbook version"
    static let flags: [Flag] = []
    static let version = "0.1.0"

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        context.out("""
            Logbook Version: v\(version)
            Kubernetes Version: v1.32.0 (simulated)
            Schema Version: \(Store.schemaVersion)

            """)
        return 0
    }
}
