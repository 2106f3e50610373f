import Model
import Store

/// What kubectl's `deploymentutil.GetAllReplicaSets` sees of a Deployment: the ReplicaSets in its namespace
/// that its selector matches and whose controller reference carries its uid, with the new one picked out.
struct RolloutReplicaSets {
    let deployment: JSONValue
    /// Every owned ReplicaSet, oldest first (creationTimestamp, then name).
    let all: [JSONValue]
    /// The oldest owned ReplicaSet whose template equals the Deployment's, ignoring `pod-template-hash`.
    let new: JSONValue?

    static let revisionAnnotation = "deployment.kubernetes.io/revision"
    static let changeCauseAnnotation = "kubernetes.io/change-cause"
    static let hashLabel = "pod-template-hash"
    /// Deployment annotations that undo keeps rather than taking the target ReplicaSet's (`annotationsToSkip`).
    static let annotationsToSkip: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revisionAnnotation,
        "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to",
    ]

    init(deployment: JSONValue, store: Store) throws {
        self.deployment = deployment
        let selector = (try? LabelSelector.fromObject(deployment[path: ["spec", "selector"]] ?? .emptyObject)) ?? LabelSelector()
        let owned = try store.list(.replicaSet, namespace: deployment.namespace).filter { replicaSet in
            guard replicaSet.controllerReference?["uid"]?.stringValue == deployment.uid else { return false }
            return !selector.isEmpty && selector.matches(replicaSet.labels)
        }
        all = owned.sorted {
            let a = $0.creationTimestamp ?? "", b = $1.creationTimestamp ?? ""
            return a != b ? a < b : $0.name < $1.name
        }
        let wanted = RolloutReplicaSets.comparable(deployment[path: ["spec", "template"]])
        new = all.first { RolloutReplicaSets.comparable($0[path: ["spec", "template"]]) == wanted }
    }

    /// `deploymentutil.Revision`: the revision annotation as a number; missing means 0, unparsable is nil.
    static func revision(of object: JSONValue) -> Int64? {
        guard let text = object.annotations[revisionAnnotation] else { return 0 }
        return Int64(text)
    }

    /// Revision → ReplicaSet, as kubectl's history viewer builds it (a later ReplicaSet with the same number
    /// wins; unparsable revisions are skipped).
    var byRevision: [Int64: JSONValue] {
        var map: [Int64: JSONValue] = [:]
        for replicaSet in all { if let revision = RolloutReplicaSets.revision(of: replicaSet) { map[revision] = replicaSet } }
        return map
    }

    /// A pod template without the `pod-template-hash` label, nulls and empty maps or lists, so that
    /// templates equal in Kubernetes' semantic sense compare equal.
    static func comparable(_ template: JSONValue?) -> JSONValue { PodTemplateEquality.comparable(template) }

    /// The template without the `pod-template-hash` label (what undo writes back).
    static func withoutHash(_ template: JSONValue?) -> JSONValue {
        var copy = template ?? .emptyObject
        copy[path: ["metadata", "labels", hashLabel]] = nil
        return copy
    }

}

/// The one object a rollout verb acts on: `deployment/web` or `deployment web`.
struct RolloutTarget {
    let kind: ResourceKind
    let name: String

    static func parse(_ words: [String], verb: String) throws -> RolloutTarget {
        let selection = try ResourceSelection.parse(words)
        guard selection.entries.count == 1, let entry = selection.entries.first, entry.names.count == 1 else {
            throw UsageError("\(verb) takes exactly one object: TYPE NAME or TYPE/NAME, e.g. deployment/web")
        }
        return RolloutTarget(kind: entry.kind, name: entry.names[0])
    }

    /// `deployment.apps/web`
    var nameLine: String { "\(kind.qualifiedSingular)/\(name)" }
    /// `deployments.apps "web"`, the way kubectl names an object in errors.
    var quoted: String { "\(kind.group.isEmpty ? kind.resource : "\(kind.resource).\(kind.group)") \"\(name)\"" }
}

/// An error kubectl prints as `error: <message>`.
struct RolloutError: Error, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
