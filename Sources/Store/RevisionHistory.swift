import SQLiteKit
import Model
import Determinism

/// One row of the revision history projection: a ReplicaSet that a Deployment controls, with the revision
/// number its `deployment.kubernetes.io/revision` annotation gives it, and the event that gave it that number.
public struct RevisionRecord: Sendable, Equatable {
    public var namespace: String
    /// The controlling Deployment's name and uid.
    public var deployment: String
    public var deploymentUID: String
    public var revision: Int64
    public var replicaSet: String
    /// The ReplicaSet's `spec.template` (with its `pod-template-hash` label), canonical JSON.
    public var template: String
    /// The ReplicaSet's `kubernetes.io/change-cause` annotation, or empty.
    public var changeCause: String
    /// The event that gave the ReplicaSet this revision number: seq, simulated time, actor, verb, cause.
    public var seq: Int64
    public var time: String
    public var actor: String
    public var verb: String
    public var cause: Int64?

    public init(namespace: String, deployment: String, deploymentUID: String, revision: Int64, replicaSet: String,
                template: String, changeCause: String, seq: Int64, time: String, actor: String, verb: String,
                cause: Int64?) {
        self.namespace = namespace; self.deployment = deployment; self.deploymentUID = deploymentUID
        self.revision = revision; self.replicaSet = replicaSet; self.template = template
        self.changeCause = changeCause; self.seq = seq; self.time = time; self.actor = actor; self.verb = verb
        self.cause = cause
    }

    /// The pod template as a value.
    public var templateValue: JSONValue { (try? JSONValue.parse(template)) ?? .emptyObject }
}

/// The rules that keep the revision history in step with ReplicaSet events. Pure: the live hook and the
/// rebuild from the log both apply `transition`, so they cannot disagree.
public enum RevisionHistory {
    /// The annotation holding a ReplicaSet's revision number.
    public static let revisionAnnotation = "deployment.kubernetes.io/revision"
    /// The annotation `rollout history` shows as CHANGE-CAUSE.
    public static let changeCauseAnnotation = "kubernetes.io/change-cause"

    /// What one event does to the row of its ReplicaSet.
    public enum Change: Equatable, Sendable {
        case none
        case upsert(RevisionRecord)
        case remove
    }

    /// The row a ReplicaSet version describes, with event fields left for `transition` to fill; nil when the
    /// ReplicaSet has no Deployment controller reference or no revision annotation holding an integer.
    static func candidate(_ replicaSet: JSONValue) -> RevisionRecord? {
        guard let owner = replicaSet.controllerReference, owner["kind"]?.stringValue == "Deployment",
              let ownerName = owner["name"]?.stringValue,
              let text = replicaSet.annotations[revisionAnnotation], let revision = Int64(text)
        else { return nil }
        return RevisionRecord(namespace: replicaSet.namespace, deployment: ownerName,
                              deploymentUID: owner["uid"]?.stringValue ?? "", revision: revision,
                              replicaSet: replicaSet.name,
                              template: (replicaSet[path: ["spec", "template"]] ?? .emptyObject).canonicalString(),
                              changeCause: replicaSet.annotations[changeCauseAnnotation] ?? "",
                              seq: 0, time: "", actor: "", verb: "", cause: nil)
    }

    /// How an event about a ReplicaSet changes its row. A new revision number (or a new owner) takes this
    /// event as its origin; a changed change-cause or template keeps the origin it had; a delete, a released
    /// ReplicaSet or a removed annotation removes the row.
    public static func transition(existing: RevisionRecord?, verb: Verb, object: JSONValue?, seq: Int64,
                                  time: String, actor: String, cause: Int64?) -> Change {
        guard verb != .delete, let object, var next = candidate(object) else {
            return existing == nil ? .none : .remove
        }
        if let existing, existing.revision == next.revision, existing.deploymentUID == next.deploymentUID {
            next.seq = existing.seq; next.time = existing.time; next.actor = existing.actor
            next.verb = existing.verb; next.cause = existing.cause
            return next == existing ? .none : .upsert(next)
        }
        next.seq = seq; next.time = time; next.actor = actor; next.verb = verb.rawValue; next.cause = cause
        return .upsert(next)
    }
}

extension Store {
    /// Keeps the `revisions` projection in step with one appended event. Call it from `append`, in the same
    /// transaction, for every object change; it ignores everything but ReplicaSets.
    func updateRevisionHistory(kind: ResourceKind?, verb: Verb, object: JSONValue?, seq: Int64, time: Timestamp,
                               actor: String, cause: Int64? = nil) throws {
        guard kind == .replicaSet, let object else { return }
        try applyRevisionEvent(table: "revisions", verb: verb, object: object, seq: seq, time: time.rfc3339,
                               actor: actor, cause: cause)
    }

    /// Applies one ReplicaSet event to a revisions-shaped table (the live one, or a rebuild).
    func applyRevisionEvent(table: String, verb: Verb, object: JSONValue, seq: Int64, time: String, actor: String,
                            cause: Int64?) throws {
        let existing = try revisionRow(table: table, namespace: object.namespace, replicaSet: object.name)
        switch RevisionHistory.transition(existing: existing, verb: verb, object: object, seq: seq, time: time,
                                          actor: actor, cause: cause) {
        case .none: return
        case .remove:
            try connection.run("DELETE FROM \(table) WHERE namespace = ? AND replicaset = ?",
                               [.text(object.namespace), .text(object.name)])
        case .upsert(let row):
            try connection.run("""
                INSERT OR REPLACE INTO \(table)(namespace, deployment, deployment_uid, revision, replicaset, template,
                    change_cause, seq, time, actor, verb, cause) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                """, [.text(row.namespace), .text(row.deployment), .text(row.deploymentUID), .int(row.revision),
                      .text(row.replicaSet), .text(row.template), .text(row.changeCause), .int(row.seq),
                      .text(row.time), .text(row.actor), .text(row.verb), SQLValue(row.cause)])
        }
    }

    static let revisionColumns = "namespace, deployment, deployment_uid, revision, replicaset, template, change_cause, seq, time, actor, verb, cause"

    func revisionRow(table: String, namespace: String, replicaSet: String) throws -> RevisionRecord? {
        try connection.query("SELECT \(Store.revisionColumns) FROM \(table) WHERE namespace = ? AND replicaset = ?",
                             [.text(namespace), .text(replicaSet)]).first.map(Store.revisionRecord(from:))
    }

    static func revisionRecord(from row: Row) -> RevisionRecord {
        RevisionRecord(namespace: row[0].text ?? "", deployment: row[1].text ?? "", deploymentUID: row[2].text ?? "",
                       revision: row[3].int ?? 0, replicaSet: row[4].text ?? "", template: row[5].text ?? "",
                       changeCause: row[6].text ?? "", seq: row[7].int ?? 0, time: row[8].text ?? "",
                       actor: row[9].text ?? "", verb: row[10].text ?? "", cause: row[11].int)
    }

    /// The revision history of a Deployment, oldest revision first. With `uid`, only ReplicaSets whose
    /// controller reference carries that uid (what kubectl counts).
    public func revisions(namespace: String, deployment: String, uid: String? = nil) throws -> [RevisionRecord] {
        var sql = "SELECT \(Store.revisionColumns) FROM revisions WHERE namespace = ? AND deployment = ?"
        var arguments: [SQLValue] = [.text(namespace), .text(deployment)]
        if let uid { sql += " AND deployment_uid = ?"; arguments.append(.text(uid)) }
        sql += " ORDER BY revision, replicaset"
        return try connection.query(sql, arguments).map(Store.revisionRecord(from:))
    }
}
