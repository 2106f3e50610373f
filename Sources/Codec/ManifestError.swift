import Model

/// A manifest that could not be read: which source, where, and why, in kubectl's words.
///
/// `line` and `column` are 1-based and count from the start of the source (kubectl counts from the start
/// of the document; here the whole file is parsed at once, so the position points at the real line).
public struct ManifestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Which step of reading failed; it decides how `description` is worded.
    public enum Kind: Sendable, Equatable {
        /// libyaml rejected the text (`error converting YAML to JSON: yaml: line 3: ...`).
        case syntax
        /// The YAML is well formed but has no JSON equivalent (an `.inf` value, a `null` key, a bad tag).
        case conversion
        /// The JSON is not a Kubernetes object (not a mapping, or no `kind`): `unable to decode "x.yaml": ...`.
        case decode
        /// The path given to `-f` does not exist.
        case missingPath
        /// The file exists but could not be read.
        case unreadable
        /// Anything else; worded as `error parsing <source>: <reason>`.
        case other
    }

    public var source: String
    public var line: Int?
    public var column: Int?
    public var reason: String
    public var kind: Kind

    public init(source: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.init(kind: .other, source: source, line: line, column: column, reason: reason)
    }

    public init(kind: Kind, source: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.kind = kind; self.source = source; self.line = line; self.column = column; self.reason = reason
    }

    /// The message kubectl prints after `error: `.
    public var description: String {
        switch kind {
        case .syntax:
            let position = line.map { "line \($0): " } ?? ""
            return "error parsing \(source): error converting YAML to JSON: yaml: \(position)\(reason)"
        case .conversion:
            return "error parsing \(source): error converting YAML to JSON: \(reason)"
        case .decode:
            return "unable to decode \"\(source)\": \(reason)"
        case .missingPath:
            return "the path \"\(source)\" does not exist"
        case .unreadable:
            return "error reading \"\(source)\": \(reason)"
        case .other:
            if let line { return "error parsing \(source): line \(line), column \(column ?? 0): \(reason)" }
            return "error parsing \(source): \(reason)"
        }
    }
}

/// One object read from a manifest, with the source it came from (for messages like
/// `error when creating "deploy.yaml": ...`).
public struct Manifest: Sendable, Equatable {
    public var object: JSONValue
    public var source: String
    public init(object: JSONValue, source: String) { self.object = object; self.source = source }
}
