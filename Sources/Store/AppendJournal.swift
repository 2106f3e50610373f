/// The events a store appends, kept in memory in log order, for a caller that checks every new event
/// (`replay --rerun`) without reading it back from SQLite.
///
/// Set `Store.journal` to start keeping them. Events that a rollback removes are dropped again
/// (`Store.discardRolledBack`, which every rollback of the store's writes calls), so the journal holds
/// exactly the log's events after `head` at the time it was made, minus those already taken.
public final class AppendJournal {
    /// The newest seq in the log.
    public private(set) var head: Int64
    private var pending: [LogEvent] = []
    private var taken = 0

    /// A journal for a log whose newest seq is `head`, holding `events` (already in the log) to be taken
    /// first.
    public init(head: Int64, events: [LogEvent] = []) {
        self.head = head
        pending = events
    }

    func record(_ event: LogEvent) {
        pending.append(event)
        head = event.seq
    }

    /// Drops the events after `seq` (rolled back); `seq` is the log's newest seq now.
    func forget(after seq: Int64) {
        while pending.count > taken, let last = pending.last, last.seq > seq { pending.removeLast() }
        head = seq
    }

    /// Removes and returns the oldest event not yet taken when its seq is at most `seq`.
    public func take(through seq: Int64) -> LogEvent? {
        guard taken < pending.count, pending[taken].seq <= seq else { return nil }
        let event = pending[taken]
        taken += 1
        if taken == pending.count {
            pending.removeAll(keepingCapacity: true)
            taken = 0
        } else if taken >= 4096, taken * 2 >= pending.count {
            pending.removeFirst(taken)
            taken = 0
        }
        return event
    }
}
