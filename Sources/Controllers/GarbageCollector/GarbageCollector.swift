import Model
import Store

/// The garbage collector: removes objects whose owners are gone (background propagation), deletes the
/// dependents of an owner being deleted in the foreground before letting it go, and strips the owner
/// reference from the dependents of an owner deleted with `orphan`.
public struct GarbageCollector: Reconciler {
    public static let name = "garbage-collector"
    public var name: String { Self.name }

    /// The kinds that can have owners.
    static let dependentKinds: [ResourceKind] = [.replicaSet, .pod, .controllerRevision, .persistentVolumeClaim,
                                                 .endpointSlice]

    public init() {}

    static func finalizers(_ object: JSONValue) -> [String] {
        (object[path: ["metadata", "finalizers"]]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Kinds that own nothing here: their removal needs no search for dependents (pods come and go by
    /// the thousand; scanning the namespace for each would make deletion quadratic).
    static let ownNothing: Set<String> = ["Pod", "Event"]

    /// Objects in `namespace` holding an owner reference to `uid` (of an object of `ownerKind`).
    /// Controller references are found through the owner index; other references by a scan, which only
    /// happens for kinds that can own things.
    static func dependents(of uid: String, ownerKind: String, namespace: String,
                           client: any ObjectClient) throws -> [(ResourceKind, JSONValue)] {
        guard !uid.isEmpty, !ownNothing.contains(ownerKind) else { return [] }
        var found: [(ResourceKind, JSONValue)] = []
        for kind in dependentKinds {
            var seen = Set<String>()
            if !namespace.isEmpty {
                for object in try client.list(kind, namespace: namespace, controlledBy: uid) {
                    seen.insert(object.uid)
                    found.append((kind, object))
                }
            }
            for object in try client.list(kind, namespace: namespace.isEmpty ? nil : namespace)
            where !seen.contains(object.uid) && object.ownerReferences.contains(where: { $0["uid"]?.stringValue == uid }) {
                found.append((kind, object))
            }
        }
        return found
    }

    /// Only deletions concern it, and a create never carries a deletionTimestamp (the store drops it).
    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool { verb != .create }

    public func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        let object = change.object
        let deleting = change.isDelete || object.deletionTimestamp != nil
        guard deleting else { return [] }
        let finalizers = Self.finalizers(object)
        var keys: [ObjectKey] = []
        if !change.isDelete, finalizers.contains("foregroundDeletion") || finalizers.contains("orphan") {
            keys.append(ObjectKey(of: object, kind: change.kind))
        }
        if change.isDelete {
            // A dependent is gone: an owner waiting for its dependents may now go.
            for reference in object.ownerReferences {
                guard let kind = ResourceKind.named(reference["kind"]?.stringValue ?? ""),
                      let name = reference["name"]?.stringValue else { continue }
                keys.append(ObjectKey(kind, object.namespace, name))
            }
        }
        if change.isDelete || finalizers.contains("foregroundDeletion") || finalizers.contains("orphan") {
            keys += try Self.dependents(of: object.uid, ownerKind: object.kind, namespace: object.namespace, client: client).map {
                ObjectKey(of: $0.1, kind: $0.0)
            }
        }
        return keys
    }

    public func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard let object = try client.get(key.kind, key.namespace, key.name) else { return .done }
        let finalizers = Self.finalizers(object)
        // An owner being deleted in the foreground or orphaning: let it go once no dependent points at it.
        if object.deletionTimestamp != nil, finalizers.contains("foregroundDeletion") || finalizers.contains("orphan") {
            if try Self.dependents(of: object.uid, ownerKind: object.kind, namespace: object.namespace, client: client).isEmpty {
                let remaining = finalizers.filter { $0 != "foregroundDeletion" && $0 != "orphan" }
                try client.patch(key.kind, key.namespace, key.name,
                                 ["metadata": ["finalizers": remaining.isEmpty ? nil : .array(remaining.map { .string($0) })]])
                return .done
            }
        }
        // A dependent: look at each owner.
        var kept: [JSONValue] = []
        var dangling = 0, orphaned = 0, foreground = false
        for reference in object.ownerReferences {
            guard let kind = ResourceKind.named(reference["kind"]?.stringValue ?? ""),
                  let owner = try client.get(kind, object.namespace, reference["name"]?.stringValue ?? ""),
                  owner.uid == reference["uid"]?.stringValue
            else { dangling += 1; continue }
            let ownerFinalizers = Self.finalizers(owner)
            if owner.deletionTimestamp != nil, ownerFinalizers.contains("orphan") { orphaned += 1; continue }
            if owner.deletionTimestamp != nil, ownerFinalizers.contains("foregroundDeletion") { foreground = true }
            kept.append(reference)
        }
        if dangling == 0, orphaned == 0, !foreground { return .done }
        if kept.isEmpty && orphaned == 0 || foreground && kept.count == 1 {
            if object.deletionTimestamp == nil {
                // An owner going in the foreground takes its dependents down the same way, so it stays
                // visible until the whole tree below it is gone.
                if foreground { try client.deleteInForeground(key.kind, key.namespace, key.name) }
                else { try client.delete(key.kind, key.namespace, key.name, gracePeriodSeconds: nil) }
            }
            return .done
        }
        try client.patch(key.kind, key.namespace, key.name, ["metadata": ["ownerReferences": kept.isEmpty ? nil : .array(kept)]])
        return .done
    }
}
