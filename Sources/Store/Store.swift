import Foundation
import SQLiteKit
import Migrations
import Model
import Determinism

/// The event-log store: the SQLite file, its schema, its settings (seed, start time) and its clock.
///
/// Every change appends one event and updates the projections in the same transaction; reads use the
/// projections and never replay the log. Not `Sendable`: one owner uses it at a time.
public final class Store {
    /// How `open` treats a missing or uninitialized database.
    public enum OpenMode: Sendable {
        /// Read only: a missing database is an error, and nothing is ever written.
        case read
        /// Read and write: a missing database is created with default settings.
        case write
    }

    /// What `init` records in the first event.
    public struct Settings: Sendable, Equatable {
        public var seed: UInt64
        public var start: Timestamp
        public var nodes: Int
        /// The defaults a write command uses on a missing database.
        public static let defaults = Settings(seed: 1, start: Timestamp(rfc3339: "2026-01-01T00:00:00Z")!, nodes: 3)
        public init(seed: UInt64, start: Timestamp, nodes: Int) { self.seed = seed; self.start = start; self.nodes = nodes }
    }

    public let connection: Connection
    public let path: String
    public let isReadOnly: Bool
    /// The settings recorded in the first event.
    public internal(set) var settings: Settings
    /// Decoded objects by seq, so hot reads skip JSON decoding.
    let cache = ObjectCache(capacity: 200_000)
    /// Whether objects this store writes are kept decoded for reading back: on for a store the
    /// controllers run on (they read back nearly everything they and others write), off for plain
    /// requests, where keeping them would only cost memory.
    public var keepsWrittenObjects = false
    /// The newest event this store appended in the open write transaction (see `LogTail`).
    var tail: LogTail?
    /// When set, every appended event is also kept here (see `AppendJournal`).
    public var journal: AppendJournal?
    /// Whether commits wake a thread that writes time-travel snapshots beside the database as the log
    /// grows (see `TimeTravel+Sidecar`); off for scratch databases, such as a re-run's.
    public var keepsSnapshots = true
    /// The thread writing snapshots beside the database, started by the first commit that appends.
    var sidecarWriter: SidecarSnapshotWriter?
    /// The fewest events between two sidecar snapshots (tests make it small).
    var sidecarMinimumInterval = Store.snapshotInterval
    /// The newest event's time as text (see `rfc3339(_:)`).
    var lastTimeText: (time: Timestamp, text: String)?
    /// Whether the database is a scratch one (`useAsScratch`): journal in memory, no WAL.
    public internal(set) var isScratch = false
    /// While set, checkpoints run on its thread, woken by each commit (see `checkpointingInBackground`).
    var checkpointer: BackgroundCheckpointer?
    /// While writing behind, the live objects' newest versions (see `writingBehind`).
    var liveObjects: LiveObjectIndex?
    /// Where the next appended event chains onto the log's hash chain.
    let hashChain: HashChainCursor

    static let migrator = Migrator(steps: EmbeddedMigrations.all.map {
        Migrator.Step(version: $0.version, name: $0.name, sql: $0.sql)
    })

    /// The newest schema version this binary knows.
    public static var schemaVersion: Int { migrator.latestVersion }

    /// Opens the database at `path`. In `.write` mode a missing or empty database is created and
    /// initialized with `Settings.defaults`.
    public static func open(path: String, mode: OpenMode) throws -> Store {
        let exists = FileManager.default.fileExists(atPath: path)
        if mode == .read, !exists { throw StoreError.missingDatabase(path) }
        let store = try Store(path: path, readOnly: mode == .read)
        if store.settings.seed == 0, store.settings.nodes == -1 {
            guard mode == .write else { throw StoreError.notInitialized(path) }
            try store.initialize(Settings.defaults)
        }
        return store
    }

    /// Creates and initializes a new database (`logbook init`). Fails if it already has a log.
    public static func create(path: String, settings: Settings) throws -> Store {
        let store = try Store(path: path, readOnly: false)
        guard store.settings.nodes == -1 else { throw StoreError.alreadyInitialized(path) }
        try store.initialize(settings)
        return store
    }

    init(path: String, readOnly: Bool) throws {
        self.path = path
        self.isReadOnly = readOnly
        hashChain = HashChainCursor(path: path)
        connection = try Connection(path: path, mode: readOnly ? .readOnly : .readWrite)
        settings = Settings(seed: 0, start: Timestamp(seconds: 0), nodes: -1)
        if readOnly {
            try Store.migrator.checkNotNewer(connection)
            let version = try connection.userVersion
            if version < Store.migrator.latestVersion {
                // An older schema is upgraded first (migrations change projections and indexes, never the
                // log), through a write connection of its own; this one then sees the new schema.
                do {
                    _ = try Store(path: path, readOnly: false)
                } catch {
                    throw StoreError("database \(path) has schema version \(version) and could not be upgraded to version \(Store.migrator.latestVersion): \(error)")
                }
            }
        } else {
            try Store.migrator.checkNotNewer(connection)
            try connection.configureForDurableWrites()
            try Store.migrator.migrate(connection) { version in
                // Migration 0006 adds pod_rows: the live pods' rows are computed in Swift, in its transaction.
                if version == 6 { try self.fillMissingPodRows() }
            }
            try fillMissingHashes()
        }
        if let first = try readEvents(EventFilter(limit: 1)).first, first.verb == .`init`, let text = first.object,
           let object = try? JSONValue.parse(text) {
            settings = Settings(seed: UInt64(object["seed"]?.intValue ?? 0),
                                start: Timestamp(rfc3339: first.time) ?? Timestamp(seconds: 0),
                                nodes: object["nodes"]?.intValue ?? 0)
        }
    }

    deinit { sidecarWriter?.stop() }

    /// The simulated time now: the time of the newest event.
    public func now() throws -> Timestamp {
        try head().time
    }

    /// The newest event's seq and time.
    func head() throws -> (seq: Int64, time: Timestamp) {
        if let tail = try trustedTail() { return (tail.seq, tail.time) }
        guard let row = try connection.query("SELECT seq, time FROM events ORDER BY seq DESC LIMIT 1").first else {
            return (0, settings.start)
        }
        return (row[0].int ?? 0, Timestamp(rfc3339: row[1].text ?? "") ?? settings.start)
    }

    /// The newest seq in the log (0 when empty): the list resourceVersion.
    public func lastSeq() throws -> Int64 { try head().seq }
}
