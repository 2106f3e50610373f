import Model

/// Short, typed reads of nested object fields, with Go's zero values for anything absent.
extension JSONValue {
    /// The value at a path of keys.
    func at(_ path: String...) -> JSONValue? { self[path: path] }
    /// A string field, `""` when absent.
    func str(_ path: String...) -> String { self[path: path]?.stringValue ?? "" }
    /// A string field, `nil` when absent or not a string.
    func optionalStr(_ path: String...) -> String? { self[path: path]?.stringValue }
    /// An integer field, `0` when absent.
    func num(_ path: String...) -> Int { self[path: path]?.intValue ?? 0 }
    /// An array field, `[]` when absent.
    func list(_ path: String...) -> [JSONValue] { self[path: path]?.arrayValue ?? [] }
    /// A boolean field, `false` when absent.
    func flag(_ path: String...) -> Bool { self[path: path]?.boolValue ?? false }
    /// An object field's string values (`metadata.labels`, `spec.selector`), `[:]` when absent.
    func stringMap(_ path: String...) -> [String: String] { JSONValue.stringMap(self[path: path]) }

    /// The value as Go's `%v` prints a decoded JSON scalar: numbers plainly, strings unquoted, `<nil>` for null.
    var plainText: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if let i = intValue { return String(i) }
            return String(d)
        case .string(let s): return s
        case .array(let a): return "[" + a.map(\.plainText).joined(separator: " ") + "]"
        case .object(let o): return "map[" + o.keys.sorted().map { "\($0):\(o[$0]!.plainText)" }.joined(separator: " ") + "]"
        }
    }

    /// An int-or-string (`maxSurge`, `targetPort`) as Go's `IntOrString.String()` prints it.
    var intOrStringText: String {
        if let i = intValue { return String(i) }
        return stringValue ?? ""
    }
}

/// How kubectl prints labels and selectors.
enum LabelText {
    /// `labels.FormatLabels`: `a=1,b=2` sorted by key, or `<none>`.
    static func format(_ labels: [String: String]) -> String {
        if labels.isEmpty { return "<none>" }
        return labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ",")
    }

    /// `metav1.LabelSelectorAsSelector(sel).String()`: requirements sorted by key (`app=web`,
    /// `tier in (a,b)`, `env notin (x)`, `legacy`, `!beta`); empty for an empty or absent selector.
    static func selector(_ selector: JSONValue?) -> String {
        guard let selector, selector.objectValue != nil else { return "" }
        var requirements: [(key: String, text: String)] = []
        for (key, value) in JSONValue.stringMap(selector["matchLabels"]) {
            requirements.append((key, "\(key)=\(value)"))
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression.str("key")
            let values = Set(expression.list("values").compactMap(\.stringValue)).sorted().joined(separator: ",")
            switch expression.str("operator") {
            case "In": requirements.append((key, "\(key) in (\(values))"))
            case "NotIn": requirements.append((key, "\(key) notin (\(values))"))
            case "Exists": requirements.append((key, key))
            case "DoesNotExist": requirements.append((key, "!\(key)"))
            default: continue
            }
        }
        return requirements.enumerated()
            .sorted { $0.element.key != $1.element.key ? $0.element.key < $1.element.key : $0.offset < $1.offset }
            .map(\.element.text).joined(separator: ",")
    }

    /// `metav1.FormatLabelSelector`: like `selector`, but `<none>` when empty.
    static func formatSelector(_ selector: JSONValue?) -> String {
        let text = self.selector(selector)
        return text.isEmpty ? "<none>" : text
    }
}
