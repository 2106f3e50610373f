import SQLiteKit

extension Store {
    /// Sets up a database that one writer fills and nobody reads until it is done (a re-run's): its
    /// rollback journal is kept in memory and commits do not wait for the disk, so a commit writes its
    /// pages straight into the file, with no WAL to grow and no checkpoints to copy it back. A savepoint
    /// or transaction can still be rolled back; a crash, though, can leave the file unusable, so the
    /// caller writes to a file of its own and deletes or renames it (see `replay --rerun --into`).
    ///
    /// Also: no memory-mapped reads, no time-travel snapshots beside it, and no background checkpoints
    /// (there is no WAL). Must run before the first write.
    public func useAsScratch() throws {
        keepsSnapshots = false
        isScratch = true
        guard try connection.scalar("PRAGMA journal_mode=MEMORY")?.text == "memory" else {
            throw StoreError("could not keep the journal of \(path) in memory")
        }
        try connection.execute("PRAGMA synchronous=OFF")
        // Pages its cache lets go are read back with read(), not through a mapping of the whole file, which
        // would count every page of a 1.4 GB re-run against the process's memory (882 MiB peak, now 418).
        try connection.execute("PRAGMA mmap_size=0")
    }
}
