import Foundation
import Model
import Determinism
import Store
import SQLiteKit

/// Runs the controllers over the log: hands every new event to each reconciler's `keys(for:)`, keeps a
/// de-duplicating queue of (controller, key), reconciles in a fixed order (controller order, then sorted
/// keys), and keeps the keys that asked to be looked at again at a simulated time. The same log always
/// produces the same derived events.
public final class ControllerEngine {
    public let store: Store
    public let reconcilers: [any Reconciler]
    /// Reconcile failures seen (key, error), newest last; for `logbook` to report.
    public private(set) var failures: [(String, String)] = []

    struct WorkItem: Hashable, Comparable {
        var controller: Int
        var key: ObjectKey
        static func < (a: WorkItem, b: WorkItem) -> Bool {
            a.controller != b.controller ? a.controller < b.controller : a.key < b.key
        }
    }

    /// How many reconciles share one write transaction.
    var reconcilesPerTransaction = 2_000

    /// Pending work and the seq of the event that caused it.
    private var queue: [WorkItem: Int64] = [:]
    /// The queued items a due timer asked for: each timer is removed in the transaction that runs it.
    private var timerItems: Set<WorkItem> = []
    /// Where the cursor moves once the round in progress is done.
    private var roundCursor: Int64 = 0
    /// For tests: throw after this many reconciles, as if the process died there.
    var stopAfterReconciles: Int?
    private var clients: [StoreClient] = []

    public init(store: Store, reconcilers: [any Reconciler]) throws {
        self.store = store
        self.reconcilers = reconcilers
        store.keepsWrittenObjects = true
        clients = try reconcilers.map { try StoreClient(store: store, context: WriteContext(actor: $0.name)) }
    }

    /// The seq up to which events were handed to the controllers.
    func cursor() throws -> Int64 {
        try store.connection.scalar("SELECT seq FROM controller_cursor WHERE id = 1")?.int ?? 0
    }

    func setCursor(_ seq: Int64) throws {
        try store.connection.run("INSERT OR REPLACE INTO controller_cursor(id, seq) VALUES (1, ?)", [.int(seq)])
    }

    /// Runs every controller until nothing more is due at the current instant. Returns how many
    /// reconciles ran.
    ///
    /// A round's work is committed in slices, so each transaction (and the WAL that SQLite searches on
    /// every page read) stays small however many keys a round holds. The cursor moves past the round's
    /// events only with its last slice, and a due timer goes with the slice that runs it: a process that
    /// dies mid-round leaves the rest to the next one, which finds the same events and timers again
    /// (reconciles are level-triggered, so the keys already done are looked at again harmlessly). While
    /// it runs, the WAL is checkpointed on a second thread (`Store.checkpointingInBackground`).
    @discardableResult
    public func settle(maxRounds: Int = 10_000) throws -> Int {
        try store.checkpointingInBackground { try settleRounds(maxRounds) }
    }

    private func settleRounds(_ maxRounds: Int) throws -> Int {
        var reconciles = 0
        for _ in 0..<maxRounds {
            try store.writeDerived {
                try enqueueNewEvents()
                try enqueueDueTimers()
                if queue.isEmpty { try setCursor(roundCursor) }
            }
            if queue.isEmpty { return reconciles }
            let batch = queue.sorted { $0.key < $1.key }
            let fromTimers = timerItems
            queue.removeAll()
            timerItems.removeAll()
            var done = 0
            while done < batch.count {
                try store.writeDerived {
                    for client in clients { try client.refreshClock() }
                    let end = min(done + reconcilesPerTransaction, batch.count)
                    for (item, cause) in batch[done..<end] {
                        if let stop = stopAfterReconciles, reconciles >= stop { throw StoreError("stopped after \(stop) reconciles") }
                        reconciles += 1
                        if fromTimers.contains(item) { try removeDueTimer(item, now: clients[item.controller].now) }
                        try run(item, cause: cause)
                    }
                    if end == batch.count { try setCursor(roundCursor) }
                    done = end
                }
            }
        }
        throw StoreError("the controllers did not settle after \(maxRounds) rounds; a controller keeps changing what another undoes")
    }

    /// Moves the simulated clock forward by `seconds`, stopping at each instant a controller asked to be
    /// woken, recording each step as an `advance` event and settling there (checkpointing in the
    /// background throughout, as `settle` does).
    public func advance(seconds: Int64, context: WriteContext) throws {
        try store.checkpointingInBackground { try advanceInSteps(seconds: seconds, context: context) }
    }

