import Model

/// The list helpers of apimachinery's strategic merge patch: element kinds, partitioning, and the ordering
/// rules (`$setElementOrder` first, then patch order, then live order).
enum ListOrdering {
    /// Whether a list holds maps or scalars.
    enum ElementKind { case map, scalar }

    /// `sliceElementType`: all elements must have one type, and not be lists.
    static func elementKind(_ lists: [JSONValue]...) throws(PatchError) -> ElementKind {
        var first: JSONValue?
        for list in lists {
            for item in list {
                if case .array = item { throw StrategicErrors.noListOfLists }
                if let first {
                    guard first.sameGoType(item) else {
                        let rendered = "[" + lists.map { GoRendering.value(.array($0)) }.joined(separator: " ") + "]"
                        throw PatchError("list element types are not identical: \(rendered)")
                    }
                } else {
                    first = item
                }
            }
        }
        guard let first else { throw PatchError("no elements in any of the given slices") }
        if case .object = first { return .map }
        return .scalar
    }

    /// The merge key value of a list element, or the element itself for scalars (`index`'s `getValFn`).
    static func identity(_ item: JSONValue, mergeKey: String, kind: ElementKind) -> JSONValue? {
        kind == .map ? item.objectValue?[mergeKey] : item
    }

    /// The position of `value` in `list`, matching maps by merge key; `nil` when absent.
    static func index(of value: JSONValue, in list: [JSONValue], mergeKey: String, kind: ElementKind) -> Int? {
        let wanted = identity(value, mergeKey: mergeKey, kind: kind)
        return list.firstIndex { goEqual(identity($0, mergeKey: mergeKey, kind: kind), wanted) }
    }

    /// `findMapInSliceBasedOnKeyValue`.
    static func indexOfMap(in list: [JSONValue], mergeKey: String, value: JSONValue) throws(PatchError) -> Int? {
        for (position, item) in list.enumerated() {
            guard case .object(let element) = item else { throw PatchError("value for key \(position) is not a map.") }
            if let candidate = element[mergeKey], candidate.jsonEquals(value) { return position }
        }
        return nil
    }

    /// Go's in-place deduplication (which moves the last element into each duplicate's slot).
    static func deduplicateScalars(_ input: [JSONValue]) -> [JSONValue] {
        var items = input
        var length = items.count - 1
        var i = 0
        while i < length {
            var j = i + 1
            while j <= length {
                if items[i].jsonEquals(items[j]) {
                    items[j] = items[length]
                    items.removeLast(items.count - length)
                    length -= 1
                    j -= 1
                }
                j += 1
            }
            i += 1
        }
        return items
    }

    /// Scalars sorted by their `%v` text, as `sortScalars` does.
    static func sortScalars(_ items: [JSONValue]) -> [JSONValue] {
        items.enumerated().sorted { a, b in
            let (x, y) = (GoRendering.value(a.element), GoRendering.value(b.element))
            return x == y ? a.offset < b.offset : x < y
        }.map(\.element)
    }

    /// Splits `items` into those present in `list` and the rest (server-only items).
    static func partition(_ items: [JSONValue], by list: [JSONValue], mergeKey: String)
        throws(PatchError) -> (present: [JSONValue], serverOnly: [JSONValue]) {
        var present: [JSONValue] = []
        var serverOnly: [JSONValue] = []
        if mergeKey.isEmpty {
            for item in items {
                if list.contains(where: { $0.jsonEquals(item) }) { present.append(item) } else { serverOnly.append(item) }
            }
            return (present, serverOnly)
        }
        for item in items {
            guard case .object(let element) = item else { throw StrategicErrors.badArgType(expected: "map", actual: item) }
            guard let keyValue = element[mergeKey] else { throw StrategicErrors.noMergeKey(element, mergeKey) }
            if try indexOfMap(in: list, mergeKey: mergeKey, value: keyValue) != nil {
                present.append(item)
            } else {
                serverOnly.append(item)
            }
        }
        return (present, serverOnly)
    }

    /// Every element of `list` must be a map carrying `mergeKey`.
    static func validateMergeKey(_ mergeKey: String, in list: [JSONValue]) throws(PatchError) {
        for item in list {
            guard case .object(let element) = item else { throw StrategicErrors.badArgType(expected: "map", actual: item) }
            guard element[mergeKey] != nil else { throw StrategicErrors.noMergeKey(element, mergeKey) }
        }
    }

