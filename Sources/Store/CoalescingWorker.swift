import Foundation

/// A thread that works through requests one at a time, keeping only the newest: a request made while it
/// is busy replaces any other still waiting. The store's background jobs (WAL checkpoints, sidecar
/// snapshots) follow the log's commits this way, without ever holding up the thread that commits.
///
/// `@unchecked Sendable`: every field the two threads share is read and written under `condition`.
final class CoalescingWorker<Request>: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: Request?
    private var stopping = false
    private var running = false
    /// Whether `stop` lets the thread take the request still waiting first.
    private let finishesPendingOnStop: Bool

    init(finishesPendingOnStop: Bool) { self.finishesPendingOnStop = finishesPendingOnStop }

    /// Starts the thread, which runs `body` once: `body` calls `next()` for each request, which waits for
    /// one and returns nil once the worker is stopping; whatever `body` holds (connections) it releases
    /// before returning.
    func start(_ body: @escaping @Sendable (_ next: () -> Request?) -> Void) {
        running = true
        let thread = Thread {
            body(self.next)
            self.condition.lock()
            self.running = false
            self.condition.broadcast()
            self.condition.unlock()
        }
        thread.start()
    }

    /// Hands the thread a request, replacing one still waiting.
    func submit(_ request: Request) {
        condition.lock()
        pending = request
        condition.signal()
        condition.unlock()
    }

    /// Stops the thread after the request it is working on (and the one waiting, when it finishes those),
    /// and waits until `body` has returned.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func next() -> Request? {
        condition.lock()
        defer { condition.unlock() }
        while pending == nil && !stopping { condition.wait() }
        if stopping && !finishesPendingOnStop { return nil }
        defer { pending = nil }
        return pending
    }
}
