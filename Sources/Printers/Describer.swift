import Model
import Determinism

/// kubectl's `describe` (`staging/src/k8s.io/kubectl/pkg/describe/describe.go`): Deployment, ReplicaSet,
/// Pod, StatefulSet, Service, Node, ConfigMap and Secret have their own layouts; other kinds use the generic describer.
public enum Describer {
    /// Describes one object. `lookup(kind, namespace)` lists related objects (ReplicaSets, Pods, Events,
    /// EndpointSlices); an empty namespace means every namespace.
    public static func describe(_ object: JSONValue, kind: ResourceKind, now: Timestamp,
                                lookup: (ResourceKind, String) -> [JSONValue]) -> String {
        var writer = DescribeWriter()
        let events = DescribeText.events(about: object, kind: kind, lookup: lookup)
        switch kind.kind {
        case "Deployment":
            writer.deployment(object, replicaSets: DescribeText.owned(by: object, kind: .replicaSet, lookup: lookup))
        case "ReplicaSet":
            writer.replicaSet(object, pods: DescribeText.owned(by: object, kind: .pod, lookup: lookup))
        case "StatefulSet":
            writer.statefulSet(object, pods: DescribeText.owned(by: object, kind: .pod, lookup: lookup))
        case "Pod":
            writer.pod(object, now: now)
        case "Service":
            let slices = lookup(.endpointSlice, object.namespace).filter {
                $0.labels["kubernetes.io/service-name"] == object.name
            }
            writer.service(object, endpointSlices: slices)
        case "Node":
            writer.node(object)
        case "ConfigMap":
            writer.configMap(object)
        case "Secret":
            writer.secret(object)
            return writer.finish()
        default:
            writer.generic(object)
        }
        writer.events(events, now: now)
        return writer.finish()
    }
}
