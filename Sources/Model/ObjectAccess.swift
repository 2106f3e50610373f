/// Typed access to the metadata every Kubernetes object carries, over its JSON.
extension JSONValue {
    public var apiVersion: String { self["apiVersion"]?.stringValue ?? "" }
    public var kind: String { self["kind"]?.stringValue ?? "" }
    public var metadata: JSONValue { self["metadata"] ?? .emptyObject }
    public var name: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    public var namespace: String { self[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    public var uid: String { self[path: ["metadata", "uid"]]?.stringValue ?? "" }
    public var resourceVersion: String { self[path: ["metadata", "resourceVersion"]]?.stringValue ?? "" }
    public var generation: Int { self[path: ["metadata", "generation"]]?.intValue ?? 0 }
    public var creationTimestamp: String? { self[path: ["metadata", "creationTimestamp"]]?.stringValue }
    public var deletionTimestamp: String? { self[path: ["metadata", "deletionTimestamp"]]?.stringValue }

    /// `metadata.labels` as a string map (non-string values are skipped).
    public var labels: [String: String] { Self.stringMap(self[path: ["metadata", "labels"]]) }
    /// `metadata.annotations` as a string map.
    public var annotations: [String: String] { Self.stringMap(self[path: ["metadata", "annotations"]]) }

    /// `metadata.ownerReferences`.
    public var ownerReferences: [JSONValue] { self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? [] }

    /// The owner reference with `controller: true`, if any.
    public var controllerReference: JSONValue? {
        ownerReferences.first { $0["controller"]?.boolValue == true }
    }

    /// A `JSONObject` holding only strings, as a `[String: String]`.
    public static func stringMap(_ value: JSONValue?) -> [String: String] {
        guard let object = value?.objectValue else { return [:] }
        var map: [String: String] = [:]
        for (k, v) in object { if let s = v.stringValue { map[k] = s } }
        return map
    }

    /// A `[String: String]` as a JSON object.
    public static func fromStringMap(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.map { ($0.key, JSONValue.string($0.value)) }))
    }
}

extension Array where Element == JSONValue {
    /// The objects ordered by `metadata.name`, each name read once (not once per comparison).
    public func sortedByName() -> [JSONValue] {
        map { ($0.name, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
