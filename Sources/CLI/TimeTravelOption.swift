import Store

extension CommandContext {
    /// The point `--at` names, or nil for the live state.
    var requestedPoint: LogPoint? {
        get throws {
            guard let text = globals.value("at") else { return nil }
            guard let point = LogPoint(text) else {
                throw UsageError("invalid argument \"\(text)\" for \"--at\" flag: give a seq (e.g. 120) or an RFC 3339 time (e.g. 2026-01-01T00:05:00Z)")
            }
            return point
        }
    }

    /// Whether `--at` was given.
    var hasRequestedPoint: Bool { globals.has("at") }

    /// With `--at`, pins a freshly opened read store at that point, so the command answers as it did then.
    func pinAtRequestedPoint(_ store: Store) throws {
        guard let point = try requestedPoint else { return }
        try store.pin(at: try store.resolve(point))
    }

    /// `--at` reads the past; a command that writes cannot use it.
    func refuseTimeTravelForWrites() throws {
        if globals.has("at") {
            throw UsageError("--at reads the state at a past point of the log; it cannot be used with a command that writes")
        }
    }
}
