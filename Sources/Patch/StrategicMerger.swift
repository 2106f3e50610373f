import Model

/// Merges a strategic merge patch into a map (apimachinery's `mergeMap` and friends).
struct StrategicMerger {
    let options: MergeOptions

    func mergeMap(_ originalIn: JSONObject, _ patchIn: JSONObject, type: String?)
        throws(PatchError) -> JSONObject {
        var patch = patchIn
        if let directive = patch[Directive.patch] {
            switch directive.stringValue {
            case "replace":
                patch[Directive.patch] = nil
                return patch
            case "delete":
                return [:]
            case "merge":
                // The documented default; upstream only accepts it implicitly, Logbook accepts it spelled out.
                patch[Directive.patch] = nil
            default:
                throw StrategicErrors.badPatchType(directive, patch)
            }
        }
        var original = originalIn
        try applyRetainKeys(&original, &patch)
        try mergeSetElementOrderLists(&original, &patch, type: type)

        for key in patch.keys.sorted() {
            guard let patchValue = patch[key] else { continue }
            var fieldKey = key
            var isDeleteList = false
            if key.hasPrefix(Directive.deleteFromPrimitiveListPrefix) {
                if !options.mergeParallelList { original[key] = patchValue; continue }
                fieldKey = try Directive.listKey(key, prefix: Directive.deleteFromPrimitiveListPrefix)
                isDeleteList = true
            } else if key.hasPrefix("$"), options.mergeParallelList {
                throw PatchError("unknown strategic merge patch directive \"\(key)\" in map: \(GoRendering.value(.object(patch)))")
            }
            if patchValue.isNull {
                original[fieldKey] = nil
                if options.ignoreUnmatchedNulls { continue }
            }
            guard let originalValue = original[fieldKey] else {
                original[fieldKey] = patchValue
                continue
            }
            guard originalValue.sameGoType(patchValue) else {
                original[fieldKey] = patchValue
                continue
            }
            let field = PatchSchema.field(fieldKey, in: type)
            switch (originalValue, patchValue) {
            case (.object(let o), .object(let p)):
                original[fieldKey] = field.strategy == .replace ? patchValue : .object(try mergeMap(o, p, type: field.type))
            case (.array(let o), .array(let p)):
                original[fieldKey] = .array(try mergeSliceHandler(o, p, field: field, isDeleteList: isDeleteList))
            default:
                original[fieldKey] = patchValue
            }
        }
        return original
    }

    /// `applyRetainKeysDirective`: clears keys of `original` not listed in `$retainKeys`.
    func applyRetainKeys(_ original: inout JSONObject, _ patch: inout JSONObject) throws(PatchError) {
        guard let retain = patch.removeValue(forKey: Directive.retainKeys) else { return }
        if !options.mergeParallelList {
            if let existing = original[Directive.retainKeys] {
                guard existing.jsonEquals(retain) else {
                    throw PatchError("\(GoRendering.value(existing)) and \(GoRendering.value(retain)) are not deep equal: this may happen when calculating the 3-way diff patch")
                }
            } else {
                original[Directive.retainKeys] = retain
            }
            return
        }
        guard case .array(let keys) = retain else { throw StrategicErrors.badRetainKeys }
        let kept = Set(keys.compactMap(\.stringValue))
        for (key, value) in patch {
            if value.isNull || key.hasPrefix(Directive.deleteFromPrimitiveListPrefix)
                || key.hasPrefix(Directive.setElementOrderPrefix) { continue }
            guard kept.contains(key) else { throw StrategicErrors.badRetainKeys }
        }
        for key in original.keys where !kept.contains(key) { original[key] = nil }
    }

