import Model

/// Which object a controller works on: a kind, a namespace ("" for cluster-scoped kinds) and a name.
/// Keys sort by kind name, namespace, then name, so work is always done in the same order.
public struct ObjectKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var kind: ResourceKind
    public var namespace: String
    public var name: String

    public init(_ kind: ResourceKind, _ namespace: String, _ name: String) {
        self.kind = kind
        self.namespace = kind.namespaced ? namespace : ""
        self.name = name
    }

    /// The key of an object.
    public init(of object: JSONValue, kind: ResourceKind) {
        self.init(kind, object.namespace, object.name)
    }

    public static func < (a: ObjectKey, b: ObjectKey) -> Bool {
        if a.kind.kind != b.kind.kind { return a.kind.kind < b.kind.kind }
        if a.namespace != b.namespace { return a.namespace < b.namespace }
        return a.name < b.name
    }

    public var description: String {
        namespace.isEmpty ? "\(kind.kind) \(name)" : "\(kind.kind) \(namespace)/\(name)"
    }
}
