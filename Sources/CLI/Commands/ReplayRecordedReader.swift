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
/// `@unchecked Sendable`: the queue and flags are shared with the reading thread and are only touched
/// with `condition` locked; the rest is immutable.
final class RecordedEventReader: @unchecked Sendable {
    private let path: String
    private let end: Int64
    private let condition = NSCondition()
    private var queue: [[LogEvent]] = []
    private var done = false
    private var stopped = false
    private var running = false
    private var failure: (any Error)?

    private static let batchSize = 4096, queueLimit = 4

    /// Reads the events of the database at `path` up to seq `end`.
    init(path: String, end: Int64) {
        self.path = path
        self.end = end
    }

    func start() {
        condition.lock()
        running = true
        condition.unlock()
        let thread = Thread { self.produce() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in seq order; nil after the last. Throws what reading the log threw.
    func next() throws -> [LogEvent]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !done { condition.wait() }
        guard queue.isEmpty else {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread and waits until it has closed its connection.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func produce() {
        do {
            try read()
        } catch {
            condition.lock()
            failure = error
            condition.unlock()
        }
        condition.lock()
        done = true
        running = false
        condition.broadcast()
        condition.unlock()
    }

    private func read() throws {
        let store = try Store.open(path: path, mode: .read)
        var after: Int64 = 0
        while after < end {
            let batch = try store.readEvents(EventFilter(since: after, until: end, limit: RecordedEventReader.batchSize))
            guard let last = batch.last else { return }
            after = last.seq
            guard hand(batch) else { return }
        }
    }

    /// Queues a batch, waiting while the queue is full; false once stopped.
    private func hand(_ batch: [LogEvent]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= RecordedEventReader.queueLimit && !stopped { condition.wait() }
        guard !stopped else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
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

    /// The next recorded event for the input cursor, without moving it.
    mutating func peek() throws -> LogEvent? {
        try fill { $0.input } ? buffer[input] : nil
    }

    /// The next recorded event for the input cursor.
    mutating func next() throws -> LogEvent? {
        guard let event = try peek() else { return nil }
        input += 1
        return event
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