    /// `normalizeSliceOrder`: sorts `items` by their position in `order`; `$patch: delete` elements go last.
    static func normalizeSliceOrder(_ items: [JSONValue], order: [JSONValue], mergeKey: String, kind: ElementKind)
        throws(PatchError) -> [JSONValue] {
        var toSort = items
        var toDelete: [JSONValue] = []
        if kind == .map {
            try validateMergeKey(mergeKey, in: items)
            try validateMergeKey(mergeKey, in: order)
            toSort = items.filter { $0.objectValue?[Directive.patch]?.stringValue != "delete" }
            toDelete = items.filter { $0.objectValue?[Directive.patch]?.stringValue == "delete" }
        }
        let positions = toSort.map { index(of: $0, in: order, mergeKey: mergeKey, kind: kind) }
        if positions.allSatisfy({ $0 != nil }) {
            toSort = zip(toSort, positions).enumerated()
                .sorted { a, b in
                    let (x, y) = (a.element.1!, b.element.1!)
                    return x == y ? a.offset < b.offset : x < y
                }
                .map(\.element.0)
        }
        return toSort + toDelete
    }

    /// `normalizeElementOrder`: orders patch items by `patchOrder`, server-only items by `serverOrder`, then
    /// interleaves them keeping the live order where both are known.
    static func normalizeElementOrder(patch: [JSONValue], serverOnly: [JSONValue], patchOrder: [JSONValue],
                                      serverOrder: [JSONValue], mergeKey: String, kind: ElementKind)
        throws(PatchError) -> [JSONValue] {
        let sortedPatch = try normalizeSliceOrder(patch, order: patchOrder, mergeKey: mergeKey, kind: kind)
        let sortedServer = try normalizeSliceOrder(serverOnly, order: serverOrder, mergeKey: mergeKey, kind: kind)
        return mergeSorted(left: sortedServer, right: sortedPatch, serverOrder: serverOrder, mergeKey: mergeKey, kind: kind)
    }

    /// `mergeSortedSlice`: inserts server-only items (`left`) among patch items (`right`).
    static func mergeSorted(left: [JSONValue], right: [JSONValue], serverOrder: [JSONValue], mergeKey: String,
                            kind: ElementKind) -> [JSONValue] {
        var result: [JSONValue] = []
        var i = 0
        var j = 0
        while i < left.count || j < right.count {
            if i >= left.count { result.append(right[j]); j += 1; continue }
            if j >= right.count { result.append(left[i]); i += 1; continue }
            if let li = index(of: left[i], in: serverOrder, mergeKey: mergeKey, kind: kind),
               let ri = index(of: right[j], in: serverOrder, mergeKey: mergeKey, kind: kind), li < ri {
                result.append(left[i]); i += 1
            } else {
                result.append(right[j]); j += 1
            }
        }
        return result
    }

    /// `validatePatchWithSetOrderList`: patch items must appear in the directive, in the same relative order.
    static func validatePatch(_ patch: [JSONValue], against order: [JSONValue], mergeKey: String) throws(PatchError) {
        if order.isEmpty || patch.isEmpty { return }
        let candidates = mergeKey.isEmpty ? patch
            : patch.filter { $0.objectValue?[Directive.patch]?.stringValue != "delete" }
        var p = 0
        var o = 0
        while p < candidates.count && o < order.count {
            if candidates[p].objectValue?[Directive.patch] != nil { p += 1; continue }
            let equal: Bool
            if mergeKey.isEmpty {
                equal = candidates[p].jsonEquals(order[o])
            } else {
                guard case .object(let left) = candidates[p] else { throw StrategicErrors.badArgType(expected: "map", actual: candidates[p]) }
                guard case .object(let right) = order[o] else { throw StrategicErrors.badArgType(expected: "map", actual: order[o]) }
                guard let l = left[mergeKey] else { throw StrategicErrors.noMergeKey(left, mergeKey) }
                guard let r = right[mergeKey] else { throw StrategicErrors.noMergeKey(right, mergeKey) }
                equal = l.jsonEquals(r)
            }
            if equal { p += 1 }
            o += 1
        }
        if p < candidates.count && o >= order.count {
            throw PatchError("The order in patch list:\n\(GoRendering.value(.array(patch)))\n doesn't match \(Directive.setElementOrderPrefix) list:\n\(GoRendering.value(.array(order)))\n")
        }
    }
}
