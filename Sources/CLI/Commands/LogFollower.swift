import Foundation
import Store

/// `logbook log -f`: prints the matching events, then polls the database every 200 ms of real time and
/// prints new matching events as other processes append them. A tail for people, so it runs on the wall
/// clock, not on simulated time.
struct LogFollower {
    /// Fixed column widths for the table (a stream's rows cannot be measured in advance); a longer cell
    /// pushes the rest of its row right.
    static let widths = [7, 20, 24, 9, 56]
    static let pollInterval: TimeInterval = 0.2
    /// Events read per query, so a burst of writes is printed in pieces rather than held in memory.
    static let batch = 5000

    var filter: EventFilter
    var json: Bool
    /// Stop after this many seconds of real time (nil: until interrupted or the database goes away).
    var seconds: Double?
    /// Stop after printing this many events (those already in the log included), like `head -n`.
    var count: Int64?

    /// Follows the log; returns the exit code (0: stopped by `--for`, `--count`, or the file's removal).
    func run(_ context: CommandContext) throws -> Int32 {
        let store = try context.readStore()
        // Following is a tail in the user's own time (a monotonic clock), not in the log's simulated time.
        let deadline = seconds.map { DispatchTime.now().uptimeNanoseconds + UInt64($0 * 1e9) }
        if !json { context.out(LogFollower.line(LogCommand.header)) }
        var cursor = try store.lastSeq()
        var backlog = filter
        backlog.until = cursor
        if let count { backlog.limit = Int(count) }
        var printed = try printEvents(backlog, store: store, context: context)
        while true {
            if let count, printed >= count { return 0 }
            if let deadline, DispatchTime.now().uptimeNanoseconds >= deadline { return 0 }
            guard FileManager.default.fileExists(atPath: store.path) else {
                context.err("the database \(store.path) was removed; stopped following\n")
                return 0
            }
            let head = try store.lastSeq()
            if head > cursor {
                var next = filter
                next.since = max(cursor, filter.since ?? 0)
                next.until = head
                if let count { next.limit = Int(count - printed) }
                printed += try printEvents(next, store: store, context: context)
                cursor = head
                continue
            }
            Thread.sleep(forTimeInterval: LogFollower.pollInterval)
        }
    }

    /// Prints the events `filter` selects in batches; returns how many were printed.
    private func printEvents(_ filter: EventFilter, store: Store, context: CommandContext) throws -> Int64 {
        var page = filter
        var printed: Int64 = 0
        let limit = filter.limit
        while true {
            page.limit = min(limit.map { $0 - Int(printed) } ?? LogFollower.batch, LogFollower.batch)
            guard page.limit! > 0 else { return printed }
            let events = try store.readEvents(page)
            guard let last = events.last else { return printed }
            context.out(events.map { json ? $0.json.canonicalString() + "\n" : LogFollower.line(LogCommand.row(for: $0)) }
                .joined())
            printed += Int64(events.count)
            page.since = last.seq
        }
    }

    /// One table row with the fixed widths and three spaces between columns.
    static func line(_ cells: [String]) -> String {
        cells.enumerated().map { index, cell in
            index == cells.count - 1 ? cell : cell.padded(to: widths[index]) + "   "
        }.joined() + "\n"
    }
}
