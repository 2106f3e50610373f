import Model
import Store

/// What changed between two points of the log, object by object: `logbook diff`'s answer.
struct LogDiff {
    enum Change: String {
        case created, changed, deleted

        /// `+`, `~`, `-`: the mark before the object's name.
        var mark: String {
            switch self {
            case .created: return "+"
            case .changed: return "~"
            case .deleted: return "-"
            }
        }
    }

    /// One object that differs between the two points.
    struct Entry {
        var kind: String
        var namespace: String
        var name: String
        var change: Change
        /// For a changed object: its fields that differ.
        var fields: [FieldChange]
        /// For a changed object: it was deleted and created again in between (its uid differs).
        var recreated: Bool

        /// The difference for one object; nil when it is the same at both points (or absent at both).
        init?(_ pair: VersionPair) {
            kind = pair.kind; namespace = pair.namespace; name = pair.name
            fields = []; recreated = false
            switch (pair.before, pair.after) {
            case (nil, nil): return nil
            case (nil, _?): change = .created
            case (_?, nil): change = .deleted
            case (let before?, let after?):
                change = .changed
                fields = FieldChanges.between(before.object.flatMap { try? JSONValue.parse($0) },
                                              after.object.flatMap { try? JSONValue.parse($0) })
                guard !fields.isEmpty else { return nil }
                recreated = before.uid != after.uid
            }
        }

        var path: String { namespace.isEmpty ? name : "\(namespace)/\(name)" }

        var json: JSONValue {
            var object: JSONObject = ["kind": .string(kind), "namespace": .string(namespace), "name": .string(name)]
            if change == .changed {
                object["recreated"] = .bool(recreated)
                object["fields"] = .array(fields.map(\.json))
            }
            return .object(object)
        }
    }

    var from: (seq: Int64, time: String)
    var to: (seq: Int64, time: String)
    /// Sorted by kind, namespace and name.
    var entries: [Entry]

    func count(_ change: Change) -> Int { entries.filter { $0.change == change }.count }

    /// For a terminal: a heading with the counts, then per kind the objects (`+` created, `~` changed with
    /// its fields indented under it, `-` deleted).
    var text: String {
        let range = "seq \(from.seq) (\(from.time)) and seq \(to.seq) (\(to.time))"
        guard !entries.isEmpty else { return "No changes between \(range).\n" }
        var lines = ["Between \(range): \(count(.created)) created, \(count(.changed)) changed, \(count(.deleted)) deleted"]
        var kind = ""
        for entry in entries {
            if entry.kind != kind {
                kind = entry.kind
                lines += ["", kind]
            }
            lines.append("  \(entry.change.mark) \(entry.path)" + (entry.recreated ? " (deleted and created again)" : ""))
            for field in entry.fields { lines.append("      " + field.line) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// For tools: `{"from":{seq,time},"to":{seq,time},"created":[...],"changed":[...],"deleted":[...]}`.
    var json: JSONValue {
        func point(_ p: (seq: Int64, time: String)) -> JSONValue { ["seq": .int(Int(p.seq)), "time": .string(p.time)] }
        var object: JSONObject = ["from": point(from), "to": point(to)]
        for change in [Change.created, .changed, .deleted] {
            object[change.rawValue] = .array(entries.filter { $0.change == change }.map(\.json))
        }
        return .object(object)
    }
}
