/// A label selector, as typed (`app=web,tier!=db,env in (a,b),!legacy`) or as in `spec.selector`
/// (`matchLabels`, `matchExpressions`). Requirements are ANDed; the empty selector matches everything.
public struct LabelSelector: Sendable, Equatable, CustomStringConvertible {
    /// The requirements, sorted by key as apimachinery keeps them.
    public private(set) var requirements: [LabelRequirement]

    /// The empty selector: matches every object.
    public init() { requirements = [] }

    init(requirements: [LabelRequirement]) {
        self.requirements = requirements.enumerated()
            .sorted { $0.element.key == $1.element.key ? $0.offset < $1.offset : $0.element.key < $1.element.key }
            .map(\.element)
    }

    /// Parses kubectl's `-l` syntax exactly as apimachinery's `labels.Parse`; errors are 400 Bad Request
    /// with upstream's text (e.g. `unable to parse requirement: …`).
    public static func parse(_ text: String) throws(APIError) -> LabelSelector {
        var parser = LabelSelectorParser(text)
        do throws(LabelSelectorParser.Failure) {
            return LabelSelector(requirements: try parser.parse())
        } catch {
            throw APIError.badRequest(error.message)
        }
    }

    /// The selector in an object's `spec.selector` (`matchLabels`, `matchExpressions`), as
    /// `metav1.LabelSelectorAsSelector` builds it. `null` or `{}` give the empty selector.
    public static func fromObject(_ value: JSONValue) throws(APIError) -> LabelSelector {
        guard case .object(let selector) = value else { return LabelSelector() }
        var requirements: [LabelRequirement] = []
        if let matchLabels = selector["matchLabels"]?.objectValue {
            for key in matchLabels.keys.sorted() {
                guard let text = matchLabels[key]?.stringValue else {
                    throw APIError.badRequest("matchLabels[\(key)] must be a string")
                }
                requirements.append(try LabelRequirement.validated(key: key, operator: .equals, values: [text], path: nil))
            }
        }
        for expression in selector["matchExpressions"]?.arrayValue ?? [] {
            let key = expression["key"]?.stringValue ?? ""
            let operatorText = expression["operator"]?.stringValue ?? ""
            let op: LabelRequirement.Operator
            switch operatorText {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default: throw APIError.badRequest("\"\(operatorText)\" is not a valid label selector operator")
            }
            let values = (expression["values"]?.arrayValue ?? []).compactMap(\.stringValue)
            requirements.append(try LabelRequirement.validated(key: key, operator: op, values: values, path: nil))
        }
        return LabelSelector(requirements: requirements)
    }

    /// The selector matching exactly these labels (a Service's `spec.selector`, `SelectorFromSet`).
    public static func fromSet(_ labels: [String: String]) -> LabelSelector {
        LabelSelector(requirements: labels.map { LabelRequirement(key: $0.key, operator: .equals, values: [$0.value]) })
    }

    /// Whether every requirement holds for `labels`.
    public func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// Whether the object's `metadata.labels` match, read in place (the same answer as
    /// `matches(object.labels)` without building the map: controllers ask this of every pod they list).
    public func matches(labelsOf object: JSONValue) -> Bool {
        let labels = object[path: ["metadata", "labels"]]?.objectValue
        return requirements.allSatisfy { $0.matches(value: labels?[$0.key]?.stringValue) }
    }

    /// True for the selector that matches everything.
    public var isEmpty: Bool { requirements.isEmpty }

    /// The canonical text (`app=web,env in (a,b),!legacy`), as `selector.String()`; empty for the empty selector.
    public var description: String { requirements.map(\.description).joined(separator: ",") }

    /// The text kubectl prints (`metav1.FormatLabelSelector`): `<none>` for the empty selector.
    public var formatted: String { isEmpty ? "<none>" : description }
}

/// One requirement of a label selector: a key, an operator and values.
public struct LabelRequirement: Sendable, Equatable, CustomStringConvertible {
    /// `selection.Operator`.
    public enum Operator: String, Sendable {
        case equals = "=", doubleEquals = "==", notEquals = "!=", `in` = "in", notIn = "notin"
        case exists = "exists", doesNotExist = "!", greaterThan = "gt", lessThan = "lt"
    }

