import Model
import Store

/// One line saying what an event did to its object: `created`, `bound to node-2`,
/// `status.phase Pending→Running`, `image nginx:1.24→nginx:1.25, metadata.generation 1→2`.
enum ChangeSummary {
    /// At most this many changes are named; the rest are counted.
    static let shownChanges = 3

    /// Fields left out of a summary: bookkeeping that follows from the changes that are named.
    static let bookkeeping: Set<String> = [
        "metadata.generation", "status.observedGeneration",
        "metadata.annotations[\"kubectl.kubernetes.io/last-applied-configuration\"]",
    ]

    /// The summary of `event`, given the object's version before it (nil for a first version).
    static func line(for event: LogEvent, previous: LogEvent?) -> String {
        let object = event.object.flatMap { try? JSONValue.parse($0) }
        switch event.verb {
        case .`init`:
            return "database created (seed \(object?["seed"]?.intValue ?? 0), \(object?["nodes"]?.intValue ?? 0) nodes)"
        case .advance:
            return "clock +\(object?["seconds"]?.intValue ?? 0)s"
        case .create:
            return previous.map { $0.verb == .delete } == true ? "created again" : "created"
        case .delete:
            return "deleted"
        case .terminate:
            let grace = object?[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue
            return "deletion requested" + (grace.map { " (grace period \($0)s)" } ?? "")
        case .bind:
            return "bound to \(object?[path: ["spec", "nodeName"]]?.stringValue ?? "a node")"
        case .update, .patch, .status:
            let before = previous.flatMap { $0.verb == .delete ? nil : $0.object }.flatMap { try? JSONValue.parse($0) }
            return changes(before, object)
        }
    }

    /// The notable differences between two versions, most telling first.
    static func changes(_ before: JSONValue?, _ after: JSONValue?) -> String {
        var items = conditionChanges(before, after).map { (rank: 1, text: $0) }
        var bookkeepingItems: [(rank: Int, text: String)] = []
        for change in coarseChanges(before, after, path: "") {
            if change.path.hasPrefix("status.conditions") { continue }
            if bookkeeping.contains(change.path) { bookkeepingItems.append((5, text(change))) } else {
                items.append((rank(change.path), text(change)))
            }
        }
        if items.isEmpty { items = bookkeepingItems }
        guard !items.isEmpty else { return "no change" }
        let ordered = items.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element.text)
        let shown = ordered.prefix(shownChanges).joined(separator: ", ")
        return ordered.count > shownChanges ? "\(shown) (+\(ordered.count - shownChanges) more)" : shown
    }

    /// Where a path sorts in a summary: what people change and watch first, bookkeeping last.
    static func rank(_ path: String) -> Int {
        if ["status.phase", "spec.replicas", "spec.nodeName", "metadata.deletionTimestamp", "spec.paused"].contains(path)
            || (path.hasPrefix("spec.") && path.hasSuffix(".image")) { return 0 }
        if path.hasPrefix("spec.") { return 2 }
        if path.hasPrefix("status.") { return 3 }
        return 4
    }

    /// `image nginx:1.24→nginx:1.25` for a container image, else `path before→after`; a field that
    /// appeared or went away whole is `path set` or `path removed`.
    static func text(_ change: FieldChange) -> String {
        var path = change.path
        if path.hasPrefix("spec."), path.hasSuffix(".image"), path.contains("containers[") { path = "image" }
        switch (change.before, change.after) {
        case (nil, .object?), (nil, .array?): return "\(path) set"
        case (.object?, nil), (.array?, nil): return "\(path) removed"
        default:
            return "\(path) \(FieldChange.text(change.before, limit: 40))→\(FieldChange.text(change.after, limit: 40))"
        }
    }

    /// `Ready False→True` for a condition whose status changed, `Available=True` for a new one,
    /// `Progressing reason NewReplicaSetCreated→ReplicaSetUpdated` when only its reason changed.
    static func conditionChanges(_ before: JSONValue?, _ after: JSONValue?) -> [String] {
        func conditions(_ object: JSONValue?) -> [(type: String, status: String, reason: String)] {
            (object?[path: ["status", "conditions"]]?.arrayValue ?? []).compactMap { condition in
                guard let type = condition["type"]?.stringValue else { return nil }
                return (type, condition["status"]?.stringValue ?? "", condition["reason"]?.stringValue ?? "")
            }
        }
        let old = Dictionary(conditions(before).map { ($0.type, $0) }, uniquingKeysWith: { $1 })
        var lines: [String] = []
        for condition in conditions(after) {
            guard let previous = old[condition.type] else {
                lines.append("\(condition.type)=\(condition.status)")
                continue
            }
            if previous.status != condition.status {
                lines.append("\(condition.type) \(previous.status)→\(condition.status)")
            } else if previous.reason != condition.reason {
                lines.append("\(condition.type) reason \(previous.reason)→\(condition.reason)")
            }
        }
        return lines
    }

    /// Like `FieldChanges.between`, but an array present on one side only (or that changed length) is one
    /// change, not one per element.
    static func coarseChanges(_ before: JSONValue?, _ after: JSONValue?, path: String) -> [FieldChange] {
        if FieldChanges.ignoredPaths.contains(path) || before == after { return [] }
        switch (before, after) {
        case (.object(let b)?, .object(let a)?):
            return Set(b.keys).union(a.keys).sorted().flatMap {
                coarseChanges(b[$0], a[$0], path: FieldChanges.join(path, $0))
            }
        case (.object(let b)?, nil):
            return b.keys.sorted().flatMap { coarseChanges(b[$0], nil, path: FieldChanges.join(path, $0)) }
        case (nil, .object(let a)?):
            return a.keys.sorted().flatMap { coarseChanges(nil, a[$0], path: FieldChanges.join(path, $0)) }
        case (.array(let b)?, .array(let a)?) where b.count == a.count:
            return b.indices.flatMap { coarseChanges(b[$0], a[$0], path: "\(path)[\($0)]") }
        default:
            return [FieldChange(path: path, before: before, after: after)]
        }
    }
}
