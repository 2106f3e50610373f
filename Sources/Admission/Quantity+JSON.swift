import Model

extension Quantity {
    /// A quantity from JSON: a string such as `"100m"`, or a bare number.
    public init?(json: JSONValue) {
        let text: String
        switch json {
        case .string(let s): text = s
        case .int(let i): text = String(i)
        case .double: text = json.canonicalString()
        default: return nil
        }
        self.init(text)
    }
}

/// Validation of `resources` maps (`requests`, `limits`, PVC `storage`...).
enum QuantityValidation {
    /// Each value must parse and be non-negative; returns the parsed map.
    static func validateResourceList(_ list: JSONValue?, path: FieldPath, errors: inout [FieldError])
        -> [String: Quantity]
    {
        guard let map = list?.objectValue, !map.isEmpty else { return [:] }
        var parsed = [String: Quantity](minimumCapacity: map.count)
        for (name, value) in map.sorted(by: { $0.key < $1.key }) {
            guard let quantity = Quantity(json: value) else {
                errors.append(.invalid(path.key(name), value, Quantity.formatMessage))
                continue
            }
            if quantity.value < 0 {
                errors.append(.invalid(path.key(name), value, "must be greater than or equal to 0"))
            }
            parsed[name] = quantity
        }
        return parsed
    }
}
