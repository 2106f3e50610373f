import Foundation
import SQLiteKit

/// Checkpoints a database's WAL on a thread of its own, through a connection of its own, while a long
/// series of commits goes on (a controller run, a re-run): copying committed pages into the database
/// file then takes nothing from the thread that writes. SQLite runs one checkpointer beside one writer.
final class BackgroundCheckpointer: Sendable {
    private let path: String
    /// `PRAGMA synchronous` for the checkpoints: the writing connection's, so a database whose commits do
    /// not wait for the disk (a scratch one) is not made to wait by its checkpoints either.
    private let synchronous: Int64
    /// Commits made while a checkpoint runs call for one more, not one each.
    private let worker = CoalescingWorker<Void>(finishesPendingOnStop: false)

    init(path: String, synchronous: Int64) {
        self.path = path
        self.synchronous = synchronous
    }

    func start() {
        let path = self.path, synchronous = self.synchronous
        worker.start { next in
            let connection = try? Connection(path: path, mode: .readWrite)
            try? connection?.execute("PRAGMA synchronous=\(synchronous)")
            // A connection opens the file on first use; until then it does not know the WAL is there.
            _ = try? connection?.scalar("PRAGMA journal_mode")
            // A failed checkpoint leaves the pages in the WAL, where readers find them: the next one (or
            // SQLite's own, once this run ends) copies them.
            while next() != nil { try? connection?.checkpointPassively() }
        }
    }

    /// Called after each commit: wakes the thread.
    func committed() { worker.submit(()) }

    /// Stops the thread after the checkpoint it is making, and waits until it has closed its connection.
    func stop() { worker.stop() }
}

extension Store {
    /// Runs `body` with the WAL checkpointed on a second thread instead of by the commits themselves:
    /// SQLite's automatic checkpoint is off meanwhile, and on again afterwards. For long runs of writes;
    /// nested calls share the outer one's thread. A scratch database has no WAL: nothing to do.
    public func checkpointingInBackground<T>(_ body: () throws -> T) throws -> T {
        guard checkpointer == nil, !isReadOnly, !isScratch else { return try body() }
        let checkpointer = BackgroundCheckpointer(path: path, synchronous: try connection.scalar("PRAGMA synchronous")?.int ?? 2)
        let automatic = try connection.scalar("PRAGMA wal_autocheckpoint")?.int ?? 1000
        try connection.execute("PRAGMA wal_autocheckpoint=0")
        checkpointer.start()
        self.checkpointer = checkpointer
        defer {
            self.checkpointer = nil
            checkpointer.stop()
            try? connection.execute("PRAGMA wal_autocheckpoint=\(automatic)")
        }
        return try body()
    }
}
