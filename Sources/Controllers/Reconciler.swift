import Model
import Store

/// One change in the log, as a controller's watch sees it.
public struct ObjectChange: Sendable {
    public var kind: ResourceKind
    public var verb: Verb
    /// The object after the change; for `delete`, its last state.
    public var object: JSONValue
    /// The seq of the event.
    public var seq: Int64
    /// Who wrote it: a user name or a controller's name.
    public var actor: String

    public init(kind: ResourceKind, verb: Verb, object: JSONValue, seq: Int64, actor: String = "") {
        self.kind = kind; self.verb = verb; self.object = object; self.seq = seq; self.actor = actor
    }

    public var isDelete: Bool { verb == .delete }
}

/// When a controller wants to look at a key again.
public enum Requeue: Sendable, Equatable {
    /// Only when something it watches changes.
    case done
    /// After this many simulated seconds (also on any change before then).
    case after(Int64)
}

/// A control loop in the controller-runtime mould: it maps changes to keys, and reconciles one key at a
/// time from current state (level-triggered), never from the event that woke it.
public protocol Reconciler: Sendable {
    /// The actor recorded on its writes, e.g. `deployment-controller`.
    var name: String { get }

    /// Whether changes of this kind by this verb can ever give keys, so the engine can pass over the
    /// rest (the Events the kubelet records by the thousand, say) without decoding them.
    func watches(_ kind: ResourceKind, verb: Verb) -> Bool

    /// The keys to reconcile because of `change` (e.g. a pod change maps to its owning ReplicaSet).
    func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey]

    /// Brings the world one step closer to what `key` asks for. Throwing requeues the key after 5 s.
    func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue
}

extension Reconciler {
    /// By default every change is looked at.
    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool { true }
}
