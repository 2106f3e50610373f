import Model

/// Computes strategic merge patches between two maps (apimachinery's `diffMaps`, `diffLists` and friends).
struct StrategicDiffer {
    let options: DiffOptions

    func with(_ change: (inout DiffOptions) -> Void) -> StrategicDiffer {
        var copy = options
        change(&copy)
        return StrategicDiffer(options: copy)
    }

    /// The patch that turns `original` into `modified`, limited by the options.
    func diffMaps(_ original: JSONObject, _ modified: JSONObject, type: String?)
        throws(PatchError) -> JSONObject {
        var patch: JSONObject = [:]
        var retainKeys: [JSONValue] = []
        for key in modified.keys.sorted() {
            let modifiedValue = modified[key]!
            if options.buildRetainKeysDirective && !modifiedValue.isNull { retainKeys.append(.string(key)) }
            guard let originalValue = original[key] else {
                if !options.ignoreChangesAndAdditions { patch[key] = modifiedValue }
                continue
            }
            if key == Directive.patch {
                guard let o = originalValue.stringValue, let m = modifiedValue.stringValue else {
                    throw PatchError("invalid value for special key: \(Directive.patch)")
                }
                if o != m { patch[key] = modifiedValue }
                continue
            }
            guard originalValue.sameGoType(modifiedValue) else {
                if !options.ignoreChangesAndAdditions { patch[key] = modifiedValue }
                continue
            }
            switch (originalValue, modifiedValue) {
            case (.object(let o), .object(let m)):
                try diffMapField(key, o, m, into: &patch, type: type)
            case (.array(let o), .array(let m)):
                try diffListField(key, o, m, into: &patch, type: type)
            default:
                if !options.ignoreChangesAndAdditions && !originalValue.jsonEquals(modifiedValue) {
                    patch[key] = modifiedValue
                }
            }
        }
        if !options.ignoreDeletions {
            for key in original.keys where modified[key] == nil { patch[key] = .null }
        }
        if !retainKeys.isEmpty && (!patch.isEmpty || hasAdditionalField(original, modified)) {
            patch[Directive.retainKeys] = .array(ListOrdering.sortScalars(retainKeys))
        }
        return patch
    }

    /// `hasAdditionalNewField`: `original` has a non-null key that `modified` lacks.
    func hasAdditionalField(_ original: JSONObject, _ modified: JSONObject) -> Bool {
        original.contains { key, value in !value.isNull && modified[key] == nil }
    }

    /// `handleMapDiff`.
    func diffMapField(_ key: String, _ original: JSONObject, _ modified: JSONObject,
                      into patch: inout JSONObject, type: String?) throws(PatchError) {
        let field = PatchSchema.field(key, in: type)
        if field.strategy == .replace {
            if !options.ignoreChangesAndAdditions { patch[key] = .object(modified) }
            return
        }
        let value = try with { $0.buildRetainKeysDirective = field.retainKeys }
            .diffMaps(original, modified, type: field.type)
        if !value.isEmpty { patch[key] = .object(value) }
    }

    /// `handleSliceDiff`: merge lists produce element patches plus parallel directive lists; others are
    /// replaced whole when they differ.
    func diffListField(_ key: String, _ original: [JSONValue], _ modified: [JSONValue],
                       into patch: inout JSONObject, type: String?) throws(PatchError) {
        let field = PatchSchema.field(key, in: type)
        guard field.strategy == .merge else {
            if !options.ignoreChangesAndAdditions && !JSONValue.array(original).jsonEquals(.array(modified)) {
                patch[key] = .array(modified)
            }
            return
        }
        let (additions, deletions, order) = try with { $0.buildRetainKeysDirective = field.retainKeys }
            .diffLists(original, modified, field: field)
        if !additions.isEmpty { patch[key] = .array(additions) }
        if !deletions.isEmpty { patch["\(Directive.deleteFromPrimitiveListPrefix)/\(key)"] = .array(deletions) }
        if !order.isEmpty { patch["\(Directive.setElementOrderPrefix)/\(key)"] = .array(order) }
    }

