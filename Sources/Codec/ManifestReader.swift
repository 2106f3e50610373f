import Model

/// A manifest that could not be read: which source, where, and why, in kubectl's words.
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int?
    public var column: Int?
    public var reason: String
    public init(source: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.source = source; self.line = line; self.column = column; self.reason = reason
    }
    public var description: String {
        if let line { return "error parsing \(source): line \(line), column \(column ?? 0): \(reason)" }
        return "error parsing \(source): \(reason)"
    }
}

/// One object read from a manifest, with the source it came from (for messages like
/// `error when creating "deploy.yaml": ...`).
public struct Manifest: Sendable, Equatable {
    public var object: JSONValue
    public var source: String
    public init(object: JSONValue, source: String) { self.object = object; self.source = source }
}

/// Reads YAML and JSON manifests as kubectl does (STUB: replaced by the libyaml implementation).
public enum ManifestReader {
    /// Parses the text of one source into objects: every document, `kind: List` expanded into its items,
    /// empty documents skipped.
    public static func read(text: String, source: String) throws(ManifestError) -> [JSONValue] {
        do { return [try JSONValue.parse(text)] } catch { throw ManifestError(source: source, reason: "\(error)") }
    }

    /// Reads what `-f` names: a file, a directory (its `.yaml`, `.yml` and `.json` files, sorted), or `-`
    /// for standard input.
    public static func read(path: String) throws(ManifestError) -> [Manifest] {
        throw ManifestError(source: path, reason: "not implemented in the skeleton")
    }
}

/// Writes objects as YAML the way `kubectl get -o yaml` does (STUB).
public enum YAMLWriter {
    public static func string(_ value: JSONValue) -> String { value.prettyString() + "\n" }
}
