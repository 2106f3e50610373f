import Foundation
import Synchronization
import Store

/// Reads the recorded log on a second thread while `replay --rerun` re-sends it on the first: large
/// batches of events, in seq order. The reading thread opens its own read-only connection to the
/// recorded database, so the two threads share no SQLite handle; batches are handed over through a
/// short queue.
///
/// Memory allocated on one thread and freed on the other costs more than either alone (glibc's arenas),
/// so the batches the re-run is done with come back to this thread to be freed (`recycle`), and objects
/// are not parsed ahead (that made the re-run 45% slower: its trees are changed and freed on the other
/// thread).
///
/// `@unchecked Sendable`: the hand-overs are the only state shared with the reading thread (they lock
/// themselves); `started` is the calling thread's own, and the rest is immutable.
final class RecordedEventReader: @unchecked Sendable {
    private let path: String
    private let end: Int64
    private let handoff = BatchHandoff<[LogEvent]>(limit: RecordedEventReader.queueLimit)
    /// Batches the re-run is done with, freed by the reading thread.
    private let finished = Mutex<[[LogEvent]]>([])
    private var started = false

    private static let batchSize = 4096, queueLimit = 4

    /// Reads the events of the database at `path` up to seq `end`.
    init(path: String, end: Int64) {
        self.path = path
        self.end = end
    }

    func start() {
        started = true
        let thread = Thread { self.produce() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in seq order; nil after the last. Throws what reading the log threw.
    func next() throws -> [LogEvent]? {
        try handoff.take()
    }

    /// Hands a batch the caller is done with back to the reading thread, which frees it.
    func recycle(_ batch: [LogEvent]) {
        finished.withLock { $0.append(batch) }
    }

    /// Stops the reading thread and waits until it has closed its connection.
    func stop() {
        handoff.cancel()
        if started { handoff.waitUntilFinished() }
    }

    private func produce() {
        do {
            try read()
            handoff.finish()
        } catch {
            handoff.finish(failure: error)
        }
    }

    private func read() throws {
        let store = try Store.open(path: path, mode: .read)
        var after: Int64 = 0
        while after < end {
            let batch = try store.readEvents(EventFilter(since: after, until: end, limit: RecordedEventReader.batchSize))
            guard let last = batch.last else { return }
            after = last.seq
            guard handoff.put(batch) else { return }
            let done = finished.withLock { batches in defer { batches = [] }; return batches }
            withExtendedLifetime(done) {}  // freed here, where they were made
        }
    }
}

/// The recorded log as `replay --rerun` walks it, over the reader's batches: an input cursor (the next
/// recorded event to look at for a request to send again) and a compare cursor (the recorded event the
/// next new event must equal). Events both cursors have passed are dropped.
struct RecordedLog {
    private let reader: RecordedEventReader
    /// The batches still held, oldest first, and the position of the first event of the first one.
    private var batches: [[LogEvent]] = []
    private var base = 0
    /// The position after the last event held.
    private var end = 0
    private var input = 0
    private var compared = 0
    private var finished = false

    init(reader: RecordedEventReader) { self.reader = reader }

    /// What `predicate` says of the next recorded event for the input cursor, without moving it (or
    /// copying the event); nil when the log has ended.
    mutating func peek(_ predicate: (LogEvent) -> Bool) throws -> Bool? {
        guard try fill(through: input) else { return nil }
        return withEvent(at: input, predicate)
    }

    /// The next recorded event for the input cursor.
    mutating func next() throws -> LogEvent? {
        guard try fill(through: input) else { return nil }
        input += 1
        return withEvent(at: input - 1) { $0 }
    }

    /// The recorded event the next new event is compared with; nil when the recorded log has ended.
    mutating func nextToCompare() throws -> LogEvent? {
        guard try fill(through: compared) else { return nil }
        compared += 1
        return withEvent(at: compared - 1) { $0 }
    }

    private func withEvent<T>(at position: Int, _ body: (LogEvent) -> T) -> T {
        var start = base
        for batch in batches {
            if position < start + batch.count { return body(batch[position - start]) }
            start += batch.count
        }
        preconditionFailure("event \(position) is not held")
    }

    /// Reads batches until the one holding `position` is here, and hands back those both cursors have
    /// passed; false when the log ends first.
    private mutating func fill(through position: Int) throws -> Bool {
        while let first = batches.first, base + first.count <= min(input, compared) {
            base += first.count
            reader.recycle(batches.removeFirst())
        }
        while end <= position {
            guard !finished, let batch = try reader.next() else {
                finished = true
                return false
            }
            end += batch.count
            batches.append(batch)
        }
        return true
    }
}
