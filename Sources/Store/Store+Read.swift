import SQLiteKit
import Model

/// Which events to read from the log.
public struct EventFilter: Sendable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    /// Only events with seq greater than this.
    public var since: Int64?
    /// Only events with seq up to and including this.
    public var until: Int64?
    public var limit: Int?
    /// Whether to read each event's object JSON (false leaves `LogEvent.object` nil: cheaper scans).
    public var withObjects = true
    public init(kind: String? = nil, namespace: String? = nil, name: String? = nil, since: Int64? = nil,
                until: Int64? = nil, limit: Int? = nil) {
        self.kind = kind; self.namespace = namespace; self.name = name; self.since = since; self.until = until
        self.limit = limit
    }
}

extension Store {
    /// The stored object, or nil.
    public func fetch(_ kind: ResourceKind, namespace: String, name: String) throws -> JSONValue? {
        if let liveObjects {
            let identity = ObjectCache.Identity(kind: kind.kind, namespace: kind.namespaced ? namespace : "", name: name)
            return try liveObjects.seq(of: identity).flatMap { try object(atSeq: $0) }
        }
        guard let seq = try connection.scalar("SELECT seq FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
                                              [.text(kind.kind), .text(kind.namespaced ? namespace : ""), .text(name)])?.int
        else { return nil }
        return try object(atSeq: seq)
    }

    /// The object version held by the event at `seq` (nil for events without one).
    public func object(atSeq seq: Int64) throws -> JSONValue? {
        if let cached = cache[seq] { return cached }
        guard let text = try connection.scalar("SELECT object FROM events WHERE seq = ?", [.int(seq)])?.text else { return nil }
        let object = try JSONValue.parse(text)
        cache.insert(object, at: seq)
        return object
    }

    /// The object of a (seq, object JSON) row: from the cache, else decoded and cached.
    func decoded(_ row: Row) throws -> JSONValue? {
        guard let seq = row[0].int else { return nil }
        if let cached = cache[seq] { return cached }
        guard let text = row[1].text else { return nil }
        let object = try JSONValue.parse(text)
        cache.insert(object, at: seq)
        return object
    }

    /// The versions held by the events whose seqs are the first column of `rows`, in order: from the
    /// cache, and only the ones missing there read and decoded (so a hot list copies no JSON it has).
    func versions(atSeqs rows: [Row]) throws -> [(version: Int64, object: JSONValue)] {
        try rows.compactMap { row in
            guard let seq = row[0].int, let object = try object(atSeq: seq) else { return nil }
            return (seq, object)
        }
    }

    /// Whether the object exists, without reading it.
    public func exists(_ kind: ResourceKind, namespace: String, name: String) throws -> Bool {
        if let liveObjects {
            return try liveObjects.seq(of: ObjectCache.Identity(kind: kind.kind, namespace: kind.namespaced ? namespace : "", name: name)) != nil
        }
        return try connection.scalar("SELECT 1 FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
                              [.text(kind.kind), .text(kind.namespaced ? namespace : ""), .text(name)]) != nil
    }

    /// The stored object, or NotFound.
    public func get(_ kind: ResourceKind, namespace: String, name: String) throws -> JSONValue {
        guard let object = try fetch(kind, namespace: namespace, name: name) else { throw APIError.notFound(kind, name) }
        return object
    }

    /// Objects of a kind, sorted by namespace then name; `namespace` nil lists every namespace.
    public func list(_ kind: ResourceKind, namespace: String? = nil, labels: LabelSelector = LabelSelector(),
                     fields: FieldSelector = FieldSelector()) throws -> [JSONValue] {
        let rows: [Row]
        if let namespace, kind.namespaced {
            rows = try connection.query("SELECT o.seq, e.object FROM objects o JOIN events e ON e.seq = o.seq WHERE o.kind = ? AND o.namespace = ? ORDER BY o.name",
                                        [.text(kind.kind), .text(namespace)])
        } else {
            rows = try connection.query("SELECT o.seq, e.object FROM objects o JOIN events e ON e.seq = o.seq WHERE o.kind = ? ORDER BY o.namespace, o.name",
                                        [.text(kind.kind)])
        }
        var objects: [JSONValue] = []
        objects.reserveCapacity(rows.count)
        for row in rows {
            guard let object = try decoded(row) else { continue }
            if !labels.isEmpty, !labels.matches(labelsOf: object) { continue }
            if !fields.matches(object) { continue }
            objects.append(object)
        }
        return objects
    }