    public let key: String
    public let `operator`: Operator
    public let values: [String]

    public init(key: String, operator: Operator, values: [String]) {
        self.key = key
        self.operator = `operator`
        self.values = values
    }

    /// `labels.NewRequirement`: validates the key, the number of values and each value.
    static func validated(key: String, operator op: Operator, values: [String], path: String?)
        throws(APIError) -> LabelRequirement {
        var errors: [String] = []
        let keyProblems = LabelSyntax.qualifiedNameErrors(key)
        if !keyProblems.isEmpty {
            errors.append(invalid(path.map { "\($0).key" } ?? "key", quoted(key), keyProblems.joined(separator: "; ")))
        }
        let valuesPath = path.map { "\($0).values" } ?? "values"
        switch op {
        case .in, .notIn:
            if values.isEmpty {
                errors.append(invalid(valuesPath, goSlice(values), "for 'in', 'notin' operators, values set can't be empty"))
            }
        case .equals, .doubleEquals, .notEquals:
            if values.count != 1 {
                errors.append(invalid(valuesPath, goSlice(values), "exact-match compatibility requires one single value"))
            }
        case .exists, .doesNotExist:
            if !values.isEmpty {
                errors.append(invalid(valuesPath, goSlice(values), "values set must be empty for exists and does not exist"))
            }
        case .greaterThan, .lessThan:
            if values.count != 1 {
                errors.append(invalid(valuesPath, goSlice(values), "for 'Gt', 'Lt' operators, exactly one value is required"))
            }
            for (index, value) in values.enumerated() where Int64(value) == nil {
                errors.append(invalid("\(valuesPath)[\(index)]", quoted(value), "for 'Gt', 'Lt' operators, the value must be an integer"))
            }
        }
        for (index, value) in values.enumerated() {
            let problems = LabelSyntax.labelValueErrors(value)
            if !problems.isEmpty {
                errors.append(invalid("\(valuesPath)[\(index)][\(key)]", quoted(value), problems.joined(separator: "; ")))
            }
        }
        if errors.count == 1 { throw APIError.badRequest(errors[0]) }
        if errors.count > 1 { throw APIError.badRequest("[" + errors.joined(separator: ", ") + "]") }
        return LabelRequirement(key: key, operator: op, values: values)
    }

    /// `field.Invalid(...).Error()`.
    static func invalid(_ path: String, _ rendered: String, _ detail: String) -> String {
        "\(path): Invalid value: \(rendered): \(detail)"
    }

    static func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// Go's `%#v` of a `[]string`.
    static func goSlice(_ values: [String]) -> String {
        values.isEmpty ? "[]string(nil)" : "[]string{" + values.map(quoted).joined(separator: ", ") + "}"
    }

    /// `Requirement.Matches`.
    public func matches(_ labels: [String: String]) -> Bool { matches(value: labels[key]) }

    /// `Requirement.Matches` given the value of its key among the labels (nil when absent).
    public func matches(value: String?) -> Bool {
        switch `operator` {
        case .in, .equals, .doubleEquals:
            guard let value else { return false }
            return values.contains(value)
        case .notIn, .notEquals:
            guard let value else { return true }
            return !values.contains(value)
        case .exists: return value != nil
        case .doesNotExist: return value == nil
        case .greaterThan, .lessThan:
            guard let value, let actual = Int64(value), values.count == 1, let bound = Int64(values[0]) else { return false }
            return `operator` == .greaterThan ? actual > bound : actual < bound
        }
    }

    /// `Requirement.String`: `key=value`, `key in (a,b)`, `!key`, with set values sorted.
    public var description: String {
        var text = `operator` == .doesNotExist ? "!" + key : key
        switch `operator` {
        case .equals: text += "="
        case .doubleEquals: text += "=="
        case .notEquals: text += "!="
        case .in: text += " in "
        case .notIn: text += " notin "
        case .greaterThan: text += ">"
        case .lessThan: text += "<"
        case .exists, .doesNotExist: return text
        }
        let shown = values.count == 1 ? values[0] : values.sorted().joined(separator: ",")
        return `operator` == .in || `operator` == .notIn ? text + "(" + shown + ")" : text + shown
    }
}
