import Foundation

/// Batches handed from one producing thread to one consuming thread through a short queue: the producer
/// waits while the queue is full, the consumer while it is empty. The producer ends the hand-over with
/// `finish` (giving the error that stopped it, if one did); the consumer gives up with `cancel`.
///
/// `@unchecked Sendable`: every field is touched only with `condition` locked.
public final class BatchHandoff<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false
    private var cancelled = false
    private var failure: (any Error)?
    private let limit: Int

    /// At most `limit` batches wait in the queue.
    public init(limit: Int) { self.limit = limit }

    /// Queues `batch`, waiting while the queue is full; false once the consumer cancelled.
    public func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= limit && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The producer is done; `failure` is what stopped it early, if anything.
    public func finish(failure: (any Error)? = nil) {
        condition.lock()
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch in order; nil after the last. Throws what the producer finished with, once every
    /// batch it handed over has been taken.
    public func take() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard queue.isEmpty else {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer wants no more: a waiting or later `put` returns false.
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until the producer has finished (after `cancel`, once it has noticed).
    public func waitUntilFinished() {
        condition.lock()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
