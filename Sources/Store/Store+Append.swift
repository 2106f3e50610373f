import SQLiteKit
import Model
import Determinism

/// Who is writing, and why: the actor of the events a request appends, and their cause.
public struct WriteContext: Sendable {
    /// A user name, or a controller's name.
    public var actor: String
    /// The seq of the event that led a controller to write; nil for a person's request.
    public var cause: Int64?
    public init(actor: String, cause: Int64? = nil) { self.actor = actor; self.cause = cause }

    /// The default person: kubectl's usual admin user.
    public static let user = WriteContext(actor: "kubernetes-admin")
}

extension Store {
    /// Runs `body` in one write transaction (or inside the one already open), so a batch of changes
    /// commits together. A person's write is durable (fsync) before this returns.
    public func write<T>(_ body: () throws -> T) throws -> T {
        if try connection.inTransaction { return try body() }
        guard !isReadOnly else { throw StoreError("database \(path) is opened read-only") }
        // Another writer may append between two transactions, so the tail is read again; not while
        // writing behind, where this store is the only writer (see `writingBehind`).
        let ownsLog = connection.isWritingBehind
        if !ownsLog { tail = nil; hashChain.forget() }
        defer { if !ownsLog { tail = nil } }
        do {
            var appended: Int64?
            let value = try connection.writeTransaction { () throws -> T in
                let value = try body()
                appended = tail?.seq
                return value
            }
            checkpointer?.committed()
            if let appended { wakeSidecarWriter(head: appended) }
            return value
        } catch {
            discardRolledBack()
            throw error
        }
    }

    /// Runs `body` in one write transaction whose commit does not wait for the disk: for derived writes
    /// (the controllers'), which the controllers would derive again if a power failure lost them, and
    /// which the next durable commit (a person's request) or checkpoint puts on disk with it. A process
    /// crash loses nothing either way: the commit is in the WAL file.
    public func writeDerived<T>(_ body: () throws -> T) throws -> T {
        if try connection.inTransaction { return try body() }
        let level = try connection.scalar("PRAGMA synchronous")?.int ?? 2
        guard level > 1 else { return try write(body) }
        try connection.execute("PRAGMA synchronous=NORMAL")
        defer { try? connection.execute("PRAGMA synchronous=\(level)") }
        return try write(body)
    }

    /// After a rollback: forgets cached objects of events that no longer exist.
    public func discardRolledBack() {
        tail = nil
        if let seq = try? lastSeq() {
            cache.forget(after: seq)
            journal?.forget(after: seq)
        }
    }

    static let insertEventSQL =
        "INSERT INTO events(seq, time, actor, verb, api_version, kind, namespace, name, uid, object, cause, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"

    /// An `events` row's values, in `insertEventSQL`'s order.
    static func eventRow(_ seq: Int64, _ time: String, _ actor: String, _ verb: String, _ apiVersion: String,
                         _ kind: String, _ namespace: String, _ name: String, _ uid: String, _ object: String?,
                         _ cause: Int64?, _ hash: String) -> [SQLValue] {
        [.int(seq), .text(time), .text(actor), .text(verb), .text(apiVersion), .text(kind), .text(namespace),
         .text(name), .text(uid), SQLValue(object), SQLValue(cause), .text(hash)]
    }

