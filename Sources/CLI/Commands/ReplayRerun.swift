import Foundation
import Model
import Store
import Controllers
import Determinism

/// `replay --rerun`: a recorded log's inputs (its settings, people's requests, clock advances) sent
/// again, in order, to a fresh database through today's controllers, with the new log compared event by
/// event with the recorded one.
///
/// Command boundaries are not in the log, so they are inferred as the CLI makes them: consecutive
/// requests with no controller event between them are one command and settle once afterwards (a
/// multi-document `apply`, or writes made with `--no-controllers`); a clock advance that ends on a
/// controller timer is a step inside one `logbook advance` (which stops at each timer), so the next
/// advance shares its engine; one that ends elsewhere reached the command's target. (Controllers derive
/// everything from the log, so the boundaries only decide where `settle` runs, as the CLI does.)
final class LogRerun {
    /// The first event where the new log differs from the recorded one.
    struct Divergence {
        var seq: Int64
        /// nil when the recorded log ends before the new one.
        var recorded: LogEvent?
        /// nil when the re-run produced no event at this seq.
        var now: LogEvent?
        /// Why, when re-sending a request failed.
        var note: String?
    }

    struct Outcome {
        /// Events compared and found identical.
        var identical: Int64
        var divergence: Divergence?
    }

    let source: Store
    let target: Store
    let until: Int64?
    let makeReconcilers: () -> [any Reconciler]
    let controllerNames: Set<String>
    /// Called with each new event as it is compared (`--step`).
    var onEvent: ((LogEvent, Bool) -> Void)?

    private var compared: Int64 = 0
    private var advanceEngine: ControllerEngine?
    private var unsettled = false

    init(source: Store, target: Store, until: Int64?, makeReconcilers: @escaping () -> [any Reconciler]) {
        self.source = source
        self.target = target
        self.until = until
        self.makeReconcilers = makeReconcilers
        controllerNames = Set(makeReconcilers().map(\.name) + StandardControllers.all().map(\.name))
    }

    /// Whether a recorded event is an input: a person's request or clock advance, not a derived event.
    func isInput(_ event: LogEvent) -> Bool {
        event.cause == nil && event.verb != .`init` && !controllerNames.contains(event.actor)
            && event.actor != "logbook" && event.actor != "namespace-controller" && !event.actor.hasPrefix("system:")
    }

    /// Re-runs every input (up to `until`) and compares.
    func run() throws -> Outcome {
        let end = min(until ?? Int64.max, try source.lastSeq())
        var recorded = RecordedEvents(store: source, end: end)
        var finished = false
        while !finished {
            // Many requests per transaction: commit boundaries do not change what the log holds.
            let divergence = try target.write { () throws -> Divergence? in
                for _ in 0..<2000 {
                    guard let event = try recorded.next() else { finished = true; return nil }
                    if let divergence = try process(event, next: try recorded.peek()) { return divergence }
                }
                return nil
            }
            if let divergence { return Outcome(identical: compared, divergence: divergence) }
        }
        if let divergence = try target.write({ () throws -> Divergence? in
            try settleIfNeeded()
            return try compare(through: end)
        }) {
            return Outcome(identical: compared, divergence: divergence)
        }
        if compared < end {
            let missing = try source.readEvents(EventFilter(since: compared, limit: 1)).first
            return Outcome(identical: compared, divergence: Divergence(seq: compared + 1, recorded: missing, now: nil, note: nil))
        }
        return Outcome(identical: compared, divergence: nil)
    }

    private func process(_ event: LogEvent, next: LogEvent?) throws -> Divergence? {
        let head = try target.lastSeq()
        if event.seq <= head { return nil } // already produced by an earlier request; compared below
        if isInput(event) {
            if event.verb == .advance {
                try settleIfNeeded()
                if let divergence = try compare(through: head) { return divergence }
                let engine = try advanceEngine ?? ControllerEngine(store: target, reconcilers: makeReconcilers())
                let seconds = Int64(try JSONValue.parse(event.object ?? "{}")["seconds"]?.intValue ?? 0)
                // `logbook advance` steps to each timer, then to its target: a step that ends on a timer is
                // inside the command (same engine); one that does not ends it (the next gets a new engine).
                let endsOnTimer = try engine.nextDue() == (try target.now()) + seconds
                try engine.advance(seconds: seconds, context: WriteContext(actor: event.actor))
                advanceEngine = endsOnTimer ? engine : nil
            } else {
                advanceEngine = nil
                if let failure = try reapply(event) { return failure }
                unsettled = true
                if next.map({ !isInput($0) }) ?? true { try settleIfNeeded() }
            }
        } else if event.seq == head + 1 {
            // A derived event with no request before it: a command that only ran the controllers.
            advanceEngine = nil
            unsettled = true
            try settleIfNeeded()
        }
        return try compare(through: try target.lastSeq())
    }

    /// Sends one request again; a failure is a divergence (the recorded request succeeded).
    private func reapply(_ event: LogEvent) throws -> Divergence? {
        try target.connection.execute("SAVEPOINT rerun_request")
        do {
            try target.reapply(event)
            try target.connection.execute("RELEASE rerun_request")
            return nil
        } catch {
            try target.connection.execute("ROLLBACK TO rerun_request")
            try target.connection.execute("RELEASE rerun_request")
            target.discardRolledBack()
            if let divergence = try compare(through: try target.lastSeq()) { return divergence }
            return Divergence(seq: event.seq, recorded: event, now: try target.readEvents(EventFilter(since: event.seq - 1, limit: 1)).first,
                              note: "re-sending the recorded request failed: \(error)")
        }
    }

    private func settleIfNeeded() throws {
        guard unsettled else { return }
        unsettled = false
        // What the controllers would write now lands after `--until`: nothing left to compare.
        if let until, try target.lastSeq() >= until { return }
        try ControllerEngine(store: target, reconcilers: makeReconcilers()).settle()
    }

    /// Compares new events after `compared` up to `through` (and `until`) with the recorded ones.
    private func compare(through last: Int64) throws -> Divergence? {
        let bound = min(last, until ?? Int64.max)
        while compared < bound {
            let upper = min(bound, compared + 2000)
            let now = try target.readEvents(EventFilter(since: compared, until: upper))
            let then = try source.readEvents(EventFilter(since: compared, until: upper))
            for (index, event) in now.enumerated() {
                let recorded = index < then.count ? then[index] : nil
                guard recorded == event else {
                    return Divergence(seq: event.seq, recorded: recorded, now: event, note: nil)
                }
                compared = event.seq
                onEvent?(event, true)
            }
            if now.isEmpty { break }
        }
        return nil
    }
}

/// The recorded log read in chunks, with one event of lookahead.
struct RecordedEvents {
    let store: Store
    let end: Int64
    private var buffer: [LogEvent] = []
    private var index = 0
    private var after: Int64 = 0

    init(store: Store, end: Int64) { self.store = store; self.end = end }

    mutating func peek() throws -> LogEvent? {
        if index == buffer.count {
            guard after < end else { return nil }
            buffer = try store.readEvents(EventFilter(since: after, until: end, limit: 5000))
            index = 0
            guard let last = buffer.last else { after = end; return nil }
            after = last.seq
        }
        return buffer[index]
    }

    mutating func next() throws -> LogEvent? {
        guard let event = try peek() else { return nil }
        index += 1
        return event
    }
}
