import Foundation
import Model
import Store
import Determinism
import Controllers

/// One `logbook` subcommand, as a type (the swift-argument-parser feel, without the dependency).
protocol Command: Sendable {
    /// The word that selects the command, e.g. `get`.
    static var name: String { get }
    /// One line for `logbook help`.
    static var abstract: String { get }
    /// The usage lines and examples for `--help`.
    static var usage: String { get }
    /// The command's own flags (global flags are added by the dispatcher).
    static var flags: [Flag] { get }
    /// Runs with parsed arguments; returns the exit code.
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32
    /// Whether the command writes, so the controllers run afterwards until the cluster settles.
    static var settlesAfterwards: Bool { get }
}

extension Command {
    static var settlesAfterwards: Bool { false }
}

/// What every command gets: the output streams, the environment, global options and the database.
final class CommandContext {
    let output: Output
    let environment: [String: String]
    let standardInput: () -> String
    let globals: ParsedArguments

    init(output: Output, environment: [String: String], standardInput: @escaping () -> String, globals: ParsedArguments) {
        self.output = output
        self.environment = environment
        self.standardInput = standardInput
        self.globals = globals
    }

    /// `--db`, else `LOGBOOK_DB`, else `./logbook.db`.
    var databasePath: String { globals.value("db") ?? environment["LOGBOOK_DB"] ?? "logbook.db" }
    /// `-n`, else `default`.
    var namespace: String { globals.value("namespace") ?? "default" }
    var namespaceGiven: Bool { globals.has("namespace") }
    var allNamespaces: Bool { globals.bool("all-namespaces") }
    /// The actor recorded for this person's writes (`--as`, else `kubernetes-admin`).
    var writeContext: WriteContext { WriteContext(actor: globals.value("as") ?? WriteContext.user.actor) }

    private var openStore: Store?

    /// The database for reading: a missing database is an error.
    func readStore() throws -> Store {
        if let openStore { return openStore }
        let store = try Store.open(path: databasePath, mode: .read)
        try pinAtRequestedPoint(store)
        openStore = store
        return store
    }

    /// Whether this command opened the database for writing.
    var wroteDatabase: Bool { openStore.map { !$0.isReadOnly } ?? false }

    /// The database for writing: a missing database is created with defaults.
    func writeStore() throws -> Store {
        try refuseTimeTravelForWrites()
        if let openStore, !openStore.isReadOnly { return openStore }
        let store = try Store.open(path: databasePath, mode: .write)
        openStore = store
        return store
    }

    /// Runs the controllers until nothing more is due now (unless `--no-controllers`), reporting failures.
    func settle() throws {
        guard !globals.bool("no-controllers") else { return }
        let store = try writeStore()
        let lock = try ControllerLock(databasePath: store.path)
        let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        try engine.settle()
        reportFailures(engine)
        _ = lock
    }

    /// Moves simulated time, running controllers at each instant they asked for.
    func advance(seconds: Int64) throws {
        let store = try writeStore()
        if globals.bool("no-controllers") {
            try store.advance(seconds: seconds, context: writeContext)
            return
        }
        let lock = try ControllerLock(databasePath: store.path)
        let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        try engine.advance(seconds: seconds, context: writeContext)
        reportFailures(engine)
        _ = lock
    }

    /// For `rollout status`: lets at most `maxSeconds` of simulated time pass, stopping at the next
    /// controller timer, with the controllers running; false when nothing at all is scheduled.
    func advanceToNextTimer(maxSeconds: Int64) throws -> Bool {
        let store = try writeStore()
        let lock = try ControllerLock(databasePath: store.path)
        defer { _ = lock }
        let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        try engine.settle()
        guard let due = try engine.nextDue() else { return false }
        let now = try store.now()
        let step = min(max(due - now, 1), maxSeconds)
        try engine.advance(seconds: step, context: writeContext)
        reportFailures(engine)
        return true
    }

    private func reportFailures(_ engine: ControllerEngine) {
        for (key, error) in engine.failures.suffix(5) { err("warning: \(key): \(error)\n") }
    }

    func out(_ text: String) { output.out(text) }
    func err(_ text: String) { output.err(text) }
}

/// Flags every command accepts.
let globalFlags: [Flag] = [
    Flag("db", value: "PATH", help: "The database file (default: $LOGBOOK_DB, else ./logbook.db)"),
    Flag("namespace", short: "n", value: "NAMESPACE", help: "The namespace for this request (default: default)"),
    Flag("all-namespaces", short: "A", help: "List across all namespaces"),
    Flag("as", value: "USER", help: "The user recorded as the actor of this request's events (default: kubernetes-admin)"),
    Flag("no-controllers", help: "Write without running the controllers afterwards"),
    Flag("at", value: "SEQ|TIME", help: "Read the state as it was right after this seq, or at this RFC 3339 time (read commands)"),
    Flag("help", short: "h", help: "Show help for the command"),
]
