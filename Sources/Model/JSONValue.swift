/// A JSON document: the one representation of every Kubernetes object in Logbook.
///
/// Objects are unordered dictionaries; serialization sorts keys, so equal values always produce the same
/// bytes (the log, the projections and hashes depend on that). Fields Logbook does not model live here
/// untouched, so they round-trip unchanged.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// An empty JSON object, `{}`.
    public static let emptyObject = JSONValue.object([:])

    public var objectValue: JSONObject? { if case .object(let o) = self { return o }; return nil }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
    public var isNull: Bool { if case .null = self { return true }; return false }

    /// The value as an integer, when it is an integer or a double with no fraction.
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where abs(d) < 9.0e18 && d == Double(Int64(d)): return Int(d)
        default: return nil
        }
    }

    /// The value as a double, when it is a number.
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// A member of an object; `nil` for a missing key or a non-object.
    public subscript(key: String) -> JSONValue? {
        get { if case .object(let o) = self { return o[key] }; return nil }
        set {
            guard case .object(var o) = self else { return }
            self = .null  // drop our reference so `o` is uniquely held and mutates in place
            o[key] = newValue
            self = .object(o)
        }
    }

    /// The value at a path of object keys, e.g. `["metadata", "name"]`; nil when a key is missing or a
    /// value on the way is not an object; the value itself for an empty path.
    public subscript(path path: [String]) -> JSONValue? {
        get {
            var current = self
            for key in path {
                guard case .object(let o) = current, let next = o[key] else { return nil }
                current = next
            }
            return current
        }
        set { setValue(newValue, at: path[...]) }
    }

    /// Runs `body` on the member `key` of an object in place (nil when it is absent; setting nil removes
    /// it), so changing a nested value copies nothing. On a non-object `body` sees nil and its change is
    /// dropped, as with `self[key] = ...`.
    @inlinable
    public mutating func updateMember<R>(_ key: String, _ body: (inout JSONValue?) throws -> R) rethrows -> R {
        guard case .object(var o) = self else {
            var nothing: JSONValue? = nil
            return try body(&nothing)
        }
        self = .null  // drop our reference so `o` is uniquely held and mutates in place
        defer { self = .object(o) }
        return try body(&o[key])
    }

    /// Sets (or with nil removes) the value at a path, creating objects on the way; a removal along a
    /// missing path changes nothing. Works in place: no copy of the enclosing objects.
    private mutating func setValue(_ newValue: JSONValue?, at path: ArraySlice<String>) {
        guard let first = path.first else {
            if let newValue { self = newValue }
            return
        }
        guard case .object(var o) = self else { return }
        if path.count == 1 {
            self = .null
            o[first] = newValue
            self = .object(o)
            return
        }
        if newValue == nil, o[first]?.objectValue == nil { return }
        self = .null
        var child = o.removeValue(forKey: first) ?? .emptyObject
        if child.objectValue == nil { child = .emptyObject }
        child.setValue(newValue, at: path.dropFirst())
        o[first] = child
        self = .object(o)
    }

    /// The name JSON gives this value's type, as used in error messages.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int, .double: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var o = JSONObject(minimumCapacity: elements.count)
        for (k, v) in elements { o[k] = v }
        self = .object(o)
    }
}
