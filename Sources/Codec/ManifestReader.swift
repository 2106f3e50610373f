import Model

/// Reads YAML and JSON manifests as `kubectl apply -f` does: libyaml parses the text, go-yaml v2's
/// YAML 1.1 rules type the scalars, and each document becomes one JSON object.
public enum ManifestReader {
    /// Parses the text of one source into objects: every document in order, empty (and `null`) documents
    /// skipped, lists (`kind: List`, `DeploymentList`, ... with `items`) expanded into their items.
    ///
    /// Throws a `ManifestError` for malformed YAML (with libyaml's line, column and problem), for values
    /// JSON cannot hold, and for documents that are not objects with a `kind`.
    public static func read(text: String, source: String) throws(ManifestError) -> [JSONValue] {
        try read(bytes: Array(text.utf8), source: source)
    }

    /// `read(text:source:)` for raw bytes, so invalid UTF-8 is reported by libyaml rather than replaced.
    public static func read(bytes: [UInt8], source: String) throws(ManifestError) -> [JSONValue] {
        var objects: [JSONValue] = []
        // A stream of JSON objects (`{...}{...}`) is read as JSON, as kubectl's YAML-or-JSON decoder does.
        if bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{"),
           let stream = try? JSONValue.parseStream(bytes: bytes), stream.count > 1 {
            for document in stream { try appendObjects(of: document, line: 1, source: source, into: &objects) }
            return objects
        }
        for (document, line) in try documents(bytes: bytes, source: source) {
            try appendObjects(of: document, line: line, source: source, into: &objects)
        }
        return objects
    }

    /// Every non-empty document of a YAML (or JSON) text as JSON, with the line it starts on, without
    /// the manifest checks: for patches and other plain data.
    public static func documents(bytes: [UInt8], source: String) throws(ManifestError) -> [(JSONValue, Int)] {
        var documents: [(JSONValue, Int)] = []
        let parser = YAMLDocumentParser(source: source)
        try parser.parse(bytes) { (document, line) throws(ManifestError) in
            if document.isNull { return }
            documents.append((document, line))
        }
        return documents
    }

    /// Checks one document the way kubectl's unstructured decoder does and flattens lists.
    private static func appendObjects(of document: JSONValue, line: Int, source: String,
                                      into objects: inout [JSONValue]) throws(ManifestError) {
        guard case .object(let fields) = document else {
            throw decodeError("json: cannot unmarshal \(goTypeName(document)) into Go value of type map[string]interface {}",
                              source: source, line: line)
        }
        guard case .string(let kind)? = fields["kind"], !kind.isEmpty else {
            throw decodeError("Object 'Kind' is missing in '\(document.canonicalString())'", source: source, line: line)
        }
        guard case .array(let items)? = fields["items"] else {
            objects.append(document)
            return
        }
        // Items of a typed list (a DeploymentList) may omit kind and apiVersion; kubectl fills them in.
        let itemKind = kind.hasSuffix("List") ? String(kind.dropLast(4)) : kind
        for var item in items {
            if case .object(let itemFields) = item, itemFields["kind"] == nil, itemFields["apiVersion"] == nil {
                item["kind"] = .string(itemKind)
                if let apiVersion = fields["apiVersion"] { item["apiVersion"] = apiVersion }
            }
            try appendObjects(of: item, line: line, source: source, into: &objects)
        }
    }

    private static func decodeError(_ reason: String, source: String, line: Int) -> ManifestError {
        ManifestError(kind: .decode, source: source, line: line, column: 1, reason: reason)
    }

    /// The names Go's encoding/json uses in "cannot unmarshal X" messages.
    private static func goTypeName(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "bool"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
