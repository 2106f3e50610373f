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
    private var journal = AppendJournal(head: 0)
    private var recorded: RecordedLog!
    /// Whether the requests since the last controller run share an open savepoint (`rerun_segment`).
    private var inSegment = false
    /// The seqs of the requests sent in the open segment, for reading them again from the recorded log
    /// and sending them again after a failure.
    private var segment: [Int64] = []
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
    ///
    /// The recorded log is read ahead on a second thread (`RecordedEventReader`); the new events are
    /// compared as the store appends them (`AppendJournal`), without reading them back.
    func run() throws -> Outcome {
        let end = min(until ?? Int64.max, try source.lastSeq())
        // The new database's first events (settings, nodes) were written when it was created.
        let journal = AppendJournal(head: try target.lastSeq(), events: try target.readEvents(EventFilter()))
        target.journal = journal
        self.journal = journal
        defer { target.journal = nil }
        let reader = RecordedEventReader(path: source.path, end: end)
        reader.start()
        defer { reader.stop() }
        recorded = RecordedLog(reader: reader)
        // The new database is this re-run's alone: its SQLite writes go on a second core.
        return try target.writingBehind { try rerun(through: end) }
    }

    /// `run`'s loop: the inputs up to `end` sent again, and the new events compared as they come.
    private func rerun(through end: Int64) throws -> Outcome {
        var finished = false
        while !finished {
            // Many requests per transaction: commit boundaries do not change what the log holds.
            let divergence = try target.write { () throws -> Divergence? in
                // The commit (or rollback) ends the open segment's savepoint too.
                defer { inSegment = false; segment.removeAll() }
                for _ in 0..<10_000 {
                    guard let event = try recorded.next() else { finished = true; return nil }
                    if let divergence = try process(event) { return divergence }
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

    /// The newest seq of the new log (kept by the journal as the store appends).
    private var head: Int64 { journal.head }

    private func process(_ event: LogEvent) throws -> Divergence? {
        let head = self.head
        if event.seq <= head { return nil } // already produced by an earlier request; compared below
        if isInput(event) {
            if event.verb == .advance {
                try closeSegment()
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
                // The command ends where the next recorded event is not a request (or the log ends).
                if try recorded.peek(isInput) != true {
                    try closeSegment()
                    try settleIfNeeded()
                }
            }
        } else if event.seq == head + 1 {
            // A derived event with no request before it: a command that only ran the controllers.
            try closeSegment()
            advanceEngine = nil
            unsettled = true
            try settleIfNeeded()
        }
        return try compare(through: self.head)
    }

    /// Sends one request again; a failure is a divergence (the recorded request succeeded).
    ///
    /// Consecutive requests with no controller run between them share one savepoint (a segment) rather
    /// than one each. When one fails, the segment is rolled back and its earlier requests are sent again
    /// (they succeeded, and their events were compared already), then the failing one is sent alone
    /// under its own savepoint: the new log and the report are as if every request had had its own.
    private func reapply(_ event: LogEvent) throws -> Divergence? {
        try openSegment()
        do {
            try target.reapply(event)
            segment.append(event.seq)
            return nil
        } catch {
            try rollBackSegment()
            return try reapplyAlone(event)
        }
    }

    /// Starts a segment unless one is open.
    private func openSegment() throws {
        guard !inSegment else { return }
        try target.connection.run("SAVEPOINT rerun_segment")
        inSegment = true
    }

    /// Ends the open segment, keeping its requests (before the controllers run, and at an advance).
    private func closeSegment() throws {
        guard inSegment else { return }
        try target.connection.run("RELEASE rerun_segment")
        inSegment = false
        segment.removeAll(keepingCapacity: true)
    }

    /// Undoes the open segment, then sends its requests again: the log is back to where it was after the
    /// last request that succeeded, and their events (compared already) are not compared twice.
    private func rollBackSegment() throws {
        try target.connection.execute("ROLLBACK TO rerun_segment")
        try target.connection.execute("RELEASE rerun_segment")
        inSegment = false
        target.discardRolledBack()
        let earlier = segment
        segment.removeAll()
        if let first = earlier.first, let last = earlier.last {
            // One read of the recorded events the segment spans, of which it sent the requests.
            let wanted = Set(earlier)
            let events = try source.readEvents(EventFilter(since: first - 1, until: last)).filter { wanted.contains($0.seq) }
            guard events.count == earlier.count else { throw StoreError("the recorded log no longer has events \(first)-\(last)") }
            for event in events { try target.reapply(event) }
        }
        while journal.take(through: compared) != nil {}
    }

    /// Sends one request again under its own savepoint; a failure is a divergence.
    private func reapplyAlone(_ event: LogEvent) throws -> Divergence? {
        try target.connection.execute("SAVEPOINT rerun_request")
        do {
            try target.reapply(event)
            try target.connection.execute("RELEASE rerun_request")
            return nil
        } catch {
            try target.connection.execute("ROLLBACK TO rerun_request")
            try target.connection.execute("RELEASE rerun_request")
            target.discardRolledBack()
            if let divergence = try compare(through: head) { return divergence }
            return Divergence(seq: event.seq, recorded: event, now: try target.readEvents(EventFilter(since: event.seq - 1, limit: 1)).first,
                              note: "re-sending the recorded request failed: \(error)")
        }
    }

    private func settleIfNeeded() throws {
        guard unsettled else { return }
        unsettled = false
        // What the controllers would write now lands after `--until`: nothing left to compare.
        if let until, head >= until { return }
        try ControllerEngine(store: target, reconcilers: makeReconcilers()).settle()
    }

    /// Compares the new events after `compared` up to `through` (and `until`) with the recorded ones, in
    /// memory: the journal hands over what the store appended, the reader what was recorded.
    private func compare(through last: Int64) throws -> Divergence? {
        let bound = min(last, until ?? Int64.max)
        while let event = journal.take(through: bound) {
            let then = try recorded.nextToCompare()
            guard then == event else { return Divergence(seq: event.seq, recorded: then, now: event, note: nil) }
            compared = event.seq
            onEvent?(event, true)
        }
        return nil
    }
}
