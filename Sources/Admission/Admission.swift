import Model

/// What admission says about an object: field errors (a 422) and warnings (printed, not fatal).
public struct AdmissionResult: Sendable, Equatable {
    public var errors: [FieldError]
    public var warnings: [String]
    public init(errors: [FieldError] = [], warnings: [String] = []) { self.errors = errors; self.warnings = warnings }
}

/// Defaulting and validation as the Kubernetes v1.32 API server does them for each served kind.
///
/// Objects are JSON; fields that are not modelled are kept untouched.
public enum Admission {
    /// Fills in the defaults upstream v1.32 sets (on create and on update).
    public static func applyDefaults(_ object: inout JSONValue, kind: ResourceKind) {
        guard object.objectValue != nil else { return }
        switch kind.kind {
        case "Pod": PodDefaults.applyToPod(&object)
        case "Deployment": WorkloadDefaults.applyToDeployment(&object)
        case "ReplicaSet": WorkloadDefaults.applyToReplicaSet(&object)
        case "StatefulSet": WorkloadDefaults.applyToStatefulSet(&object)
        case "Service": CoreDefaults.applyToService(&object)
        case "Namespace": CoreDefaults.applyToNamespace(&object)
        case "Node": CoreDefaults.applyToNode(&object)
        case "Secret": SecretDefaults.apply(&object)
        case "PersistentVolume": CoreDefaults.applyToPersistentVolume(&object)
        case "PersistentVolumeClaim": CoreDefaults.applyToPersistentVolumeClaim(&object)
        case "StorageClass": CoreDefaults.applyToStorageClass(&object)
        case "Endpoints": CoreDefaults.applyToEndpoints(&object)
        case "EndpointSlice": CoreDefaults.applyToEndpointSlice(&object)
        default: break
        }
    }

    /// Validates an object about to be created.
    public static func validateCreate(_ object: JSONValue, kind: ResourceKind) -> AdmissionResult {
        let errors: [FieldError]
        var warnings: [String] = []
        switch kind.kind {
        case "Pod":
            errors = PodValidation.validate(object)
            warnings = PodValidation.nameWarnings(object)
        case "Deployment":
            errors = DeploymentValidation.validate(object)
            warnings = WorkloadValidation.nameWarnings(object)
        case "ReplicaSet":
            errors = ReplicaSetValidation.validate(object)
            warnings = WorkloadValidation.nameWarnings(object)
        case "StatefulSet": errors = StatefulSetValidation.validate(object)
        case "Service": errors = ServiceValidation.validate(object)
        case "Namespace": errors = ClusterValidation.validateNamespace(object)
        case "Node": errors = ClusterValidation.validateNode(object)
        case "Endpoints": errors = ClusterValidation.validateEndpoints(object)
        case "EndpointSlice": errors = ClusterValidation.validateEndpointSlice(object)
        case "PersistentVolume": errors = StorageValidation.validateVolume(object)
        case "PersistentVolumeClaim": errors = StorageValidation.validateClaim(object)
        case "StorageClass": errors = StorageValidation.validateStorageClass(object)
        case "ConfigMap": errors = ConfigValidation.validateConfigMap(object)
        case "Secret": errors = ConfigValidation.validateSecret(object)
        case "ServiceAccount": errors = ConfigValidation.validateServiceAccount(object)
        case "Event": errors = ClusterValidation.validateEvent(object)
        case "ControllerRevision": errors = ClusterValidation.validateControllerRevision(object)
        default: errors = ObjectMetaValidation.validate(object["metadata"], syntax: NameSyntax.forKind(kind))
        }
        return AdmissionResult(errors: errors, warnings: warnings)
    }

