import Model
import Store

/// How `logbook explain` prints an explanation.
enum ExplainRendering {
    /// For a terminal: a heading, one aligned line per event of the object, and under each its causes,
    /// indented, one per line with `←`. A cause already shown (as an event of the object or in an earlier
    /// chain) is not repeated: `← (see seq 42)`.
    static func text(_ explanation: Explanation) -> String {
        let kind = explanation.kind
        let path = explanation.namespace.isEmpty ? explanation.name : "\(explanation.namespace)/\(explanation.name)"
        var heading = "\(kind.kind) \(path): \(explanation.events.count) event\(explanation.events.count == 1 ? "" : "s")"
        if let deleted = explanation.deletedAt { heading += ", deleted at seq \(deleted)" }
        var lines = [heading, ""]
        let rows = explanation.events.map { entry -> [String] in
            let event = entry.step.event
            return ["seq \(event.seq)", event.time, event.actor, event.verb.rawValue, entry.step.summary]
        }
        var widths = Array(repeating: 0, count: 4)
        for row in rows { for i in 0..<4 { widths[i] = max(widths[i], row[i].count) } }
        var shown: Set<Int64> = []
        for (row, entry) in zip(rows, explanation.events) {
            lines.append((0..<4).map { row[$0].padded(to: widths[$0]) }.joined(separator: "  ") + "  " + row[4])
            shown.insert(entry.step.event.seq)
            for cause in entry.causes {
                if shown.contains(cause.event.seq) {
                    lines.append("    ← (see seq \(cause.event.seq))")
                    break
                }
                shown.insert(cause.event.seq)
                lines.append("    ← " + causeLine(cause, relativeTo: explanation.namespace))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `seq 41  kubernetes-admin patch Deployment web: image nginx:1.24→nginx:1.25  (request at T)`.
    static func causeLine(_ step: ChainStep, relativeTo namespace: String) -> String {
        let event = step.event
        var line = "seq \(event.seq)  \(event.actor) \(event.verb.rawValue)"
        if event.verb.isObjectChange {
            let sameNamespace = event.namespace.isEmpty || event.namespace == namespace
            line += " \(event.kind) " + (sameNamespace ? event.name : "\(event.namespace)/\(event.name)")
        }
        line += ": \(step.summary)"
        if step.isRoot { line += "  (request at \(event.time))" }
        return line
    }

    /// For tools: the object and every event with its whole chain of causes (nothing left out).
    static func json(_ explanation: Explanation) -> JSONValue {
        let events: [JSONValue] = explanation.events.map { entry in
            var object = entry.step.json.objectValue ?? [:]
            for key in ["kind", "namespace", "name"] { object[key] = nil }
            object["uid"] = .string(entry.step.event.uid)
            object["causes"] = .array(entry.causes.map(\.json))
            return .object(object)
        }
        return ["kind": .string(explanation.kind.kind), "apiVersion": .string(explanation.kind.apiVersion),
                "namespace": .string(explanation.namespace), "name": .string(explanation.name),
                "deleted": .bool(explanation.deletedAt != nil),
                "deletedAt": explanation.deletedAt.map { .int(Int($0)) } ?? .null, "events": .array(events)]
    }
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func padded(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
