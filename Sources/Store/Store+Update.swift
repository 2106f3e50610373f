import Model
import Determinism
import Admission
import Patch

/// Which part of an object a write replaces.
public enum Subresource: Sendable {
    /// The object (spec, metadata); status changes are ignored, as the API server does.
    case main
    /// Only `status` (the status subresource); spec and metadata changes are ignored.
    case status
}

/// The three patch types the API accepts.
public enum PatchType: String, Sendable, CaseIterable {
    case strategic, merge, json

    /// The HTTP content type for this patch type.
    public var contentType: String {
        switch self {
        case .strategic: return "application/strategic-merge-patch+json"
        case .merge: return "application/merge-patch+json"
        case .json: return "application/json-patch+json"
        }
    }
}

extension Store {
    /// Replaces an object (PUT). A non-empty `metadata.resourceVersion` must match the stored one, else 409.
    @discardableResult
    public func update(_ input: JSONValue, namespace requestNamespace: String = "default",
                       subresource: Subresource = .main, context: WriteContext = .user,
                       dryRun: Bool = false) throws -> JSONValue {
        let kind = try Store.resolveKind(of: input)
        let namespace = try Store.namespace(for: input, kind: kind, requestNamespace: requestNamespace)
        return try write {
            let current = try get(kind, namespace: namespace, name: input.name)
            return try commit(input, over: current, kind: kind, verb: subresource == .status ? .status : .update,
                              subresource: subresource, context: context, dryRun: dryRun)
        }
    }

    /// Patches an object. The result's resourceVersion, if the patch sets one, must match (else 409).
    @discardableResult
    public func patch(_ kind: ResourceKind, namespace: String, name: String, patch: JSONValue, type: PatchType,
                      subresource: Subresource = .main, context: WriteContext = .user,
                      dryRun: Bool = false) throws -> JSONValue {
        try write {
            let current = try get(kind, namespace: namespace, name: name)
            let patched: JSONValue
            do {
                switch type {
                case .merge:
                    guard patch.objectValue != nil else { throw PatchError("a merge patch must be a JSON object") }
                    patched = MergePatch.apply(patch, to: current)
                case .json: patched = try JSONPatch.apply(patch, to: current)
                case .strategic:
                    guard patch.objectValue != nil else { throw PatchError("a strategic merge patch must be a JSON object") }
                    patched = try StrategicMergePatch.apply(patch, to: current, kind: kind.kind)
                }
            } catch let error as PatchError {
                throw APIError(reason: .badRequest, message: error.message, detailsKind: kind.resource, group: kind.group,
                               name: name)
            }
            guard patched.objectValue != nil else { throw APIError.badRequest("the patch did not produce an object") }
            if patched.name != name || (kind.namespaced && !patched.namespace.isEmpty && patched.namespace != namespace) {
                throw APIError.invalid(kind, name, [FieldError.invalid("metadata.name", .string(patched.name),
                                                                       "field is immutable")])
            }
            var candidate = patched
            candidate["apiVersion"] = .string(kind.apiVersion)
            candidate["kind"] = .string(kind.kind)
            return try commit(candidate, over: current, kind: kind, verb: subresource == .status ? .status : .patch,
                              subresource: subresource, context: context, dryRun: dryRun)
        }
    }

    /// Validates `input` as the next version of `current` and appends it (no event when nothing changes).
    func commit(_ input: JSONValue, over current: JSONValue, kind: ResourceKind, verb: Verb, subresource: Subresource,
                context: WriteContext, dryRun: Bool) throws -> JSONValue {
        let name = current.name
        let sent = input.resourceVersion
        if !sent.isEmpty, sent != current.resourceVersion { throw APIError.conflict(kind, name) }
        if input.uid.isEmpty == false, input.uid != current.uid {
            throw APIError.conflict(kind, name)
        }
        var next: JSONValue
        switch subresource {
        case .status:
            next = current
            next["status"] = input["status"]
            // The Deployment status strategy keeps annotation changes (how the controller records the
            // revision without bumping generation).
            if kind == .deployment { next[path: ["metadata", "annotations"]] = input[path: ["metadata", "annotations"]] }
        case .main:
            next = input
            if kind.hasStatus { next["status"] = current["status"] }
            var meta = next.metadata
            for key in ["uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds",
                        "namespace", "name"] {
                meta[key] = current.metadata[key]
            }
            meta["generateName"] = meta["generateName"] ?? nil
            meta["managedFields"] = nil
            next["metadata"] = meta
            Admission.prepareForUpdate(&next, old: current, kind: kind)
            Admission.applyDefaults(&next, kind: kind)
        }
        next[path: ["metadata", "resourceVersion"]] = current.metadata["resourceVersion"]
        let verdict = Admission.validateUpdate(next, old: current, kind: kind)
        if !verdict.errors.isEmpty { throw APIError.invalid(kind, name, verdict.errors) }
        if next == current { return current }

        let head = try head()
        let seq = head.seq + 1
        let annotationsChanged = kind == .deployment && subresource == .main
            && next[path: ["metadata", "annotations"]] != current[path: ["metadata", "annotations"]]
        if Store.tracksGeneration(kind), Store.specChanged(next, current) || annotationsChanged {
            next[path: ["metadata", "generation"]] = .int(current.generation + 1)
        }
        next[path: ["metadata", "resourceVersion"]] = .string(String(seq))
        if dryRun { return next }
        if next.deletionTimestamp != nil, (next[path: ["metadata", "finalizers"]]?.arrayValue ?? []).isEmpty,
           !Store.awaitsGracefulTermination(next, kind: kind) {
            try append(verb: verb, object: next, kind: kind, namespace: next.namespace, name: name, uid: next.uid,
                       context: context, seq: seq, time: head.time)
            try append(verb: .delete, object: next, kind: kind, namespace: next.namespace, name: name, uid: next.uid,
                       context: context, seq: seq + 1, time: head.time)
            return next
        }
        try append(verb: verb, object: next, kind: kind, namespace: next.namespace, name: name, uid: next.uid,
                   context: context, seq: seq, time: head.time, replacing: current)
        return next
    }

    /// Whether anything but metadata and status differs: what bumps `metadata.generation`.
    static func specChanged(_ a: JSONValue, _ b: JSONValue) -> Bool {
        var x = a.objectValue ?? [:], y = b.objectValue ?? [:]
        for key in ["metadata", "status"] { x[key] = nil; y[key] = nil }
        return x != y
    }

    /// A pod bound to a node is removed by its kubelet once the grace period ends, not by the API server.
    static func awaitsGracefulTermination(_ object: JSONValue, kind: ResourceKind) -> Bool {
        kind == .pod && !(object[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty
            && (object[path: ["metadata", "deletionGracePeriodSeconds"]]?.intValue ?? 0) > 0
    }
}
