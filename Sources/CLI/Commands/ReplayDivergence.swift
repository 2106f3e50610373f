import Model
import Store

/// How `replay --rerun` shows events and the first divergence.
enum ReplayReport {
    /// One event on one line: seq, time, actor, verb, object, cause.
    static func line(_ event: LogEvent) -> String {
        let path = event.namespace.isEmpty ? event.name : "\(event.namespace)/\(event.name)"
        let object = event.kind.isEmpty ? (event.object ?? "") : "\(event.kind.lowercased())/\(path)"
        let cause = event.cause.map { " (cause \($0))" } ?? ""
        return "seq \(event.seq) \(event.time) \(event.actor) \(event.verb.rawValue) \(object)\(cause)"
    }

    static func divergence(_ divergence: LogRerun.Divergence) -> String {
        var text = "replay diverged at seq \(divergence.seq): the first \(divergence.seq - 1) events are identical\n"
        text += "  recorded: \(divergence.recorded.map(line) ?? "nothing (the recorded log ends before this event)")\n"
        text += "  now:      \(divergence.now.map(line) ?? "nothing (the re-run produced no event here)")\n"
        if let note = divergence.note { text += "  \(note)\n" }
        guard let recorded = divergence.recorded, let now = divergence.now else { return text }
        let fields: [(String, String, String)] = [
            ("time", recorded.time, now.time), ("actor", recorded.actor, now.actor),
            ("verb", recorded.verb.rawValue, now.verb.rawValue), ("apiVersion", recorded.apiVersion, now.apiVersion),
            ("kind", recorded.kind, now.kind), ("namespace", recorded.namespace, now.namespace),
            ("name", recorded.name, now.name), ("uid", recorded.uid, now.uid),
            ("cause", recorded.cause.map(String.init) ?? "none", now.cause.map(String.init) ?? "none"),
        ]
        let changed = fields.filter { $0.1 != $0.2 }
        if !changed.isEmpty {
            text += "  event fields (recorded -> now):\n"
            for (name, a, b) in changed { text += "    \(name): \(a) -> \(b)\n" }
        }
        let before = recorded.object.flatMap { try? JSONValue.parse($0) } ?? .null
        let after = now.object.flatMap { try? JSONValue.parse($0) } ?? .null
        let diff = fieldDiff(before, after)
        if !diff.isEmpty {
            text += "  object fields (recorded -> now):\n"
            for entry in diff.prefix(40) { text += "    \(entry)\n" }
            if diff.count > 40 { text += "    ... and \(diff.count - 40) more\n" }
        }
        return text
    }

    /// The leaf fields that differ, as `path: old -> new` (`(absent)` for a missing field), sorted by path.
    static func fieldDiff(_ a: JSONValue, _ b: JSONValue) -> [String] {
        var left: [String: JSONValue] = [:], right: [String: JSONValue] = [:]
        flatten(a, path: "", into: &left)
        flatten(b, path: "", into: &right)
        return Set(left.keys).union(right.keys).sorted().compactMap { path in
            let x = left[path], y = right[path]
            guard x != y else { return nil }
            return "\(path.isEmpty ? "(object)" : path): \(x?.canonicalString() ?? "(absent)") -> \(y?.canonicalString() ?? "(absent)")"
        }
    }

    private static func flatten(_ value: JSONValue, path: String, into leaves: inout [String: JSONValue]) {
        switch value {
        case .object(let members) where !members.isEmpty:
            for (key, member) in members { flatten(member, path: path.isEmpty ? key : "\(path).\(key)", into: &leaves) }
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() { flatten(item, path: "\(path)[\(index)]", into: &leaves) }
        default:
            leaves[path] = value
        }
    }
}
