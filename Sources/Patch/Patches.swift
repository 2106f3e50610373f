import Model

/// A patch that could not be applied: a 400 Bad Request or 422 in the API's terms.
public struct PatchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// JSON merge patch, RFC 7386 (STUB).
public enum MergePatch {
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let p) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (k, v) in p {
            if v.isNull { result[k] = nil } else { result[k] = apply(v, to: result[k] ?? .null) }
        }
        return .object(result)
    }
}

/// JSON patch, RFC 6902 (STUB).
public enum JSONPatch {
    public static func apply(_ operations: JSONValue, to target: JSONValue) throws(PatchError) -> JSONValue {
        throw PatchError("json patch not implemented in the skeleton")
    }
}

/// Kubernetes strategic merge patch (STUB).
public enum StrategicMergePatch {
    /// Applies a strategic merge patch to an object of the given kind.
    public static func apply(_ patch: JSONValue, to target: JSONValue, kind: String) throws(PatchError) -> JSONValue {
        MergePatch.apply(patch, to: target)
    }

    /// kubectl's client-side apply patch: the three-way strategic merge patch from the last-applied
    /// configuration (`original`), the new manifest (`modified`) and the live object (`current`).
    public static func threeWay(original: JSONValue?, modified: JSONValue, current: JSONValue, kind: String)
        throws(PatchError) -> JSONValue {
        modified
    }
}