    /// Appends one event at seq = newest + 1 and updates the object projection. Must run inside `write`.
    /// `previous` is the version this one replaces, when the caller has it at hand.
    @discardableResult
    func append(verb: Verb, object: JSONValue?, kind: ResourceKind?, namespace: String, name: String, uid: String,
                context: WriteContext, seq: Int64, time: Timestamp,
                replacing previous: JSONValue? = nil) throws -> Int64 {
        let objectText = object?.canonicalString()
        // Core Events are written by the thousand and read back rarely: they are decoded when asked for.
        if keepsWrittenObjects, let object, let kind, verb.isObjectChange, kind != .event {
            cache.insert(object, at: seq, identity: .init(kind: kind.kind, namespace: namespace, name: name))
        }
        let timeText = rfc3339(time)
        let apiVersion = kind?.apiVersion ?? "", kindName = kind?.kind ?? "", actor = context.actor, cause = context.cause
        // Hashed where the row is inserted: on the write-behind thread while writing behind.
        let chain = hashChain
        try connection.runBehind { statements throws(SQLiteError) in
            let hash = EventHash.compute(previous: try chain.previous(before: seq, statements), seq: seq, time: timeText,
                                         actor: actor, verb: verb.rawValue, apiVersion: apiVersion, kind: kindName,
                                         namespace: namespace, name: name, uid: uid, object: objectText, cause: cause)
            chain.note(seq: seq, hash: hash)
            try statements.run(Store.insertEventSQL, Store.eventRow(seq, timeText, actor, verb.rawValue, apiVersion,
                                                                     kindName, namespace, name, uid, objectText, cause,
                                                                     SHA256.hex(hash)))
        }
        if let journal {
            journal.record(LogEvent(seq: seq, time: timeText, actor: actor, verb: verb, apiVersion: apiVersion,
                                    kind: kindName, namespace: namespace, name: name, uid: uid, object: objectText,
                                    cause: cause))
        }
        tail = LogTail(seq: seq, time: time, rollbacks: connection.rollbacks,
                       namespaces: kind == .namespace ? [] : tail?.namespaces ?? [])
        guard let kind, verb.isObjectChange else { return seq }
        try noteLiveObject(kind: kind, namespace: namespace, name: name, seq: verb == .delete ? nil : seq)
        if verb == .delete {
            try connection.run("DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?",
                               [.text(kind.kind), .text(namespace), .text(name)])
        } else {
            let columns = ObjectRowColumns(object, kind: kind, uid: uid)
            if verb != .create, let previous, ObjectRowColumns(previous, kind: kind, uid: previous.uid) == columns {
                // Only the version moves: no index of the row changes.
                try connection.run("UPDATE objects SET seq = ? WHERE kind = ? AND namespace = ? AND name = ?",
                                   [.int(seq), .text(kind.kind), .text(namespace), .text(name)])
            } else {
                // A create inserts (the caller checked the name is free); a change replaces the row.
                try connection.run(
                    verb == .create
                        ? "INSERT INTO objects(kind, namespace, name, api_version, uid, seq, owner_uid, node_name, phase, pod_ip) VALUES (?,?,?,?,?,?,?,?,?,?)"
                        : "INSERT OR REPLACE INTO objects(kind, namespace, name, api_version, uid, seq, owner_uid, node_name, phase, pod_ip) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [.text(kind.kind), .text(namespace), .text(name), .text(kind.apiVersion), .text(uid), .int(seq),
                     .text(columns.ownerUID), .text(columns.nodeName), .text(columns.phase), .text(columns.podIP)])
            }
            if kind == .pod, let object { try writePodRow(of: object, seq: seq) }
        }
        try updateRevisionHistory(kind: kind, verb: verb, object: object, seq: seq, time: time, actor: context.actor,
                                  cause: context.cause)
        return seq
    }

    /// `time.rfc3339`, remembered for the next event (the clock moves only on an advance).
    func rfc3339(_ time: Timestamp) -> String {
        if let last = lastTimeText, last.time == time { return last.text }
        let text = time.rfc3339
        lastTimeText = (time, text)
        return text
    }

    /// A generator for random choices made at `seq`, derived from the recorded seed.
    func generator(at seq: Int64, stream: UInt64) -> SplitMix64 {
        SplitMix64.derived(seed: settings.seed, seq: seq, stream: stream)
    }

    /// Moves the simulated clock forward by `seconds`, recording it in the log. Returns the new time.
    @discardableResult
    public func advance(seconds: Int64, context: WriteContext = .user) throws -> Timestamp {
        guard seconds > 0 else { throw StoreError("the clock only moves forward: give a positive duration") }
        return try write {
            let head = try head()
            let time = head.time + seconds
            try append(verb: .advance, object: ["seconds": .int(Int(seconds))], kind: nil, namespace: "", name: "",
                       uid: "", context: context, seq: head.seq + 1, time: time)
            return time
        }
    }
}

/// The columns of an `objects` row besides its key and seq: what its indexes cover.
struct ObjectRowColumns: Equatable {
    var uid: String
    /// The uid in the object's controller ownerReference, "" for none.
    var ownerUID: String
    /// A pod's spec.nodeName, status.phase and status.podIP ("" for other kinds).
    var nodeName: String, phase: String, podIP: String

    init(_ object: JSONValue?, kind: ResourceKind, uid: String) {
        self.uid = uid
        ownerUID = object?.controllerReference?["uid"]?.stringValue ?? ""
        let isPod = kind == .pod
        nodeName = isPod ? object?[path: ["spec", "nodeName"]]?.stringValue ?? "" : ""
        phase = isPod ? object?[path: ["status", "phase"]]?.stringValue ?? "" : ""
        podIP = isPod ? object?[path: ["status", "podIP"]]?.stringValue ?? "" : ""
    }
}
