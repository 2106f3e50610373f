import Model
import Determinism
import Store

/// The `ObjectClient` controllers use: the store, writing as `context` (controller name and cause).
public final class StoreClient: ObjectClient {
    let store: Store
    public var context: WriteContext
    public private(set) var now: Timestamp
    private var draws: UInt64 = 0
    private var drawSeq: Int64 = -1

    public init(store: Store, context: WriteContext) throws {
        self.store = store
        self.context = context
        now = try store.now()
    }

    /// Re-reads the clock (after an advance).
    func refreshClock() throws { now = try store.now() }

    public func get(_ kind: ResourceKind, _ namespace: String, _ name: String) throws -> JSONValue? {
        try store.fetch(kind, namespace: namespace, name: name)
    }

    public func list(_ kind: ResourceKind, namespace: String?, selector: LabelSelector) throws -> [JSONValue] {
        try store.list(kind, namespace: namespace, labels: selector)
    }

    public func list(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws -> [JSONValue] {
        try store.list(kind, namespace: namespace, controlledBy: uid)
    }

    public func listVersions(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws
        -> [(version: Int64, object: JSONValue)] {
        try store.listVersions(kind, namespace: namespace, controlledBy: uid)
    }

    public func pods(onNode node: String) throws -> [JSONValue] { try store.pods(onNode: node) }

    public func podIPsInUse(onNode node: String, excluding uid: String) throws -> [String] {
        try store.podIPsInUse(onNode: node, excluding: uid)
    }

    @discardableResult
    public func create(_ object: JSONValue) throws -> JSONValue {
        try store.create(object, namespace: object.namespace, context: context)
    }

    @discardableResult
    public func update(_ object: JSONValue) throws -> JSONValue {
        try store.update(object, namespace: object.namespace, context: context)
    }

    @discardableResult
    public func updateStatus(_ object: JSONValue) throws -> JSONValue {
        try store.update(object, namespace: object.namespace, subresource: .status, context: context)
    }

    @discardableResult
    public func patch(_ kind: ResourceKind, _ namespace: String, _ name: String, _ patch: JSONValue, type: PatchType,
                      status: Bool) throws -> JSONValue {
        try store.patch(kind, namespace: namespace, name: name, patch: patch, type: type,
                        subresource: status ? .status : .main, context: context)
    }

    public func delete(_ kind: ResourceKind, _ namespace: String, _ name: String, gracePeriodSeconds: Int64?) throws {
        try store.delete(kind, namespace: namespace, name: name, options: DeleteOptions(gracePeriodSeconds: gracePeriodSeconds),
                         context: context)
    }

    @discardableResult
    public func bind(_ pod: JSONValue, to node: String) throws -> JSONValue {
        try store.bind(podNamespace: pod.namespace, pod: pod.name, to: node, context: context)
    }

    public func deleteInForeground(_ kind: ResourceKind, _ namespace: String, _ name: String) throws {
        try store.delete(kind, namespace: namespace, name: name, options: DeleteOptions(propagation: .foreground),
                         context: context)
    }

    public func recordEvent(about object: JSONValue, type: EventType, reason: String, message: String) throws {
        try store.recordEvent(about: object, type: type.rawValue, reason: reason, message: message,
                              component: context.actor, context: context)
    }

    /// Draws depend only on the log: the newest seq and how many draws were made since it was written,
    /// never on how long this client has lived (a new process draws the same numbers at the same point).
    public func random() -> UInt64 {
        let seq = (try? store.lastSeq()) ?? 0
        if seq != drawSeq { drawSeq = seq; draws = 0 }
        draws += 1
        var generator = SplitMix64.derived(seed: store.settings.seed, seq: seq, stream: 1000 + draws)
        return generator.next()
    }
}
