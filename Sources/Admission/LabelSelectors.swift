import Model

/// `metav1.LabelSelector` validation, matching and Go-syntax rendering, over JSON.
enum LabelSelectors {
    static let operators = ["In", "NotIn", "Exists", "DoesNotExist"]

    /// Whether the selector selects nothing in particular (no labels, no expressions).
    static func isEmpty(_ selector: JSONValue?) -> Bool {
        let labels = selector?["matchLabels"]?.objectValue ?? [:]
        let expressions = selector?["matchExpressions"]?.arrayValue ?? []
        return labels.isEmpty && expressions.isEmpty
    }

    /// `ValidateLabelSelector`: label syntax, operators and their values.
    static func validate(_ selector: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let selector, selector != .null else { return [] }
        var errors = ObjectMetaValidation.validateLabels(selector["matchLabels"], path: path.child("matchLabels"))
        for (i, requirement) in selector["matchExpressions"].array.enumerated() {
            let p = path.child("matchExpressions").index(i)
            let op = requirement["operator"].string ?? ""
            let values = requirement["values"].array
            switch op {
            case "In", "NotIn":
                if values.isEmpty {
                    errors.append(.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
                }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    errors.append(.forbidden(p.child("values"),
                                             "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errors.append(.invalid(p.child("operator"), .string(op), "not a valid selector operator"))
            }
            let key = requirement["key"].string ?? ""
            for message in NameRules.qualifiedNameErrors(key) {
                errors.append(.invalid(p.child("key"), .string(key), message))
            }
            for (j, value) in values.enumerated() {
                for message in NameRules.labelValueErrors(value.stringValue ?? "") {
                    errors.append(.invalid(p.child("values").index(j), value, message))
                }
            }
        }
        return errors
    }

    /// Whether `labels` satisfy the selector (an empty selector matches everything).
    static func matches(_ selector: JSONValue?, labels: [String: String]) -> Bool {
        for (key, value) in JSONValue.stringMap(selector?["matchLabels"]) where labels[key] != value { return false }
        for requirement in selector?["matchExpressions"].array ?? [] {
            let key = requirement["key"].string ?? ""
            let values = Set(requirement["values"].array.compactMap(\.stringValue))
            switch requirement["operator"].string ?? "" {
            case "In": guard let v = labels[key], values.contains(v) else { return false }
            case "NotIn": if let v = labels[key], values.contains(v) { return false }
            case "Exists": if labels[key] == nil { return false }
            case "DoesNotExist": if labels[key] != nil { return false }
            default: return false
            }
        }
        return true
    }

    /// Go's `%#v` of a `map[string]string`.
    static func renderStringMap(_ value: JSONValue?) -> String {
        guard let map = value?.objectValue else { return "map[string]string(nil)" }
        let body = map.keys.sorted().map { "\(goQuote($0)):\(goQuote(map[$0]?.stringValue ?? ""))" }
        return "map[string]string{\(body.joined(separator: ", "))}"
    }

    /// Go's `%#v` of a `v1.LabelSelector`, as upstream prints it in `field is immutable` errors.
    static func render(_ selector: JSONValue?) -> String {
        guard let selector, selector != .null else { return "null" }
        let expressions: String
        if let list = selector["matchExpressions"]?.arrayValue {
            let items = list.map { r -> String in
                let values = r["values"]?.arrayValue.map {
                    "[]string{" + $0.map { goQuote($0.stringValue ?? "") }.joined(separator: ", ") + "}"
                } ?? "[]string(nil)"
                return "v1.LabelSelectorRequirement{Key:\(goQuote(r["key"].string ?? "")), Operator:\(goQuote(r["operator"].string ?? "")), Values:\(values)}"
            }
            expressions = "[]v1.LabelSelectorRequirement{\(items.joined(separator: ", "))}"
        } else {
            expressions = "[]v1.LabelSelectorRequirement(nil)"
        }
        return "v1.LabelSelector{MatchLabels:\(renderStringMap(selector["matchLabels"])), MatchExpressions:\(expressions)}"
    }
}
