import Model
import Determinism
import Store

/// `Normal` or `Warning`, as in core/v1 Events.
public enum EventType: String, Sendable {
    case normal = "Normal"
    case warning = "Warning"
}

/// What a controller sees of the cluster: reads of current state and API writes. Every write is one
/// event in the log with the controller as actor and the triggering event as cause. Controllers never see
/// SQL, the wall clock or a global random source.
public protocol ObjectClient: AnyObject {
    /// The simulated time now.
    var now: Timestamp { get }

    /// The object, or nil when it does not exist.
    func get(_ kind: ResourceKind, _ namespace: String, _ name: String) throws -> JSONValue?
    /// Objects of a kind, sorted by namespace and name; `namespace` nil means every namespace.
    func list(_ kind: ResourceKind, namespace: String?, selector: LabelSelector) throws -> [JSONValue]

    /// Objects of a kind in a namespace controlled by the owner with `uid` ("" for objects with no
    /// controller), sorted by name. Cheap: answered from an index, whatever the namespace holds.
    func list(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws -> [JSONValue]

    /// `list(_:namespace:controlledBy:)` with each object's version (its resourceVersion as a number),
    /// for controllers that keep what they read of a version.
    func listVersions(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws -> [(version: Int64, object: JSONValue)]

    /// The pods bound to `node` (every namespace), sorted by namespace and name; answered from an index.
    func pods(onNode node: String) throws -> [JSONValue]

    /// The IPs held by the unfinished pods on `node` other than the pod `uid`, without decoding pods.
    func podIPsInUse(onNode node: String, excluding uid: String) throws -> [String]

    /// Creates an object (server-set metadata filled in; `generateName` honoured).
    @discardableResult func create(_ object: JSONValue) throws -> JSONValue
    /// Replaces an object; its `resourceVersion` must be current (else a Conflict APIError).
    @discardableResult func update(_ object: JSONValue) throws -> JSONValue
    /// Replaces an object's status (the status subresource); metadata and spec changes are ignored.
    @discardableResult func updateStatus(_ object: JSONValue) throws -> JSONValue
    /// Patches an object (main resource or status).
    @discardableResult func patch(_ kind: ResourceKind, _ namespace: String, _ name: String, _ patch: JSONValue,
                                  type: PatchType, status: Bool) throws -> JSONValue
    /// Deletes an object; `gracePeriodSeconds` nil uses the object's own (pods), 0 removes at once.
    func delete(_ kind: ResourceKind, _ namespace: String, _ name: String, gracePeriodSeconds: Int64?) throws
    /// Deletes an object in the foreground: it stays (with the `foregroundDeletion` finalizer) until the
    /// objects it owns are gone.
    func deleteInForeground(_ kind: ResourceKind, _ namespace: String, _ name: String) throws

    /// Binds a pod to a node (the binding subresource); returns the bound pod.
    @discardableResult func bind(_ pod: JSONValue, to node: String) throws -> JSONValue

    /// Records a core/v1 Event about `object` (same object, type, reason and message as an existing Event:
    /// its count and lastTimestamp go up instead).
    func recordEvent(about object: JSONValue, type: EventType, reason: String, message: String) throws

    /// A random number from the seeded generator, drawn deterministically for this point of the log.
    func random() -> UInt64
}

extension ObjectClient {
    /// By default, each version read from the object's `metadata.resourceVersion` (0 when it has none).
    public func listVersions(_ kind: ResourceKind, namespace: String, controlledBy uid: String) throws
        -> [(version: Int64, object: JSONValue)] {
        try list(kind, namespace: namespace, controlledBy: uid).map { (Int64($0.resourceVersion) ?? 0, $0) }
    }

    public func list(_ kind: ResourceKind, namespace: String? = nil) throws -> [JSONValue] {
        try list(kind, namespace: namespace, selector: LabelSelector())
    }

    @discardableResult
    public func patch(_ kind: ResourceKind, _ namespace: String, _ name: String, _ patch: JSONValue,
                      type: PatchType = .merge) throws -> JSONValue {
        try self.patch(kind, namespace, name, patch, type: type, status: false)
    }

    @discardableResult
    public func patchStatus(_ kind: ResourceKind, _ namespace: String, _ name: String, _ patch: JSONValue) throws -> JSONValue {
        try self.patch(kind, namespace, name, patch, type: .merge, status: true)
    }
}
