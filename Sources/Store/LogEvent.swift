import Model

/// The verb of one event in the log.
public enum Verb: String, Sendable, CaseIterable {
    /// The first event: the seed, start time and settings of this database.
    case `init`
    /// The simulated clock moved forward.
    case advance
    case create, update, patch, status
    /// A pod was bound to a node (the binding subresource: `spec.nodeName` and the PodScheduled condition).
    case bind
    /// The object was marked for deletion (deletionTimestamp set); it stays until its grace period ends
    /// or its finalizers are gone.
    case terminate
    /// The object was removed.
    case delete

    /// Whether the event carries an object version.
    public var isObjectChange: Bool { self != .`init` && self != .advance }
}

/// One row of the event log: one API change, by a person or a controller.
public struct LogEvent: Sendable, Equatable {
    /// Strictly increasing; the object's `resourceVersion` after this change.
    public var seq: Int64
    /// Simulated time, RFC 3339.
    public var time: String
    /// A user name, or the name of the controller that wrote it.
    public var actor: String
    public var verb: Verb
    public var apiVersion: String
    public var kind: String
    public var namespace: String
    public var name: String
    public var uid: String
    /// The object after the change as canonical JSON (for `delete`: its last state).
    public var object: String?
    /// The seq of the event that led a controller to write this one; nil for a person's request.
    public var cause: Int64?

    public init(seq: Int64, time: String, actor: String, verb: Verb, apiVersion: String = "", kind: String = "",
                namespace: String = "", name: String = "", uid: String = "", object: String? = nil,
                cause: Int64? = nil) {
        self.seq = seq; self.time = time; self.actor = actor; self.verb = verb; self.apiVersion = apiVersion
        self.kind = kind; self.namespace = namespace; self.name = name; self.uid = uid; self.object = object
        self.cause = cause
    }

    /// The event as one JSON object (for `logbook log -o json`).
    public var json: JSONValue {
        var o: JSONObject = [
            "seq": .int(Int(seq)), "time": .string(time), "actor": .string(actor), "verb": .string(verb.rawValue),
            "apiVersion": .string(apiVersion), "kind": .string(kind), "namespace": .string(namespace),
            "name": .string(name), "uid": .string(uid), "cause": cause.map { .int(Int($0)) } ?? .null,
        ]
        if let object, let parsed = try? JSONValue.parse(object) { o["object"] = parsed }
        return .object(o)
    }
}
