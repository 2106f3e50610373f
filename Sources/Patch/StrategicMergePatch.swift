import Model

/// Kubernetes strategic merge patch (`application/strategic-merge-patch+json`) for the built-in kinds, and the
/// three-way patch `kubectl apply` computes on the client.
///
/// Lists are merged by their merge key where k8s.io/api declares one (containers by `name`, ports by
/// `containerPort`, …) and replaced whole otherwise. Directives: `null` deletes a key; `$patch: replace`,
/// `$patch: delete` (maps and list elements); `$retainKeys`; `$setElementOrder/<list>`;
/// `$deleteFromPrimitiveList/<list>`.
public enum StrategicMergePatch {
    /// Applies a strategic merge patch to an object of the given kind (`Deployment`, `Pod`, …).
    public static func apply(_ patch: JSONValue, to target: JSONValue, kind: String) throws(PatchError) -> JSONValue {
        guard case .object(let patchMap) = patch else {
            throw PatchError("json: cannot unmarshal \(patch.typeName) into Go value of type map[string]interface {}")
        }
        let options = MergeOptions(mergeParallelList: true, ignoreUnmatchedNulls: true)
        let merged = try StrategicMerger(options: options)
            .mergeMap(target.objectValue ?? [:], patchMap, type: PatchSchema.rootType(forKind: kind))
        return .object(merged)
    }

    /// kubectl's client-side apply patch: the three-way strategic merge patch from the last-applied
    /// configuration (`original`), the new manifest (`modified`) and the live object (`current`).
    ///
    /// It holds the changes and additions from `current` to `modified`, plus the deletions from `original` to
    /// `modified`; fields only the server set (in `current`, not in `original`) are left alone. Returns `{}`
    /// when nothing changes.
    public static func threeWay(original: JSONValue?, modified: JSONValue, current: JSONValue, kind: String)
        throws(PatchError) -> JSONValue {
        let type = PatchSchema.rootType(forKind: kind)
        let originalMap = original?.objectValue ?? [:]
        let modifiedMap = modified.objectValue ?? [:]
        let currentMap = current.objectValue ?? [:]

        let delta = try StrategicDiffer(options: DiffOptions(setElementOrder: true, ignoreDeletions: true))
            .diffMaps(currentMap, modifiedMap, type: type)
        let deletions = try StrategicDiffer(options: DiffOptions(setElementOrder: true, ignoreChangesAndAdditions: true))
            .diffMaps(originalMap, modifiedMap, type: type)
        let merged = try StrategicMerger(options: MergeOptions(mergeParallelList: false, ignoreUnmatchedNulls: false))
            .mergeMap(deletions, delta, type: type)
        return .object(merged)
    }

    /// The two-way patch that turns `original` into `modified` (`CreateTwoWayMergePatch`), as
    /// `kubectl edit` and `kubectl set` compute it.
    public static func twoWay(original: JSONValue, modified: JSONValue, kind: String) throws(PatchError) -> JSONValue {
        let patch = try StrategicDiffer(options: DiffOptions(setElementOrder: true))
            .diffMaps(original.objectValue ?? [:], modified.objectValue ?? [:], type: PatchSchema.rootType(forKind: kind))
        return .object(patch)
    }
}

/// The directive keys of strategic merge patch.
enum Directive {
    static let patch = "$patch"
    static let retainKeys = "$retainKeys"
    static let setElementOrderPrefix = "$setElementOrder"
    static let deleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList"

    /// The list key after `prefix/`, or the upstream error for a malformed directive key.
    static func listKey(_ key: String, prefix: String) throws(PatchError) -> String {
        let parts = key.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == prefix else {
            throw prefix == deleteFromPrimitiveListPrefix ? StrategicErrors.badPrimitiveList
                                                          : StrategicErrors.badSetElementOrder
        }
        return String(parts[1])
    }
}

/// `MergeOptions` of apimachinery: how `mergeMap` treats parallel lists and unmatched nulls.
struct MergeOptions {
    /// True when applying a patch (server side); false when merging two patches (three-way on the client).
    var mergeParallelList: Bool
    /// Drop `null` values that delete nothing (true when applying).
    var ignoreUnmatchedNulls: Bool
}

/// `DiffOptions` of apimachinery.
struct DiffOptions {
    var setElementOrder = false
    var ignoreChangesAndAdditions = false
    var ignoreDeletions = false
    var buildRetainKeysDirective = false
}