    /// `mergePatchIntoOriginal`: merges each list that has a `$setElementOrder/<list>` directive and puts its
    /// items in the order the directive gives (directive order, then patch order, then live order).
    func mergeSetElementOrderLists(_ original: inout JSONObject, _ patch: inout JSONObject,
                                   type: String?) throws(PatchError) {
        for key in patch.keys.sorted() where key.hasPrefix(Directive.setElementOrderPrefix) {
            guard let orderValue = patch.removeValue(forKey: key) else { continue }
            if !options.mergeParallelList {
                if let existing = original[key] {
                    guard existing.jsonEquals(orderValue) else { throw StrategicErrors.badSetElementOrder }
                } else {
                    original[key] = orderValue
                }
            }
            guard case .array(let order) = orderValue else {
                throw StrategicErrors.badArgType(expected: "slice", actual: orderValue)
            }
            let listKey = try Directive.listKey(key, prefix: Directive.setElementOrderPrefix)
            var originalList: [JSONValue]?
            var patchList: [JSONValue]?
            if let value = original[listKey] {
                guard case .array(let list) = value else { throw StrategicErrors.badArgType(expected: "slice", actual: value) }
                originalList = list
            }
            if let value = patch[listKey] {
                guard case .array(let list) = value else { throw StrategicErrors.badArgType(expected: "slice", actual: value) }
                patchList = list
            }
            let field = PatchSchema.field(listKey, in: type)
            try ListOrdering.validatePatch(patchList ?? [], against: order, mergeKey: field.mergeKey)

            let merged: [JSONValue]
            switch (originalList, patchList) {
            case (let o?, nil): merged = o
            case (nil, let p?): merged = p
            case (let o?, let p?): merged = try mergeSliceHandler(o, p, field: field, isDeleteList: false)
            case (nil, nil): continue
            }
            let (patchItems, serverOnly) = try ListOrdering.partition(merged, by: order, mergeKey: field.mergeKey)
            let kind = try ListOrdering.elementKind(originalList ?? [], patchList ?? [])
            original[listKey] = .array(try ListOrdering.normalizeElementOrder(
                patch: patchItems, serverOnly: serverOnly, patchOrder: order, serverOrder: originalList ?? [],
                mergeKey: field.mergeKey, kind: kind))
            patch[listKey] = nil
        }
    }

    func mergeSliceHandler(_ original: [JSONValue], _ patch: [JSONValue], field: PatchField, isDeleteList: Bool)
        throws(PatchError) -> [JSONValue] {
        guard field.strategy == .merge else { return patch }
        return try mergeSlice(original, patch, field: field, isDeleteList: isDeleteList)
    }

    /// `mergeSlice`: set union for primitives, merge by key for maps, then ordering.
    func mergeSlice(_ originalIn: [JSONValue], _ patchIn: [JSONValue], field: PatchField, isDeleteList: Bool)
        throws(PatchError) -> [JSONValue] {
        if originalIn.isEmpty && patchIn.isEmpty { return originalIn }
        var original = originalIn
        var patch = patchIn
        let kind = try ListOrdering.elementKind(original, patch)
        let mergeKey = field.mergeKey
        var merged: [JSONValue]
        if kind != .map {
            if options.mergeParallelList && isDeleteList {
                return original.filter { item in !patch.contains { $0.jsonEquals(item) } }
            }
            merged = ListOrdering.deduplicateScalars(original + patch)
        } else {
            guard !mergeKey.isEmpty else { throw PatchError("cannot merge lists without merge key for type struct") }
            (original, patch) = try mergeSpecialElements(original, patch, mergeKey: mergeKey)
            merged = original
            for item in patch {
                guard case .object(let element) = item else { throw StrategicErrors.badArgType(expected: "map", actual: item) }
                guard let keyValue = element[mergeKey] else { throw StrategicErrors.noMergeKey(element, mergeKey) }
                if let index = try ListOrdering.indexOfMap(in: merged, mergeKey: mergeKey, value: keyValue) {
                    let existing = merged[index].objectValue ?? [:]
                    merged[index] = .object(try mergeMap(existing, element, type: field.type))
                } else {
                    merged.append(item)
                }
            }
        }
        let (patchItems, serverOnly) = try ListOrdering.partition(merged, by: patch, mergeKey: mergeKey)
        return try ListOrdering.normalizeElementOrder(patch: patchItems, serverOnly: serverOnly, patchOrder: patch,
                                                      serverOrder: original, mergeKey: mergeKey, kind: kind)
    }

    /// `mergeSliceWithSpecialElements`: applies `$patch: delete` and `$patch: replace` elements.
    func mergeSpecialElements(_ originalIn: [JSONValue], _ patch: [JSONValue], mergeKey: String)
        throws(PatchError) -> ([JSONValue], [JSONValue]) {
        var original = originalIn
        var plain: [JSONValue] = []
        var replace = false
        for item in patch {
            let element = item.objectValue ?? [:]
            guard let directive = element[Directive.patch] else { plain.append(item); continue }
            switch directive.stringValue {
            case "delete":
                guard let keyValue = element[mergeKey] else { throw StrategicErrors.noMergeKey(element, mergeKey) }
                while let index = try ListOrdering.indexOfMap(in: original, mergeKey: mergeKey, value: keyValue) {
                    original.remove(at: index)
                }
            case "replace":
                replace = true
            case "merge":
                throw PatchError("merging lists cannot yet be specified in the patch")
            default:
                throw StrategicErrors.badPatchType(directive, element)
            }
        }
        return replace ? (plain, []) : (original, plain)
    }
}
