import Model

/// JSON patch, RFC 6902 (`application/json-patch+json`): a list of `add`, `remove`, `replace`, `move`, `copy`
/// and `test` operations applied in order; the first failing one fails the whole patch.
///
/// Error texts follow evanphx/json-patch (the library behind the API server), e.g.
/// `replace operation does not apply: doc is missing key: /spec/x: missing value`.
public enum JSONPatch {
    public static func apply(_ operations: JSONValue, to target: JSONValue) throws(PatchError) -> JSONValue {
        guard case .array(let list) = operations else {
            throw PatchError("json: cannot unmarshal \(operations.typeName) into Go value of type jsonpatch.Patch")
        }
        var document = target
        for operation in list {
            guard case .object(let fields) = operation else {
                throw PatchError("json: cannot unmarshal \(operation.typeName) into Go value of type jsonpatch.Operation")
            }
            try JSONPatchOperation(fields).apply(to: &document)
        }
        return document
    }
}

/// One decoded JSON patch operation.
struct JSONPatchOperation {
    let fields: JSONObject
    init(_ fields: JSONObject) { self.fields = fields }

    var kind: String { fields["op"]?.stringValue ?? "unknown" }

    func pointer(_ name: String, context: String) throws(PatchError) -> JSONPointer {
        guard let text = fields[name]?.stringValue else {
            let what = name == "from" ? "from" : "path"
            throw PatchError("\(kind) operation failed to decode \(what): missing value")
        }
        guard let pointer = JSONPointer(text) else {
            throw PatchError("\(context) operation does not apply: doc is missing path: \"\(text)\": missing value")
        }
        return pointer
    }

    func apply(to document: inout JSONValue) throws(PatchError) {
        switch kind {
        case "add":
            let path = try pointer("path", context: "add")
            guard let value = fields["value"] else { throw PatchError("add operation failed: missing value") }
            try add(value, at: path, in: &document, verb: "add")
        case "remove":
            let path = try pointer("path", context: "remove")
            _ = try remove(at: path, in: &document, verb: "remove")
        case "replace":
            let path = try pointer("path", context: "replace")
            guard let value = fields["value"] else { throw PatchError("replace operation failed: missing value") }
            guard JSONPointer.resolve(path.tokens, in: document) != nil else {
                let parentExists = path.parentAndKey.map { JSONPointer.resolve($0.parent, in: document) != nil } ?? true
                if !parentExists {
                    throw PatchError("replace operation does not apply: doc is missing path: \(path.text): missing value")
                }
                throw PatchError("replace operation does not apply: doc is missing key: \(path.text): missing value")
            }
            try JSONPointer.modify(path.tokens, in: &document) { (slot: inout JSONValue) throws(PatchError) in slot = value }
        case "move":
            let from = try pointer("from", context: "move")
            let path = try pointer("path", context: "move")
            if path.tokens.starts(with: from.tokens), path.tokens.count > from.tokens.count {
                throw PatchError("move operation does not apply: \(path.text) is a child of \(from.text)")
            }
            let value = try remove(at: from, in: &document, verb: "move")
            try add(value, at: path, in: &document, verb: "move")
        case "copy":
            let from = try pointer("from", context: "copy")
            let path = try pointer("path", context: "copy")
            guard let value = JSONPointer.resolve(from.tokens, in: document) else {
                throw PatchError("copy operation does not apply: doc is missing from path: \(from.text): missing value")
            }
            try add(value, at: path, in: &document, verb: "copy")
        case "test":
            let path = try pointer("path", context: "test")
            let expected = fields["value"] ?? .null
            let actual = JSONPointer.resolve(path.tokens, in: document)
            if let actual, actual.jsonEquals(expected) { return }
            if actual == nil, expected.isNull { return }
            throw PatchError("testing value \(path.text) failed: test failed")
        default:
            throw PatchError("Unexpected kind: \(kind)")
        }
    }

    /// RFC 6902 §4.1: add to an object member, insert into an array (`-` appends), or replace the document.
    func add(_ value: JSONValue, at path: JSONPointer, in document: inout JSONValue, verb: String) throws(PatchError) {
        guard let (parent, key) = path.parentAndKey else { document = value; return }
        guard let container = JSONPointer.resolve(parent, in: document),
              container.objectValue != nil || container.arrayValue != nil else {
            throw PatchError("\(verb) operation does not apply: doc is missing path: \"\(path.text)\": missing value")
        }
        try JSONPointer.modify(parent, in: &document) { (slot: inout JSONValue) throws(PatchError) in
            switch slot {
            case .object(var members):
                members[key] = value
                slot = .object(members)
            case .array(var items):
                if key == "-" { items.append(value); slot = .array(items); return }
                guard let index = JSONPointer.arrayIndex(key) else {
                    throw PatchError("error in \(verb) for path: '\(path.text)': value was not a proper array index: '\(key)'")
                }
                guard index <= items.count else {
                    throw PatchError("error in \(verb) for path: '\(path.text)': Unable to access invalid index: \(index): invalid index referenced")
                }
                items.insert(value, at: index)
                slot = .array(items)
            default:
                throw PatchError("\(verb) operation does not apply: doc is missing path: \"\(path.text)\": missing value")
            }
        }
    }

    /// RFC 6902 §4.2: removes and returns the value at `path`, which must exist.
    func remove(at path: JSONPointer, in document: inout JSONValue, verb: String) throws(PatchError) -> JSONValue {
        guard let (parent, key) = path.parentAndKey else {
            throw PatchError("\(verb) operation does not apply: doc is missing path: \"\(path.text)\": missing value")
        }
        guard let container = JSONPointer.resolve(parent, in: document),
              container.objectValue != nil || container.arrayValue != nil else {
            if verb == "move" {
                throw PatchError("move operation does not apply: doc is missing from path: \(path.text): missing value")
            }
            throw PatchError("\(verb) operation does not apply: doc is missing path: \"\(path.text)\": missing value")
        }
        var removed = JSONValue.null
        try JSONPointer.modify(parent, in: &document) { (slot: inout JSONValue) throws(PatchError) in
            switch slot {
            case .object(var members):
                guard let value = members.removeValue(forKey: key) else {
                    throw PatchError("error in \(verb) for path: '\(path.text)': Unable to remove nonexistent key: \(key): missing value")
                }
                removed = value
                slot = .object(members)
            case .array(var items):
                guard let index = JSONPointer.arrayIndex(key), index < items.count else {
                    throw PatchError("error in \(verb) for path: '\(path.text)': Unable to access invalid index: \(key): invalid index referenced")
                }
                removed = items.remove(at: index)
                slot = .array(items)
            default:
                break
            }
        }
        return removed
    }
}