    /// Objects of a kind in a namespace whose controller ownerReference has `uid` ("" lists the objects
    /// with no controller), sorted by name; answered from an index.
    public func list(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws -> [JSONValue] {
        try listVersions(kind, namespace: namespace, controlledBy: uid).map(\.object)
    }

    /// `list(_:namespace:controlledBy:)` with the seq of the event holding each object's version.
    public func listVersions(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws
        -> [(version: Int64, object: JSONValue)] {
        try versions(atSeqs: connection.query("""
            SELECT seq FROM objects INDEXED BY objects_by_owner
            WHERE kind = ? AND kind <> 'Event' AND namespace = ? AND owner_uid = ? ORDER BY name
            """, [.text(kind.kind), .text(kind.namespaced ? namespace : ""), .text(uid)]))
    }

    /// The pods bound to a node, every namespace, sorted by namespace and name; answered from an index.
    public func pods(onNode node: String) throws -> [JSONValue] {
        try versions(atSeqs: connection.query("""
            SELECT seq FROM objects INDEXED BY objects_by_node
            WHERE kind = 'Pod' AND node_name = ? ORDER BY namespace, name
            """, [.text(node)])).map(\.object)
    }

    /// The IPs held by the pods on a node that have not finished (phase neither Succeeded nor Failed),
    /// leaving out the pod `uid`: what a kubelet allocating a pod IP must avoid. From the projection's
    /// columns, with no JSON decoding.
    public func podIPsInUse(onNode node: String, excluding uid: String) throws -> [String] {
        try connection.query("""
            SELECT pod_ip FROM objects INDEXED BY objects_by_node
            WHERE kind = 'Pod' AND node_name = ? AND pod_ip != '' AND phase NOT IN ('Succeeded', 'Failed') AND uid != ?
            """, [.text(node), .text(uid)]).compactMap { $0[0].text }
    }

    /// Events from the log, oldest first.
    public func readEvents(_ filter: EventFilter) throws -> [LogEvent] {
        var sql = "SELECT seq, time, actor, verb, api_version, kind, namespace, name, uid, "
            + (filter.withObjects ? "object" : "NULL") + ", cause FROM events"
        var conditions: [String] = [], arguments: [SQLValue] = []
        if let kind = filter.kind { conditions.append("kind = ?"); arguments.append(.text(kind)) }
        if let namespace = filter.namespace { conditions.append("namespace = ?"); arguments.append(.text(namespace)) }
        if let name = filter.name { conditions.append("name = ?"); arguments.append(.text(name)) }
        if let since = filter.since { conditions.append("seq > ?"); arguments.append(.int(since)) }
        if let until = filter.until { conditions.append("seq <= ?"); arguments.append(.int(until)) }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY seq"
        if let limit = filter.limit { sql += " LIMIT \(limit)" }
        return try connection.query(sql, arguments).map(Store.event(from:))
    }

    static func event(from row: Row) -> LogEvent {
        LogEvent(seq: row[0].int ?? 0, time: row[1].text ?? "", actor: row[2].text ?? "",
                 verb: Verb(rawValue: row[3].text ?? "") ?? .update, apiVersion: row[4].text ?? "",
                 kind: row[5].text ?? "", namespace: row[6].text ?? "", name: row[7].text ?? "", uid: row[8].text ?? "",
                 object: row[9].text, cause: row[10].int)
    }
}
