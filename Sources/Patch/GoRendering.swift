import Model

/// How Go's `fmt` prints decoded JSON values (`%v`), used to sort scalars the way apimachinery does and to
/// word error messages like the API server.
enum GoRendering {
    /// `fmt.Sprintf("%v", v)` for a value decoded into `interface{}`.
    static func value(_ value: JSONValue?) -> String {
        guard let value else { return "<nil>" }
        switch value {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        case .int(let i): return integerLike(Double(i)) ?? String(i)
        case .double(let d): return integerLike(d) ?? "\(d)"
        case .array(let a): return "[" + a.map { Self.value($0) }.joined(separator: " ") + "]"
        case .object(let o):
            return "map[" + o.keys.sorted().map { "\($0):\(Self.value(o[$0]))" }.joined(separator: " ") + "]"
        }
    }

    /// Go prints float64 integers below 1e21 without exponent or fraction.
    private static func integerLike(_ d: Double) -> String? {
        guard abs(d) < 9.0e18, d == Double(Int64(d)) else { return nil }
        return String(Int64(d))
    }

    /// `reflect.Kind` names for decoded JSON values, as in `mergepatch.ErrBadArgType`.
    static func kind(_ value: JSONValue?) -> String {
        guard let value else { return "invalid" }
        switch value {
        case .null: return "invalid"
        case .bool: return "bool"
        case .string: return "string"
        case .int, .double: return "float64"
        case .array: return "slice"
        case .object: return "map"
        }
    }
}

/// The errors of apimachinery's `mergepatch` package, worded as upstream.
enum StrategicErrors {
    static let badJSONDoc = PatchError("invalid JSON document")
    static let noListOfLists = PatchError("lists of lists are not supported")
    static let badPrimitiveList = PatchError("invalid patch format of primitive list")
    static let badRetainKeys = PatchError("invalid patch format of retainKeys")
    static let badSetElementOrder = PatchError("invalid patch format of setElementOrder list")

    static func badArgType(expected: String, actual: JSONValue?) -> PatchError {
        PatchError("expected a \(expected), but received a \(GoRendering.kind(actual))")
    }

    static func noMergeKey(_ map: JSONObject, _ key: String) -> PatchError {
        PatchError("map: \(GoRendering.value(.object(map))) does not contain declared merge key: \(key)")
    }

    static func badPatchType(_ directive: JSONValue, _ map: JSONObject) -> PatchError {
        PatchError("unknown patch type: \(GoRendering.value(directive)) in map: \(GoRendering.value(.object(map)))")
    }
}

extension JSONValue {
    /// Equality as Go's `reflect.DeepEqual` sees decoded JSON: all numbers are float64.
    func jsonEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int, .double), (.double, .int), (.int, .int), (.double, .double):
            return doubleValue == other.doubleValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.jsonEquals($1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a { guard let w = b[k], v.jsonEquals(w) else { return false } }
            return true
        default:
            return self == other
        }
    }

    /// Whether Go would decode both values into the same dynamic type.
    func sameGoType(_ other: JSONValue) -> Bool { GoRendering.kind(self) == GoRendering.kind(other) }
}

/// Optional equality with Go's interface semantics (`nil == nil`).
func goEqual(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case (let x?, let y?): return x.jsonEquals(y)
    default: return false
    }
}
