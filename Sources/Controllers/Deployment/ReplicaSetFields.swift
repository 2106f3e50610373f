import Model
import Determinism

/// The ReplicaSet numbers and metadata the Deployment controller reasons with.
extension JSONValue {
    var specReplicas: Int { self[path: ["spec", "replicas"]]?.intValue ?? 0 }
    var statusReplicas: Int { self[path: ["status", "replicas"]]?.intValue ?? 0 }
    var readyReplicas: Int { self[path: ["status", "readyReplicas"]]?.intValue ?? 0 }
    var availableReplicas: Int { self[path: ["status", "availableReplicas"]]?.intValue ?? 0 }
    var observedGeneration: Int { self[path: ["status", "observedGeneration"]]?.intValue ?? 0 }
    var creationSeconds: Int64 { creationTimestamp.flatMap { Timestamp(rfc3339: $0)?.seconds } ?? 0 }

    /// The `deployment.kubernetes.io/revision` annotation as a number: 0 when missing, nil when unparsable.
    var revision: Int? {
        guard let text = annotations[DeploymentAnnotations.revision] else { return 0 }
        return Int(text)
    }

    /// The `desired-replicas` annotation, when present and numeric.
    var desiredReplicasAnnotation: Int? { annotations[DeploymentAnnotations.desiredReplicas].flatMap { Int($0) } }
    /// The `max-replicas` annotation, when present and numeric.
    var maxReplicasAnnotation: Int? { annotations[DeploymentAnnotations.maxReplicas].flatMap { Int($0) } }
}

/// Orderings of ReplicaSets used by the controller (`controller_utils.go`).
enum ReplicaSetOrder {
    /// Oldest first; equal timestamps by name ascending (`ReplicaSetsByCreationTimestamp`).
    static func byCreation(_ a: JSONValue, _ b: JSONValue) -> Bool {
        a.creationSeconds == b.creationSeconds ? a.name < b.name : a.creationSeconds < b.creationSeconds
    }

    /// Larger spec first; ties newer first (`ReplicaSetsBySizeNewer`).
    static func bySizeNewer(_ a: JSONValue, _ b: JSONValue) -> Bool {
        a.specReplicas == b.specReplicas ? byCreation(b, a) : a.specReplicas > b.specReplicas
    }

    /// Larger spec first; ties older first (`ReplicaSetsBySizeOlder`).
    static func bySizeOlder(_ a: JSONValue, _ b: JSONValue) -> Bool {
        a.specReplicas == b.specReplicas ? byCreation(a, b) : a.specReplicas > b.specReplicas
    }

    /// Revision ascending; unparsable or equal revisions by creation (`ReplicaSetsByRevision`).
    static func byRevision(_ a: JSONValue, _ b: JSONValue) -> Bool {
        guard let ra = a.revision, let rb = b.revision, ra != rb else { return byCreation(a, b) }
        return ra < rb
    }
}
