import Model

/// One field that differs between two versions of an object: its path (`spec.template.spec.containers[0].image`)
/// and the values on each side (nil where the field is absent).
struct FieldChange: Equatable {
    var path: String
    var before: JSONValue?
    var after: JSONValue?

    /// `path: before → after`, values shortened for a terminal.
    var line: String { "\(path): \(FieldChange.text(before)) → \(FieldChange.text(after))" }

    /// A value as a person reads it: strings bare, objects and arrays as compact JSON, absence as `<none>`;
    /// cut to `limit` characters.
    static func text(_ value: JSONValue?, limit: Int = 80) -> String {
        guard let value else { return "<none>" }
        let text: String
        switch value {
        case .string(let s): text = s.isEmpty ? "\"\"" : s
        default: text = value.canonicalString()
        }
        let flat = text.replacingNewlines()
        return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
    }

    var json: JSONValue {
        ["path": .string(path), "before": before ?? .null, "after": after ?? .null]
    }
}

/// Field-by-field differences between two versions of an object.
enum FieldChanges {
    /// Paths never reported: they change on every write and say nothing about the object.
    static let ignoredPaths: Set<String> = ["metadata.resourceVersion", "metadata.managedFields"]

    /// The leaves that differ, in path order (object keys sorted, array elements by index). A field present
    /// on one side only is reported leaf by leaf, so a new container status shows its fields.
    static func between(_ before: JSONValue?, _ after: JSONValue?) -> [FieldChange] {
        var changes: [FieldChange] = []
        collect(before, after, path: "", into: &changes)
        return changes
    }

    private static func collect(_ before: JSONValue?, _ after: JSONValue?, path: String, into changes: inout [FieldChange]) {
        if ignoredPaths.contains(path) || before == after { return }
        switch (before, after) {
        case (.object(let b)?, .object(let a)?):
            for key in Set(b.keys).union(a.keys).sorted() {
                collect(b[key], a[key], path: join(path, key), into: &changes)
            }
        case (.object(let b)?, nil):
            for key in b.keys.sorted() { collect(b[key], nil, path: join(path, key), into: &changes) }
        case (nil, .object(let a)?):
            for key in a.keys.sorted() { collect(nil, a[key], path: join(path, key), into: &changes) }
        case (.array(let b)?, .array(let a)?):
            for index in 0..<max(b.count, a.count) {
                collect(index < b.count ? b[index] : nil, index < a.count ? a[index] : nil, path: "\(path)[\(index)]",
                        into: &changes)
            }
        case (.array(let b)?, nil):
            for (index, element) in b.enumerated() { collect(element, nil, path: "\(path)[\(index)]", into: &changes) }
        case (nil, .array(let a)?):
            for (index, element) in a.enumerated() { collect(nil, element, path: "\(path)[\(index)]", into: &changes) }
        default:
            changes.append(FieldChange(path: path, before: before, after: after))
        }
    }

    /// `spec.replicas`, or `metadata.annotations["deployment.kubernetes.io/revision"]` for keys that are not
    /// plain words.
    static func join(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if plain { return path.isEmpty ? key : "\(path).\(key)" }
        return "\(path)[\"\(key)\"]"
    }
}

extension String {
    /// The text on one line: newlines shown as `\n`.
    func replacingNewlines() -> String {
        guard contains("\n") else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
    }
}
