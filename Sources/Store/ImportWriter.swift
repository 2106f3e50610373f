import SQLiteKit
import Model

/// Writes the checked events of an import in bulk, inside the import's one transaction: each event is one
/// insert through a prepared statement, while the projections are kept in memory, applying to each event
/// the rules a live `append` applies, and written once at the end (`finish`). Only the final state of each
/// row matters to a projection, so the result is the table a sequence of live appends leaves behind;
/// `verify` rebuilds both projections from the log and compares them with these.
final class ImportWriter {
    /// The newest version of an object: its event's fields; `finish` reads the projection's columns from
    /// its text as `append` reads them from the object. Nil in `objects` means the object was deleted.
    struct ObjectVersion {
        var kind: ResourceKind, uid: String, seq: Int64, text: String
    }

    struct ObjectKey: Hashable { var kind: String, namespace: String, name: String }
    struct ReplicaSetKey: Hashable { var namespace: String, name: String }

    private let store: Store
    private let insert: Statement
    /// The objects an event touched, by key, as the last event left them (nil: deleted).
    private var objects: [ObjectKey: ObjectVersion?] = [:]
    /// The revisions rows of the ReplicaSets an event touched, as the last event left them (nil: no row).
    private var revisions: [ReplicaSetKey: RevisionRecord?] = [:]

    init(store: Store) throws {
        self.store = store
        insert = try store.connection.prepare(Store.insertEventSQL)
    }

    /// Inserts one checked event (its time is canonical RFC 3339, its kind known, its hash checked against
    /// the chain; its object parsed when it is a ReplicaSet) and applies it to the in-memory projections.
    func append(_ checked: ExportReader.Checked) throws {
        let event = checked.event, object = checked.object, hash = checked.hash
        let kind = ResourceKind.named(event.kind)
        insert.reset()
        try insert.bind(Store.eventRow(event.seq, event.time, event.actor, event.verb.rawValue, kind?.apiVersion ?? "",
                                       kind?.kind ?? "", event.namespace, event.name, event.uid, event.object, event.cause,
                                       hash))
        while try insert.step() != nil {}
        guard let kind, event.verb.isObjectChange else { return }
        let key = ObjectKey(kind: kind.kind, namespace: event.namespace, name: event.name)
        if event.verb == .delete {
            objects[key] = .some(nil)
        } else if let text = event.object {
            objects[key] = ObjectVersion(kind: kind, uid: event.uid, seq: event.seq, text: text)
        }
        guard kind == .replicaSet, let object else { return }
        let replicaSet = ReplicaSetKey(namespace: object.namespace, name: object.name)
        let existing: RevisionRecord?
        if let known = revisions[replicaSet] {
            existing = known
        } else {
            existing = try store.revisionRow(table: "revisions", namespace: replicaSet.namespace, replicaSet: replicaSet.name)
        }
        switch RevisionHistory.transition(existing: existing, verb: event.verb, object: object, seq: event.seq,
                                          time: event.time, actor: event.actor, cause: event.cause) {
        case .none: revisions[replicaSet] = .some(existing)
        case .remove: revisions[replicaSet] = .some(nil)
        case .upsert(let row): revisions[replicaSet] = .some(row)
        }
    }

    /// Writes the projections' final rows: every touched object and ReplicaSet, replaced or removed.
    func finish() throws {
        let connection = store.connection
        let upsertObject = try connection.prepare(
            "INSERT OR REPLACE INTO objects(kind, namespace, name, api_version, uid, seq, owner_uid, node_name, phase, pod_ip) VALUES (?,?,?,?,?,?,?,?,?,?)")
        let deleteObject = try connection.prepare("DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?")
        for (key, version) in objects {
            if let version {
                let kind = version.kind, pod = kind == .pod
                let object = try JSONValue.parse(version.text)
                upsertObject.reset()
                try upsertObject.bind([.text(key.kind), .text(key.namespace), .text(key.name), .text(kind.apiVersion),
                                       .text(version.uid), .int(version.seq),
                                       .text(object.controllerReference?["uid"]?.stringValue ?? ""),
                                       .text(pod ? object[path: ["spec", "nodeName"]]?.stringValue ?? "" : ""),
                                       .text(pod ? object[path: ["status", "phase"]]?.stringValue ?? "" : ""),
                                       .text(pod ? object[path: ["status", "podIP"]]?.stringValue ?? "" : "")])
                while try upsertObject.step() != nil {}
                if pod { try store.writePodRow(of: object, seq: version.seq) }
            } else {
                deleteObject.reset()
                try deleteObject.bind([.text(key.kind), .text(key.namespace), .text(key.name)])
                while try deleteObject.step() != nil {}
            }
        }
        let upsertRevision = try connection.prepare(
            "INSERT OR REPLACE INTO revisions(\(Store.revisionColumns)) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
        let deleteRevision = try connection.prepare("DELETE FROM revisions WHERE namespace = ? AND replicaset = ?")
        for (key, row) in revisions {
            if let row {
                upsertRevision.reset()
                try upsertRevision.bind([.text(row.namespace), .text(row.deployment), .text(row.deploymentUID),
                                         .int(row.revision), .text(row.replicaSet), .text(row.template),
                                         .text(row.changeCause), .int(row.seq), .text(row.time), .text(row.actor),
                                         .text(row.verb), SQLValue(row.cause)])
                while try upsertRevision.step() != nil {}
            } else {
                deleteRevision.reset()
                try deleteRevision.bind([.text(key.namespace), .text(key.name)])
                while try deleteRevision.step() != nil {}
            }
        }
        objects = [:]
        revisions = [:]
    }
}
