import Model

/// JSON merge patch, RFC 7386 (`application/merge-patch+json`).
public enum MergePatch {
    /// Applies `patch` to `target` as RFC 7386 §2 describes: a non-object patch replaces the target,
    /// `null` members delete keys, object members merge recursively.
    public static func apply(_ patch: JSONValue, to target: JSONValue) -> JSONValue {
        guard case .object(let members) = patch else { return patch }
        var result = target.objectValue ?? [:]
        for (key, value) in members {
            if value.isNull {
                result[key] = nil
            } else {
                result[key] = apply(value, to: result[key] ?? .null)
            }
        }
        return .object(result)
    }

    /// The merge patch that turns `original` into `modified` (the inverse of ``apply(_:to:)``):
    /// changed and added members, `null` for removed ones; a non-object `modified` is the whole patch.
    /// Returns `{}` when the two are equal.
    public static func create(original: JSONValue, modified: JSONValue) -> JSONValue {
        guard case .object(let old) = original, case .object(let new) = modified else {
            return original.jsonEquals(modified) ? .emptyObject : modified
        }
        var patch: JSONObject = [:]
        for (key, newValue) in new {
            guard let oldValue = old[key] else { patch[key] = newValue; continue }
            if oldValue.jsonEquals(newValue) { continue }
            if case .object = oldValue, case .object = newValue {
                patch[key] = create(original: oldValue, modified: newValue)
            } else {
                patch[key] = newValue
            }
        }
        for key in old.keys where new[key] == nil { patch[key] = .null }
        return .object(patch)
    }
}