    /// `diffLists`: the patch list, the primitive deletion list and the `$setElementOrder` list.
    func diffLists(_ original: [JSONValue], _ modified: [JSONValue], field: PatchField)
        throws(PatchError) -> ([JSONValue], [JSONValue], [JSONValue]) {
        if original.isEmpty {
            if modified.isEmpty || options.ignoreChangesAndAdditions { return ([], [], []) }
            return (modified, [], [])
        }
        let kind = try ListOrdering.elementKind(original, modified)
        let mergeKey = field.mergeKey
        switch kind {
        case .map:
            var (patchList, deleteList) = try diffListsOfMaps(original, modified, field: field)
            patchList = try ListOrdering.normalizeSliceOrder(patchList, order: modified, mergeKey: mergeKey, kind: kind)
            let orderSame = try isOrderSame(original, modified, mergeKey: mergeKey)
            patchList += deleteList
            deleteList = []
            var order: [JSONValue] = []
            if options.setElementOrder
                && ((!options.ignoreChangesAndAdditions && (!patchList.isEmpty || !orderSame))
                    || (!options.ignoreDeletions && !patchList.isEmpty)) {
                order = modified.map { .object([mergeKey: $0.objectValue?[mergeKey] ?? .null]) }
            }
            return (patchList, deleteList, order)
        case .scalar:
            var (patchList, deleteList) = diffListsOfScalars(original, modified)
            patchList = try ListOrdering.normalizeSliceOrder(patchList, order: modified, mergeKey: "", kind: kind)
            var order: [JSONValue] = []
            if options.setElementOrder
                && ((!options.ignoreDeletions && !deleteList.isEmpty)
                    || (!options.ignoreChangesAndAdditions && !JSONValue.array(original).jsonEquals(.array(modified)))) {
                order = modified
            }
            deleteList = ListOrdering.deduplicateScalars(deleteList)
            return (patchList, deleteList, order)
        }
    }

    func isOrderSame(_ original: [JSONValue], _ modified: [JSONValue], mergeKey: String) throws(PatchError) -> Bool {
        guard original.count == modified.count else { return false }
        for (o, m) in zip(original, modified) {
            guard case .object(let left) = o else { throw StrategicErrors.badArgType(expected: "map", actual: o) }
            guard case .object(let right) = m else { throw StrategicErrors.badArgType(expected: "map", actual: m) }
            guard let l = left[mergeKey] else { throw StrategicErrors.noMergeKey(left, mergeKey) }
            guard let r = right[mergeKey] else { throw StrategicErrors.noMergeKey(right, mergeKey) }
            if !l.jsonEquals(r) { return false }
        }
        return true
    }

    /// `diffListsOfScalars`: additions and deletions between two sets of scalars, compared as `%v` text.
    func diffListsOfScalars(_ original: [JSONValue], _ modified: [JSONValue]) -> ([JSONValue], [JSONValue]) {
        let old = ListOrdering.sortScalars(original)
        let new = ListOrdering.sortScalars(modified)
        var additions: [JSONValue] = []
        var deletions: [JSONValue] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            let o = i < old.count ? GoRendering.value(old[i]) : nil
            let m = j < new.count ? GoRendering.value(new[j]) : nil
            if let o, let m, o == m { i += 1; j += 1; continue }
            if o == nil || (m != nil && o! > m!) {
                if !options.ignoreChangesAndAdditions { additions.append(new[j]) }
                j += 1
            } else {
                if !options.ignoreDeletions { deletions.append(old[i]) }
                i += 1
            }
        }
        return (additions, deletions)
    }

    /// `diffListsOfMaps`: element patches (with the merge key) and `$patch: delete` elements.
    func diffListsOfMaps(_ original: [JSONValue], _ modified: [JSONValue], field: PatchField)
        throws(PatchError) -> ([JSONValue], [JSONValue]) {
        let mergeKey = field.mergeKey
        let old = try sortedByMergeKey(original, mergeKey: mergeKey)
        let new = try sortedByMergeKey(modified, mergeKey: mergeKey)
        var patch: [JSONValue] = []
        var deletions: [JSONValue] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            let o = i < old.count ? old[i] : nil
            let m = j < new.count ? new[j] : nil
            if let o, let m, o.keyText == m.keyText {
                var value = try diffMaps(o.map, m.map, type: field.type)
                if !value.isEmpty {
                    value[mergeKey] = m.keyValue
                    patch.append(.object(value))
                }
                i += 1; j += 1
            } else if o == nil || (m != nil && o!.keyText > m!.keyText) {
                if !options.ignoreChangesAndAdditions { patch.append(.object(m!.map)) }
                j += 1
            } else {
                if !options.ignoreDeletions {
                    deletions.append(.object([mergeKey: o!.keyValue, Directive.patch: "delete"]))
                }
                i += 1
            }
        }
        return (patch, deletions)
    }

    /// A list element with its merge key value and that value's `%v` text.
    struct KeyedElement {
        let map: JSONObject
        let keyValue: JSONValue
        let keyText: String
    }

    func sortedByMergeKey(_ list: [JSONValue], mergeKey: String) throws(PatchError) -> [KeyedElement] {
        var elements: [KeyedElement] = []
        for item in list {
            guard case .object(let map) = item else { throw StrategicErrors.badArgType(expected: "map", actual: item) }
            guard let keyValue = map[mergeKey] else { throw StrategicErrors.noMergeKey(map, mergeKey) }
            elements.append(KeyedElement(map: map, keyValue: keyValue, keyText: GoRendering.value(keyValue)))
        }
        return elements.enumerated().sorted { a, b in
            a.element.keyText == b.element.keyText ? a.offset < b.offset : a.element.keyText < b.element.keyText
        }.map(\.element)
    }
}
