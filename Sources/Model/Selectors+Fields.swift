/// A field selector (`metadata.name=web,status.phase!=Running`): `=`/`==` and `!=` terms, ANDed, over the
/// fields the API server lets you select for the kind.
public struct FieldSelector: Sendable, Equatable, CustomStringConvertible {
    /// One `field op value` term.
    public struct Term: Sendable, Equatable {
        public let field: String
        /// True for `!=`.
        public let negated: Bool
        public let value: String
    }

    /// The terms, sorted as `fields.ParseSelector` sorts them.
    public private(set) var terms: [Term]
    /// The kind whose selectable fields the terms use.
    public private(set) var kind: ResourceKind?

    /// The empty selector: matches everything.
    public init() { terms = []; kind = nil }

    /// Parses a field selector for `kind`, rejecting fields the API server does not support for it with the
    /// server's 400 text (`field label not supported: spec.foo`, or
    /// `"spec.foo" is not a known field selector: only "metadata.name", "metadata.namespace"`).
    public static func parse(_ text: String, kind: ResourceKind) throws(APIError) -> FieldSelector {
        var selector = FieldSelector()
        selector.kind = kind
        for part in splitTerms(text).sorted() where !part.isEmpty {
            guard let (field, op, rawValue) = splitTerm(part) else {
                throw APIError.badRequest("invalid selector: '\(text)'; can't understand '\(part)'")
            }
            let value = try unescape(rawValue)
            try SelectableFields.check(field, kind: kind)
            selector.terms.append(Term(field: field, negated: op == "!=", value: value))
        }
        return selector
    }

    /// Whether every term holds for `object`. Missing fields read as the empty string.
    public func matches(_ object: JSONValue) -> Bool {
        guard !terms.isEmpty else { return true }
        let fields = SelectableFields.values(of: object, kind: kind)
        return terms.allSatisfy { term in (fields[term.field] ?? "") == term.value ? !term.negated : term.negated }
    }

    public var isEmpty: Bool { terms.isEmpty }

    /// The canonical text, terms joined by `,`.
    public var description: String {
        terms.map { "\($0.field)\($0.negated ? "!=" : "=")\(Self.escape($0.value))" }.joined(separator: ",")
    }

    // MARK: Syntax (apimachinery `fields` package)

    /// Splits on commas not escaped by a backslash.
    static func splitTerms(_ text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var terms: [String] = []
        var current = ""
        var escaped = false
        for c in text {
            if escaped { escaped = false; current.append(c); continue }
            if c == "\\" { escaped = true; current.append(c); continue }
            if c == "," { terms.append(current); current = ""; continue }
            current.append(c)
        }
        terms.append(current)
        return terms
    }

    /// The first `!=`, `==` or `=` in the term.
    static func splitTerm(_ term: String) -> (String, String, String)? {
        var index = term.startIndex
        while index < term.endIndex {
            let rest = term[index...]
            for op in ["!=", "==", "="] where rest.hasPrefix(op) {
                return (String(term[..<index]), op, String(rest.dropFirst(op.count)))
            }
            index = term.index(after: index)
        }
        return nil
    }

    /// `fields.UnescapeValue`: `\\`, `\,` and `\=` are the only escapes; bare `,` and `=` are errors.
    static func unescape(_ value: String) throws(APIError) -> String {
        var result = ""
        var escaped = false
        for c in value {
            if escaped {
                guard c == "\\" || c == "," || c == "=" else {
                    throw APIError.badRequest("invalid field selector: invalid escape sequence: \\\(c)")
                }
                result.append(c)
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = true
            case ",", "=":
                throw APIError.badRequest("invalid field selector: unescaped character in value: \(c.unicodeScalars.first!.value)")
            default: result.append(c)
            }
        }
        if escaped { throw APIError.badRequest("invalid field selector: invalid escape sequence: \\") }
        return result
    }

    static func escape(_ value: String) -> String {
        var result = ""
        for c in value {
            if c == "\\" || c == "," || c == "=" { result.append("\\") }
            result.append(c)
        }
        return result
    }
}

/// The fields each kind exposes to field selectors, and how to read them from an object.
enum SelectableFields {
    static let metadataFields = ["metadata.name", "metadata.namespace"]

    /// Kind-specific fields; kinds listed here reject others with `field label not supported: …`.
    static let extraFields: [String: [String]] = [
        "Pod": ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"],
        "Event": ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
                  "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
                  "reason", "reportingComponent", "source", "type"],
        "Node": ["spec.unschedulable"],
        "Namespace": ["status.phase"],
        "Secret": ["type"],
        "ReplicaSet": ["status.replicas"],
    ]

    static func check(_ field: String, kind: ResourceKind) throws(APIError) {
        if metadataFields.contains(field) { return }
        if let extra = extraFields[kind.kind] {
            if extra.contains(field) { return }
            throw APIError.badRequest("field label not supported: \(field)")
        }
        throw APIError.badRequest("\"\(field)\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
    }

    /// The selectable field values of `object`, as the registry's `ToSelectableFields` computes them.
    static func values(of object: JSONValue, kind: ResourceKind?) -> [String: String] {
        func text(_ path: String...) -> String {
            guard let value = object[path: path] else { return "" }
            switch value {
            case .string(let s): return s
            case .int(let i): return String(i)
            case .bool(let b): return b ? "true" : "false"
            default: return ""
            }
        }
        var fields = ["metadata.name": object.name, "metadata.namespace": object.namespace]
        switch kind?.kind ?? object.kind {
        case "Pod":
            fields["spec.nodeName"] = text("spec", "nodeName")
            fields["spec.restartPolicy"] = text("spec", "restartPolicy")
            fields["spec.schedulerName"] = text("spec", "schedulerName")
            fields["spec.serviceAccountName"] = text("spec", "serviceAccountName")
            fields["spec.hostNetwork"] = object[path: ["spec", "hostNetwork"]]?.boolValue == true ? "true" : "false"
            fields["status.phase"] = text("status", "phase")
            let firstIP = object[path: ["status", "podIPs"]]?.arrayValue?.first?["ip"]?.stringValue
            fields["status.podIP"] = firstIP ?? text("status", "podIP")
            fields["status.nominatedNodeName"] = text("status", "nominatedNodeName")
        case "Event":
            for name in ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"] {
                fields["involvedObject.\(name)"] = text("involvedObject", name)
            }
            fields["reason"] = text("reason")
            fields["reportingComponent"] = text("reportingComponent")
            fields["source"] = text("source", "component")
            fields["type"] = text("type")
        case "Node":
            fields["spec.unschedulable"] = object[path: ["spec", "unschedulable"]]?.boolValue == true ? "true" : "false"
        case "Namespace":
            fields["status.phase"] = text("status", "phase")
        case "Secret":
            fields["type"] = text("type")
        case "ReplicaSet":
            fields["status.replicas"] = String(object[path: ["status", "replicas"]]?.intValue ?? 0)
        default:
            break
        }
        return fields
    }
}
