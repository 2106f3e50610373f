import Model

/// Validation of `intstr.IntOrString` fields such as `maxSurge` and `maxUnavailable`.
enum IntOrString {
    static let percentMessage = NameRules.regexError(
        "a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%", "1%", "93%")

    /// Go's `%#v` of an IntOrString, as upstream prints it in field errors.
    static func render(_ value: JSONValue?) -> String {
        switch value {
        case .string(let s)?: return "intstr.IntOrString{Type:1, IntVal:0, StrVal:\(goQuote(s))}"
        default: return "intstr.IntOrString{Type:0, IntVal:\(value?.intValue ?? 0), StrVal:\"\"}"
        }
    }

    /// The percentage in `"25%"`, if the string is one.
    static func percent(_ text: String) -> Int? {
        guard text.hasSuffix("%") else { return nil }
        let digits = text.dropLast()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits) ?? Int.max
    }

    /// An integer ≥ 0 or a percent string (`ValidatePositiveIntOrPercent`).
    static func validatePositiveIntOrPercent(_ value: JSONValue?, path: FieldPath) -> [FieldError] {
        switch value {
        case nil, .null?: return []
        case .string(let s)?:
            return percent(s) == nil ? [.invalidRendered(path, render(value), percentMessage)] : []
        case let v? where v.intValue != nil:
            let i = v.intValue!
            return i < 0 ? [.invalid(path, .int(i), "must be greater than or equal to 0")] : []
        default:
            return [.invalidRendered(path, FieldError.renderValue(value), "must be an integer or percentage (e.g '5%')")]
        }
    }

    /// The integer or percentage number, for the "both zero" and "≤ 100%" rules.
    static func numericValue(_ value: JSONValue?) -> (value: Int, isPercent: Bool)? {
        switch value {
        case .string(let s)?: return percent(s).map { ($0, true) }
        case let v? where v.intValue != nil: return (v.intValue!, false)
        default: return nil
        }
    }

    /// `IsNotMoreThan100Percent`.
    static func validateNotMoreThan100Percent(_ value: JSONValue?, path: FieldPath) -> [FieldError] {
        guard let (number, isPercent) = numericValue(value), isPercent, number > 100 else { return [] }
        return [.invalidRendered(path, render(value), "must not be greater than 100%")]
    }
}

/// Go's `%q`-style quoting for strings in rendered values.
func goQuote(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default: out.unicodeScalars.append(c)
        }
    }
    return out + "\""
}