    private func advanceInSteps(seconds: Int64, context: WriteContext) throws {
        try settle()
        let target = try store.now() + seconds
        while true {
            let now = try store.now()
            let next = try store.connection.scalar("SELECT min(due) FROM controller_timers")?.int
            if let next, next <= target.seconds {
                if next > now.seconds { try store.advance(seconds: next - now.seconds, context: context) }
            } else {
                if target > now { try store.advance(seconds: target - now, context: context) }
                try settle()
                return
            }
            try settle()
        }
    }

    /// The simulated time of the next timer, if any controller asked to be woken.
    public func nextDue() throws -> Timestamp? {
        try store.connection.scalar("SELECT min(due) FROM controller_timers")?.int.map { Timestamp(seconds: $0) }
    }

    /// Hands events after the cursor to every reconciler.
    private func enqueueNewEvents() throws {
        var cursor = try cursor()
        while true {
            var filter = EventFilter(since: cursor, limit: 5000)
            filter.withObjects = false  // objects come from the store's cache by seq
            let events = try store.readEvents(filter)
            guard let last = events.last else { break }
            for event in events {
                guard event.verb.isObjectChange, let kind = ResourceKind.named(event.kind) else { continue }
                let watching = reconcilers.indices.filter { reconcilers[$0].watches(kind, verb: event.verb) }
                guard !watching.isEmpty, let object = try store.object(atSeq: event.seq) else { continue }
                let change = ObjectChange(kind: kind, verb: event.verb, object: object, seq: event.seq, actor: event.actor)
                for index in watching {
                    let reconciler = reconcilers[index]
                    for key in try reconciler.keys(for: change, client: clients[index]) {
                        queue[WorkItem(controller: index, key: key)] = event.seq
                    }
                }
            }
            cursor = last.seq
        }
        roundCursor = cursor
    }

    /// Moves timers that are due now into the queue; their cause is the newest event (the clock step).
    private func enqueueDueTimers() throws {
        let now = try store.now().seconds
        let rows = try store.connection.query(
            "SELECT controller, kind, namespace, name FROM controller_timers WHERE due <= ? ORDER BY controller, kind, namespace, name",
            [.int(now)])
        guard !rows.isEmpty else { return }
        let cause = try store.lastSeq()
        for row in rows {
            guard let index = reconcilers.firstIndex(where: { $0.name == row[0].text }),
                  let kind = ResourceKind.named(row[1].text ?? "") else {
                // Left by a controller this engine does not run: nobody will take it.
                try store.connection.run("DELETE FROM controller_timers WHERE controller = ? AND kind = ? AND namespace = ? AND name = ?",
                                         [row[0], row[1], row[2], row[3]])
                continue
            }
            let item = WorkItem(controller: index, key: ObjectKey(kind, row[2].text ?? "", row[3].text ?? ""))
            queue[item] = cause
            timerItems.insert(item)
        }
    }

    /// Removes the due timer of `item`, in the transaction that runs it.
    private func removeDueTimer(_ item: WorkItem, now: Timestamp) throws {
        try store.connection.run("""
            DELETE FROM controller_timers WHERE controller = ? AND kind = ? AND namespace = ? AND name = ? AND due <= ?
            """, [.text(reconcilers[item.controller].name), .text(item.key.kind.kind), .text(item.key.namespace),
                  .text(item.key.name), .int(now.seconds)])
    }

    private func run(_ item: WorkItem, cause: Int64) throws {
        let reconciler = reconcilers[item.controller]
        let client = clients[item.controller]
        client.context = WriteContext(actor: reconciler.name, cause: cause)
        var requeue: Requeue
        do {
            try store.connection.execute("SAVEPOINT reconcile")
            requeue = try reconciler.reconcile(item.key, client: client)
            try store.connection.execute("RELEASE reconcile")
        } catch {
            try store.connection.execute("ROLLBACK TO reconcile")
            try store.connection.execute("RELEASE reconcile")
            store.discardRolledBack()
            failures.append(("\(reconciler.name) \(item.key)", "\(error)"))
            requeue = .after(5)
        }
        if case .after(let seconds) = requeue {
            let due = client.now.seconds + max(seconds, 1)
            try store.connection.run("""
                INSERT INTO controller_timers(controller, kind, namespace, name, due) VALUES (?,?,?,?,?)
                ON CONFLICT(controller, kind, namespace, name) DO UPDATE SET due = min(due, excluded.due)
                """, [.text(reconciler.name), .text(item.key.kind.kind), .text(item.key.namespace), .text(item.key.name), .int(due)])
        }
    }
}