    /// Validates an update of `old` to `new` (both defaulted), including immutable fields.
    public static func validateUpdate(_ new: JSONValue, old: JSONValue, kind: ResourceKind) -> AdmissionResult {
        let errors: [FieldError]
        switch kind.kind {
        case "Pod": errors = PodValidation.validateUpdate(new, old: old)
        case "Deployment": errors = DeploymentValidation.validateUpdate(new, old: old)
        case "ReplicaSet": errors = ReplicaSetValidation.validateUpdate(new, old: old)
        case "StatefulSet": errors = StatefulSetValidation.validateUpdate(new, old: old)
        case "Service": errors = ServiceValidation.validateUpdate(new, old: old)
        case "Node": errors = ClusterValidation.validateNodeUpdate(new, old: old)
        case "EndpointSlice": errors = ClusterValidation.validateEndpointSliceUpdate(new, old: old)
        case "PersistentVolume": errors = StorageValidation.validateVolumeUpdate(new, old: old)
        case "PersistentVolumeClaim": errors = StorageValidation.validateClaimUpdate(new, old: old)
        case "StorageClass": errors = StorageValidation.validateStorageClassUpdate(new, old: old)
        case "ConfigMap": errors = ConfigValidation.validateConfigMapUpdate(new, old: old)
        case "Secret": errors = ConfigValidation.validateSecretUpdate(new, old: old)
        case "ControllerRevision": errors = ClusterValidation.validateControllerRevisionUpdate(new, old: old)
        default:
            errors = ObjectMetaValidation.validateUpdate(new["metadata"], old: old["metadata"])
                + validateCreate(new, kind: kind).errors.filter { !$0.field.hasPrefix("metadata.") }
        }
        return AdmissionResult(errors: errors)
    }

    /// Carries server-assigned fields from the stored object into an update that omits them, as the registry does:
    /// a Service keeps its `clusterIP`/`clusterIPs`, `ipFamilies`, `ipFamilyPolicy` and node ports.
    /// Call before `applyDefaults` on update.
    public static func prepareForUpdate(_ new: inout JSONValue, old: JSONValue, kind: ResourceKind) {
        guard kind.kind == "Service", new["spec"]?.objectValue != nil else { return }
        let newType = new[path: ["spec", "type"]].string ?? "ClusterIP"
        let oldType = old[path: ["spec", "type"]].string ?? "ClusterIP"
        guard newType != "ExternalName", oldType != "ExternalName" else { return }
        for field in ["clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"] {
            let value = new[path: ["spec", field]]
            if value.isMissing || value == "" || value == [] {
                if let oldValue = old[path: ["spec", field]] { new[path: ["spec", field]] = oldValue }
            }
        }
        guard var ports = new[path: ["spec", "ports"]]?.arrayValue, newType == "NodePort" || newType == "LoadBalancer"
        else { return }
        let oldPorts = old[path: ["spec", "ports"]].array
        for i in ports.indices where (ports[i]["nodePort"].int ?? 0) == 0 {
            let match = oldPorts.first { $0["port"] == ports[i]["port"] && $0["protocol"] == ports[i]["protocol"] }
            if let nodePort = match?["nodePort"] { ports[i]["nodePort"] = nodePort }
        }
        new[path: ["spec", "ports"]] = .array(ports)
    }

    /// The name-syntax problems of `name` for a kind (empty when valid), with upstream's messages.
    public static func nameErrors(_ name: String, kind: ResourceKind, isPrefix: Bool = false) -> [String] {
        NameSyntax.forKind(kind).errors(name, isPrefix: isPrefix)
    }
}

/// Secret defaults: type Opaque, and `stringData` folded into base64 `data` as the API server's conversion does.
enum SecretDefaults {
    static func apply(_ object: inout JSONValue) {
        CoreDefaults.applyToSecret(&object)
        guard let stringData = object["stringData"]?.objectValue else { return }
        var data = object["data"]?.objectValue ?? [:]
        for (key, value) in stringData { data[key] = .string(Base64.encode(value.stringValue ?? "")) }
        object["data"] = .object(data)
        object["stringData"] = nil
    }
}
