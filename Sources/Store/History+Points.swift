import SQLiteKit
import Model
import Determinism

extension Store {
    /// The one event with this seq, if the log has it.
    public func event(seq: Int64) throws -> LogEvent? {
        try connection.query("""
            SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause FROM events WHERE seq = ?
            """, [.int(seq)]).first.map(Store.event(from:))
    }

    /// The event of the same object just before `event` (its previous version), if any.
    public func previousVersion(of event: LogEvent) throws -> LogEvent? {
        guard event.verb.isObjectChange else { return nil }
        return try connection.query("""
            SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause FROM events
            WHERE kind = ? AND namespace = ? AND name = ? AND seq < ? ORDER BY seq DESC LIMIT 1
            """, [.text(event.kind), .text(event.namespace), .text(event.name), .int(event.seq)]).first.map(Store.event(from:))
    }

    /// The seq a point names for a range (`diff`, `explain --until`): a seq as given (an error past the
    /// end of the log), a time as the newest event at or before it (0 before the first event, so a range
    /// can start before the log; the last event after the end). `--at` uses `resolve(_:)`, which refuses
    /// points outside the log.
    public func rangeEnd(_ point: LogPoint) throws -> Int64 {
        let last = try lastSeq()
        switch point {
        case .seq(let seq):
            guard seq <= last else {
                throw StoreError("seq \(seq) is beyond the end of the log: the newest event is seq \(last)")
            }
            return seq
        case .time(let time):
            return try seq(atOrBefore: time, last: last)
        }
    }

    /// The newest seq whose time is at or before `time`. Time never goes backwards along the log, so this
    /// is a binary search over seqs (a few index lookups, however long the log).
    func seq(atOrBefore time: Timestamp, last: Int64) throws -> Int64 {
        let target = time.rfc3339
        func timeOfFirstEvent(from seq: Int64) throws -> (seq: Int64, time: String)? {
            try connection.query("SELECT seq, time FROM events WHERE seq >= ? ORDER BY seq LIMIT 1", [.int(seq)]).first
                .map { ($0[0].int ?? 0, $0[1].text ?? "") }
        }
        // Invariant: every event with seq <= low is at or before the target; no event with seq > high is.
        var low: Int64 = 0, high = last
        while low < high {
            let middle = low + (high - low + 1) / 2
            guard let found = try timeOfFirstEvent(from: middle) else { high = middle - 1; continue }
            if found.time <= target { low = found.seq } else { high = middle - 1 }
        }
        return low
    }

    /// The time of the event at `seq` (the start time for seq 0).
    public func time(atSeq seq: Int64) throws -> String {
        guard seq > 0 else { return settings.start.rfc3339 }
        return try connection.scalar("SELECT time FROM events WHERE seq <= ? ORDER BY seq DESC LIMIT 1", [.int(seq)])?.text
            ?? settings.start.rfc3339
    }
}
