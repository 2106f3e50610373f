/// The schema migrations, numbered from 1, compiled into the binary from `Migrations/NNNN_name.sql`.
///
/// A landed migration is never edited: a schema change is a new file with the next number.
public enum EmbeddedMigrations {
    /// Every migration in order; `all[i].version == i + 1`.
    public static var all: [Migration] { generated }
}

/// One numbered schema step.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let sql: String
}
