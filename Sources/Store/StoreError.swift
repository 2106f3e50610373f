/// Problems opening or using a database that are not API errors.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    static func missingDatabase(_ path: String) -> StoreError {
        StoreError("database \(path) does not exist; create it with 'logbook init' (or run any write command, which creates it with defaults), or point --db / LOGBOOK_DB at an existing one")
    }

    static func notInitialized(_ path: String) -> StoreError {
        StoreError("database \(path) has no log yet (no init event); run 'logbook init --db \(path)'")
    }

    static func alreadyInitialized(_ path: String) -> StoreError {
        StoreError("database \(path) is already initialized; its seed and start time are fixed in its first event")
    }
}
