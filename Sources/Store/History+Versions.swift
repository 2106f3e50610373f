import SQLiteKit
import Model

/// One object's version at two points of the log (nil where it did not exist there).
public struct VersionPair: Sendable {
    public var kind: String
    public var namespace: String
    public var name: String
    /// The newest event of the object at or before the first point, unless that was its deletion.
    public var before: LogEvent?
    /// The same at the second point.
    public var after: LogEvent?
}

extension Store {
    /// Every object written between two points (seq `from` exclusive, `to` inclusive, in either order),
    /// with its version at `from` and at `to`: the newest event at or before each point, unless that event
    /// deleted it. Found through the `events_by_object` index, so the cost follows the objects touched,
    /// not the length of the log. Sorted by kind, namespace and name.
    public func versionPairs(from: Int64, to: Int64, kind: String? = nil, namespace: String? = nil) throws -> [VersionPair] {
        var conditions = ["seq > ?", "seq <= ?", "kind != ''"]
        var arguments: [SQLValue] = [.int(min(from, to)), .int(max(from, to))]
        if let kind { conditions.append("kind = ?"); arguments.append(.text(kind)) }
        if let namespace { conditions.append("namespace = ?"); arguments.append(.text(namespace)) }
        let newest = { (point: String) in
            "(SELECT seq FROM events n WHERE n.kind = t.kind AND n.namespace = t.namespace AND n.name = t.name AND n.seq <= \(point) ORDER BY n.seq DESC LIMIT 1)"
        }
        let columns = ["seq", "time", "actor", "verb", "api_version", "kind", "namespace", "name", "uid", "object", "cause"]
        let sql = """
            WITH touched AS (SELECT DISTINCT kind, namespace, name FROM events WHERE \(conditions.joined(separator: " AND "))),
                 points AS (SELECT kind, namespace, name, \(newest("?")) AS before_seq, \(newest("?")) AS after_seq FROM touched t)
            SELECT p.kind, p.namespace, p.name,
                   \(columns.map { "b." + $0 }.joined(separator: ", ")), \(columns.map { "a." + $0 }.joined(separator: ", "))
            FROM points p LEFT JOIN events b ON b.seq = p.before_seq LEFT JOIN events a ON a.seq = p.after_seq
            ORDER BY p.kind, p.namespace, p.name
            """
        let rows = try connection.query(sql, arguments + [.int(from), .int(to)])
        return rows.map { row in
            func version(at offset: Int) -> LogEvent? {
                guard row[offset].int != nil else { return nil }
                let v = { (i: Int) in row[offset + i] }
                let event = LogEvent(seq: v(0).int ?? 0, time: v(1).text ?? "", actor: v(2).text ?? "",
                                     verb: Verb(rawValue: v(3).text ?? "") ?? .update, apiVersion: v(4).text ?? "",
                                     kind: v(5).text ?? "", namespace: v(6).text ?? "", name: v(7).text ?? "",
                                     uid: v(8).text ?? "", object: v(9).text, cause: v(10).int)
                return event.verb == .delete ? nil : event
            }
            return VersionPair(kind: row[0].text ?? "", namespace: row[1].text ?? "", name: row[2].text ?? "",
                               before: version(at: 3), after: version(at: 14))
        }
    }
}
