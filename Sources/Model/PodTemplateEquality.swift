/// Kubernetes' semantic equality of pod templates, as the Deployment controller and kubectl use it to find
/// a Deployment's new ReplicaSet: the `pod-template-hash` label is ignored, and missing, null and empty
/// maps or lists are all the same.
public enum PodTemplateEquality {
    /// The label the Deployment controller adds to its ReplicaSets' templates.
    public static let hashLabel = "pod-template-hash"

    /// Whether two templates are equal in that sense.
    public static func equalIgnoringHash(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        comparable(a) == comparable(b)
    }

    /// The template in the form that compares: no hash label, no null or empty members (recursively).
    public static func comparable(_ template: JSONValue?) -> JSONValue {
        var copy = template ?? .emptyObject
        copy[path: ["metadata", "labels", hashLabel]] = nil
        return pruned(copy) ?? .emptyObject
    }

    private static func pruned(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .null: return nil
        case .object(let members):
            var kept: JSONObject = [:]
            for (key, member) in members { if let p = pruned(member) { kept[key] = p } }
            return kept.isEmpty ? nil : .object(kept)
        case .array(let items):
            return items.isEmpty ? nil : .array(items.map { pruned($0) ?? .emptyObject })
        default: return value
        }
    }
}
