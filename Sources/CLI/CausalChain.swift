import Model
import Store

/// One event in a causal chain, with the summary of what it changed.
struct ChainStep {
    var event: LogEvent
    var summary: String

    /// Whether nothing caused it: a person's request (or the clock, or the database's creation).
    var isRoot: Bool { event.cause == nil }

    var json: JSONValue {
        ["seq": .int(Int(event.seq)), "time": .string(event.time), "actor": .string(event.actor),
         "verb": .string(event.verb.rawValue), "kind": .string(event.kind), "namespace": .string(event.namespace),
         "name": .string(event.name), "summary": .string(summary), "cause": event.cause.map { .int(Int($0)) } ?? .null]
    }
}

/// An object's history with the causes of each event: what `logbook explain` shows.
struct Explanation {
    var kind: ResourceKind
    var namespace: String
    var name: String
    /// Every event of the object up to the point asked about, oldest first, each with its chain of causes
    /// (nearest cause first, ending at the request that started it).
    var events: [(step: ChainStep, causes: [ChainStep])]

    /// The seq that deleted the object, when its newest event is a deletion.
    var deletedAt: Int64? { events.last.flatMap { $0.step.event.verb == .delete ? $0.step.event.seq : nil } }
}

/// Follows `cause` seq by seq, reading each event once.
final class CauseTracer {
    let store: Store
    private var steps: [Int64: ChainStep] = [:]

    init(store: Store) { self.store = store }

    /// The event at `seq` with its summary (against the object's previous version).
    func step(_ seq: Int64) throws -> ChainStep? {
        if let step = steps[seq] { return step }
        guard let event = try store.event(seq: seq) else { return nil }
        return try step(for: event)
    }

    /// `event` with its summary.
    func step(for event: LogEvent, previous: LogEvent?? = nil) throws -> ChainStep {
        if let step = steps[event.seq] { return step }
        let before = try previous ?? store.previousVersion(of: event)
        let step = ChainStep(event: event, summary: ChangeSummary.line(for: event, previous: before))
        steps[event.seq] = step
        return step
    }

    /// The causes of `event`, nearest first, back to the first event with no cause. Causes always come
    /// earlier in the log, so the walk ends.
    func causes(of event: LogEvent) throws -> [ChainStep] {
        var chain: [ChainStep] = []
        var next = event.cause
        var bound = event.seq
        while let seq = next, seq < bound, let step = try step(seq) {
            chain.append(step)
            next = step.event.cause
            bound = seq
        }
        return chain
    }

    /// The history of one object, up to and including seq `until` (nil: the whole log).
    func explain(_ kind: ResourceKind, namespace: String, name: String, until: Int64?) throws -> Explanation {
        let objectNamespace = kind.namespaced ? namespace : ""
        let events = try store.readEvents(EventFilter(kind: kind.kind, namespace: objectNamespace, name: name, until: until))
        var explained: [(step: ChainStep, causes: [ChainStep])] = []
        var previous: LogEvent?
        for event in events {
            let step = try step(for: event, previous: .some(previous))
            explained.append((step, try causes(of: event)))
            previous = event
        }
        return Explanation(kind: kind, namespace: objectNamespace, name: name, events: explained)
    }
}
