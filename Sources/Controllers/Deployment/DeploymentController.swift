import Model
import Store

/// The Deployment controller (`pkg/controller/deployment`): rolls Deployments out through ReplicaSets. It
/// creates and deletes ReplicaSets, changes their replicas, annotations and minReadySeconds, and writes the
/// Deployment's status and revision annotation; it never touches pods.
public struct DeploymentController: Reconciler {
    /// The actor of its writes and the `source.component` of its events.
    public static let name = "deployment-controller"
    public var name: String { Self.name }

    public init() {}

    public func watches(_ kind: ResourceKind, verb: Verb) -> Bool {
        kind == .deployment || kind == .replicaSet || kind == .pod && verb == .delete
    }

    /// Deployment changes wake that Deployment; ReplicaSet changes wake their controlling Deployment (or,
    /// for orphans, every Deployment in the namespace whose selector matches); pod deletions wake the
    /// Recreate Deployment owning the pod's ReplicaSet.
    public func keys(for change: ObjectChange, client: any ObjectClient) throws -> [ObjectKey] {
        let object = change.object
        switch change.kind {
        case .deployment:
            return [ObjectKey(of: object, kind: .deployment)]
        case .replicaSet:
            if let owner = object.controllerReference {
                guard owner["kind"]?.stringValue == "Deployment", let name = owner["name"]?.stringValue else { return [] }
                return [ObjectKey(.deployment, object.namespace, name)]
            }
            if change.isDelete { return [] }
            return try client.list(.deployment, namespace: object.namespace).filter { deployment in
                guard let selector = try? LabelSelector.fromObject(deployment[path: ["spec", "selector"]] ?? .null),
                      !selector.isEmpty else { return false }
                return selector.matches(object.labels)
            }.map { ObjectKey(of: $0, kind: .deployment) }
        case .pod:
            guard change.isDelete, let owner = object.controllerReference, owner["kind"]?.stringValue == "ReplicaSet",
                  let rsName = owner["name"]?.stringValue,
                  let rs = try client.get(.replicaSet, object.namespace, rsName),
                  let deploymentRef = rs.controllerReference, deploymentRef["kind"]?.stringValue == "Deployment",
                  let name = deploymentRef["name"]?.stringValue,
                  let deployment = try client.get(.deployment, object.namespace, name),
                  RolloutArithmetic.strategyType(deployment) == "Recreate" else { return [] }
            return [ObjectKey(.deployment, object.namespace, name)]
        default:
            return []
        }
    }

    /// One `syncDeployment` pass for the Deployment at `key`.
    public func reconcile(_ key: ObjectKey, client: any ObjectClient) throws -> Requeue {
        guard let deployment = try client.get(.deployment, key.namespace, key.name) else { return .done }
        return try DeploymentSync(client: client, deployment: deployment).run()
    }
}
