import Foundation
import Store

/// Reads the recorded log on a second thread while `replay --rerun` re-sends it on the first: large
/// batches of events, in seq order. The reading thread opens its own read-only connection to the
/// recorded database, so the two threads share no SQLite handle; batches are handed over through a
/// short queue.
///
/// It does not parse the objects ahead: a JSON tree built on one thread and then changed and freed on
/// the other made the re-run slower overall (measured: about 20% more CPU time, and no faster), as the
/// allocator then works across two threads' arenas.
///
/// `@unchecked Sendable`: the hand-over is the only state shared with the reading thread (it locks itself);
/// `started` is the calling thread's own, and the rest is immutable.
final class RecordedEventReader: @unchecked Sendable {
    private let path: String
    private let end: Int64
    private let handoff = BatchHandoff<[LogEvent]>(limit: RecordedEventReader.queueLimit)
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
        }
    }
}

/// The recorded log as `replay --rerun` walks it, over the reader's batches: an input cursor (the next
/// recorded event to look at for a request to send again) and a compare cursor (the recorded event the
/// next new event must equal). Events both cursors have passed are dropped.
struct RecordedLog {
    private let reader: RecordedEventReader
    private var buffer: [LogEvent] = []
    private var input = 0
    private var compared = 0
    private var finished = false

    init(reader: RecordedEventReader) { self.reader = reader }

    /// What `predicate` says of the next recorded event for the input cursor, without moving it (or
    /// copying the event); nil when the log has ended.
    mutating func peek(_ predicate: (LogEvent) -> Bool) throws -> Bool? {
        try fill { $0.input } ? predicate(buffer[input]) : nil
    }

    /// The next recorded event for the input cursor.
    mutating func next() throws -> LogEvent? {
        guard try fill({ $0.input }) else { return nil }
        input += 1
        return buffer[input - 1]
    }

    /// The recorded event the next new event is compared with; nil when the recorded log has ended.
    mutating func nextToCompare() throws -> LogEvent? {
        guard try fill({ $0.compared }) else { return nil }
        compared += 1
        return buffer[compared - 1]
    }

    /// Reads batches until the buffer holds the cursor's position; false when the log has ended first.
    private mutating func fill(_ cursor: (RecordedLog) -> Int) throws -> Bool {
        while buffer.count <= cursor(self) {
            guard !finished, let batch = try reader.next() else {
                finished = true
                return false
            }
            let passed = min(input, compared)
            if passed > 0 {
                buffer.removeFirst(passed)
                input -= passed
                compared -= passed
            }
            buffer.append(contentsOf: batch)
        }
        return true
    }
}
