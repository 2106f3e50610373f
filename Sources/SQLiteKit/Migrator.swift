/// Applies numbered schema steps in order, one transaction each, keeping the version in `PRAGMA user_version`.
public struct Migrator: Sendable {
    /// A step: its number and SQL.
    public struct Step: Sendable {
        public var version: Int
        public var name: String
        public var sql: String
        public init(version: Int, name: String, sql: String) { self.version = version; self.name = name; self.sql = sql }
    }

    /// The database's schema is newer than this binary knows: it is refused, and nothing is written.
    public struct NewerSchemaError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var found: Int
        public var known: Int
        public var description: String {
            "database \(path) has schema version \(found), but this logbook knows only up to version \(known); use a newer logbook (the database was not changed)"
        }
    }

    public var steps: [Step]
    public init(steps: [Step]) { self.steps = steps.sorted { $0.version < $1.version } }

    /// The newest version this migrator knows.
    public var latestVersion: Int { steps.last?.version ?? 0 }

    /// Refuses a database whose schema is newer than `latestVersion`.
    public func checkNotNewer(_ connection: Connection) throws {
        let current = try connection.userVersion
        if current > latestVersion { throw NewerSchemaError(path: connection.path, found: current, known: latestVersion) }
    }

    /// Brings the database up to `latestVersion`. Returns the versions applied. `afterStep` runs after each
    /// applied step, inside its transaction (a step's data backfill that SQL cannot compute).
    @discardableResult
    public func migrate(_ connection: Connection, afterStep: (Int) throws -> Void = { _ in }) throws -> [Int] {
        try checkNotNewer(connection)
        var applied: [Int] = []
        for step in steps {
            let done = try connection.writeTransaction { () throws -> Bool in
                // Re-read inside the write lock: another process may have migrated meanwhile.
                let current = try connection.userVersion
                if current > latestVersion {
                    throw NewerSchemaError(path: connection.path, found: current, known: latestVersion)
                }
                guard current < step.version else { return false }
                try connection.execute(step.sql)
                try afterStep(step.version)
                try connection.execute("PRAGMA user_version = \(step.version)")
                return true
            }
            if done { applied.append(step.version) }
        }
        return applied
    }
}
