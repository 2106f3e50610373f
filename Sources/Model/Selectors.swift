/// A label selector, as typed (`app=web,tier!=db,env in (a,b),!legacy`) or as in `spec.selector` (STUB).
public struct LabelSelector: Sendable, Equatable {
    public init() {}
    /// Parses kubectl's `-l` syntax.
    public static func parse(_ text: String) throws(APIError) -> LabelSelector { LabelSelector() }
    /// The selector in an object's `spec.selector` (`matchLabels`, `matchExpressions`).
    public static func fromObject(_ value: JSONValue) throws(APIError) -> LabelSelector { LabelSelector() }
    public func matches(_ labels: [String: String]) -> Bool { true }
    public var isEmpty: Bool { true }
}

/// A field selector (`metadata.name=web,status.phase!=Running`) (STUB).
public struct FieldSelector: Sendable, Equatable {
    public init() {}
    public static func parse(_ text: String, kind: ResourceKind) throws(APIError) -> FieldSelector { FieldSelector() }
    public func matches(_ object: JSONValue) -> Bool { true }
}
