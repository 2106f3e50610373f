import Model
import Store

/// `rollout history deployment/web --diff` and `rollout diff deployment/web A B` (beyond kubectl): for each
/// revision, the event that made it and the person's write that led to it, and what changed in the pod
/// template since the revision before, field by field. Reads the revision history projection.
enum RolloutDiff {
    /// Every revision with its origin and changes, or with `from`/`to` just the changes between those two.
    static func render(_ target: RolloutTarget, from: Int64?, to: Int64?, store: Store, namespace: String) throws -> String {
        guard target.kind == .deployment else {
            throw RolloutError("no history viewer has been implemented for \"\(target.kind.kind).\(target.kind.group)\"")
        }
        let deployment = try store.get(.deployment, namespace: namespace, name: target.name)
        let records = try store.revisions(namespace: namespace, deployment: target.name, uid: deployment.uid)
        var text = "\(target.nameLine)\n"
        guard !records.isEmpty else { return text + "No rollout history found.\n" }
        if let from, let to {
            guard let old = records.first(where: { $0.revision == from }), let new = records.first(where: { $0.revision == to })
            else { throw RolloutError("unable to find the specified revision") }
            text += try entry(new, store: store)
            text += changes(from: old, to: new)
            return text
        }
        for (index, record) in records.enumerated() {
            text += try entry(record, store: store)
            if index > 0 { text += changes(from: records[index - 1], to: record) }
        }
        return text
    }

    /// `REVISION 2  replicaset web-…  change-cause: …` and the `made by` / `caused by` lines.
    static func entry(_ record: RevisionRecord, store: Store) throws -> String {
        let cause = record.changeCause.isEmpty ? "<none>" : record.changeCause
        var text = "REVISION \(record.revision)  replicaset \(record.replicaSet)  change-cause: \(cause)\n"
        text += "  made by    seq \(record.seq) at \(record.time): \(record.actor) \(record.verb) replicaset/\(record.replicaSet)\n"
        if let root = try rootCause(of: record.cause, store: store), root.seq != record.seq {
            let object = root.kind.isEmpty ? "" : " \(root.kind.lowercased())/\(root.name)"
            text += "  caused by  seq \(root.seq) at \(root.time): \(root.actor) \(root.verb.rawValue)\(object)\n"
        }
        return text
    }

    /// The first event of a chain of causes: the person's write that set the controllers going.
    static func rootCause(of seq: Int64?, store: Store) throws -> LogEvent? {
        var current: LogEvent?
        var next = seq
        var hops = 0
        while let seq = next, hops < 64 {
            guard let event = try store.readEvents(EventFilter(since: seq - 1, until: seq)).first else { break }
            current = event
            next = event.cause
            hops += 1
        }
        return current
    }

    /// The template fields that differ between two revisions, `pod-template-hash` left out.
    static func changes(from old: RevisionRecord, to new: RevisionRecord) -> String {
        let lines = fieldDiff(old.templateValue, new.templateValue)
        let heading = "  changes from revision \(old.revision):"
        guard !lines.isEmpty else { return heading + " none (same pod template)\n" }
        return heading + "\n" + lines.map { "    \($0)\n" }.joined()
    }

    /// `~ path: old -> new`, `+ path: new`, `- path: old`, in the order the fields appear.
    static func fieldDiff(_ old: JSONValue, _ new: JSONValue) -> [String] {
        let before = flatten(RolloutReplicaSets.withoutHash(old)), after = flatten(RolloutReplicaSets.withoutHash(new))
        let oldValues = Dictionary(before, uniquingKeysWith: { a, _ in a })
        let newValues = Dictionary(after, uniquingKeysWith: { a, _ in a })
        var order = before.map(\.0)
        let known = Set(order)
        order += after.map(\.0).filter { !known.contains($0) }
        var lines: [String] = []
        for path in order {
            switch (oldValues[path], newValues[path]) {
            case let (a?, b?) where a != b: lines.append("~ \(path): \(a) -> \(b)")
            case let (a?, nil): lines.append("- \(path): \(a)")
            case let (nil, b?): lines.append("+ \(path): \(b)")
            default: continue
            }
        }
        return lines
    }

    /// Leaf fields as `(path, text)`: objects by key, lists of named items by name (`containers[nginx]`),
    /// other lists by index; empty objects and lists are left out (they mean the same as absent).
    static func flatten(_ value: JSONValue, path: String = "") -> [(String, String)] {
        switch value {
        case .null: return []
        case .object(let members):
            return members.keys.sorted().flatMap { key in
                let simple = key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
                let child = simple ? (path.isEmpty ? key : "\(path).\(key)") : "\(path)[\"\(key)\"]"
                return flatten(members[key]!, path: child)
            }
        case .array(let items):
            let names = items.compactMap { $0["name"]?.stringValue }
            let byName = names.count == items.count && Set(names).count == names.count
            return items.enumerated().flatMap { index, item in
                flatten(item, path: "\(path)[\(byName ? names[index] : String(index))]")
            }
        case .string(let text): return [(path, text)]
        default: return [(path, value.canonicalString())]
        }
    }
}
