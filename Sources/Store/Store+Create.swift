import Model
import Determinism
import Admission

extension Store {
    /// Kinds whose `metadata.generation` the API server maintains.
    static func tracksGeneration(_ kind: ResourceKind) -> Bool {
        kind == .deployment || kind == .replicaSet || kind == .statefulSet
    }

    /// Creates an object (POST). `namespace` is the request's namespace, used when the object names none.
    /// Returns the stored object with its server-set metadata.
    @discardableResult
    public func create(_ input: JSONValue, namespace requestNamespace: String = "default",
                       context: WriteContext = .user, dryRun: Bool = false) throws -> JSONValue {
        let kind = try Store.resolveKind(of: input)
        var object = input
        guard object.objectValue != nil else { throw APIError.badRequest("the object must be a JSON object") }
        let namespace = try Store.namespace(for: object, kind: kind, requestNamespace: requestNamespace)
        return try write {
            let head = try head()
            let seq = head.seq + 1
            var meta = object.metadata
            object["metadata"] = nil  // so `meta` is the only reference and changes in place
            meta["namespace"] = kind.namespaced ? .string(namespace) : nil
            if (meta["name"]?.stringValue ?? "").isEmpty, let prefix = meta["generateName"]?.stringValue, !prefix.isEmpty {
                var random = generator(at: seq, stream: 2)
                meta["name"] = .string(Identifiers.generatedName(prefix: prefix, using: &random))
            }
            object["metadata"] = meta
            Admission.applyDefaults(&object, kind: kind)
            let name = object.name
            let verdict = Admission.validateCreate(object, kind: kind)
            if !verdict.errors.isEmpty { throw APIError.invalid(kind, name, verdict.errors) }
            if kind.namespaced, try !namespaceExists(namespace) {
                throw APIError.notFound(.namespace, namespace)
            }
            if try exists(kind, namespace: namespace, name: name) { throw APIError.alreadyExists(kind, name) }

            var random = generator(at: seq, stream: 1)
            meta = object.metadata
            object["metadata"] = nil
            meta["uid"] = .string(Identifiers.uid(using: &random))
            meta["resourceVersion"] = .string(String(seq))
            meta["creationTimestamp"] = .string(head.time.rfc3339)
            meta["generation"] = Store.tracksGeneration(kind) ? .int(1) : nil
            meta["deletionTimestamp"] = nil
            meta["deletionGracePeriodSeconds"] = nil
            meta["managedFields"] = nil
            meta["selfLink"] = nil
            object["metadata"] = meta
            object["apiVersion"] = .string(kind.apiVersion)
            object["kind"] = .string(kind.kind)
            if kind == .pod { Store.admitPod(&object) }
            if kind == .service { try allocateClusterIP(&object, seq: seq) }
            if dryRun { return object }
            try append(verb: .create, object: object, kind: kind, namespace: namespace, name: name, uid: object.uid,
                       context: context, seq: seq, time: head.time)
            return object
        }
    }

    /// The served kind of a manifest, or kubectl's "no matches" error.
    public static func resolveKind(of object: JSONValue) throws(APIError) -> ResourceKind {
        let apiVersion = object.apiVersion, kindName = object.kind
        if kindName.isEmpty { throw APIError.badRequest("Object 'Kind' is missing in '\(object.canonicalString())'") }
        if apiVersion.isEmpty { throw APIError.badRequest("Object 'apiVersion' is missing in '\(object.canonicalString())'") }
        guard let kind = ResourceKind.forManifest(apiVersion: apiVersion, kind: kindName) else {
            throw APIError(reason: .notFound, message: "no matches for kind \"\(kindName)\" in version \"\(apiVersion)\"")
        }
        return kind
    }

    /// The namespace an object goes to: its own, or the request's; they must agree.
    static func namespace(for object: JSONValue, kind: ResourceKind, requestNamespace: String) throws(APIError) -> String {
        guard kind.namespaced else { return "" }
        let own = object.namespace
        if !own.isEmpty, !requestNamespace.isEmpty, own != requestNamespace {
            throw APIError.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        return own.isEmpty ? (requestNamespace.isEmpty ? "default" : requestNamespace) : own
    }
}

extension Store {
    /// What upstream's admission plugins and pod strategy add to a new pod: the default service account,
    /// the not-ready/unreachable tolerations, priority, and a Pending status with its QoS class.
    static func admitPod(_ pod: inout JSONValue) {
        guard case .object? = pod["spec"] else { return admitPodSlowly(&pod) }
        let qos = pod.updateMember("spec") { spec -> String in
            // `spec` is an object: each step below is the path-based one in `admitPodSlowly`, in place.
            if (spec!["serviceAccountName"]?.stringValue ?? "").isEmpty {
                let account = spec!["serviceAccount"]?.stringValue ?? "default"
                spec!["serviceAccountName"] = .string(account)
            }
            spec!["serviceAccount"] = spec!["serviceAccountName"]
            spec!.updateMember("tolerations") { member in
                var tolerations = member?.arrayValue ?? []
                member = nil
                for (key, toleration) in defaultTolerations
                where !tolerations.contains(where: { $0["key"]?.stringValue == key }) {
                    tolerations.append(toleration)
                }
                member = .array(tolerations)
            }
            spec!.updateMember("priority") { if $0 == nil { $0 = 0 } }
            spec!.updateMember("preemptionPolicy") { if $0 == nil { $0 = "PreemptLowerPriority" } }
            return qosClass(spec: spec!)
        }
        pod["status"] = pendingStatus[qos] ?? ["phase": "Pending", "qosClass": .string(qos)]
    }

    /// The tolerations every pod gets unless it has its own for the key, built once.
    private static let defaultTolerations: [(key: String, toleration: JSONValue)] =
        ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"].map {
            ($0, ["key": .string($0), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
        }

    /// A new pod's status for each QoS class, built once.
    private static let pendingStatus: JSONObject = JSONObject(uniqueKeysWithValues:
        ["Guaranteed", "Burstable", "BestEffort"].map { ($0, JSONValue.object(["phase": "Pending", "qosClass": .string($0)])) })

    /// `admitPod` for a pod whose spec is missing or not an object, through paths (which create the spec).
    private static func admitPodSlowly(_ pod: inout JSONValue) {
        if (pod[path: ["spec", "serviceAccountName"]]?.stringValue ?? "").isEmpty {
            let account = pod[path: ["spec", "serviceAccount"]]?.stringValue ?? "default"
            pod[path: ["spec", "serviceAccountName"]] = .string(account)
        }
        pod[path: ["spec", "serviceAccount"]] = pod[path: ["spec", "serviceAccountName"]]
        var tolerations = pod[path: ["spec", "tolerations"]]?.arrayValue ?? []
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]
        where !tolerations.contains(where: { $0["key"]?.stringValue == key }) {
            tolerations.append(["key": .string(key), "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300])
        }
        pod[path: ["spec", "tolerations"]] = .array(tolerations)
        if pod[path: ["spec", "priority"]] == nil { pod[path: ["spec", "priority"]] = 0 }
        if pod[path: ["spec", "preemptionPolicy"]] == nil { pod[path: ["spec", "preemptionPolicy"]] = "PreemptLowerPriority" }
        pod["status"] = ["phase": "Pending", "qosClass": .string(qosClass(of: pod))]
    }

    /// Guaranteed when every container limits cpu and memory with requests equal to limits; BestEffort
    /// when none requests or limits anything; Burstable otherwise.
    static func qosClass(of pod: JSONValue) -> String {
        qosClass(spec: pod["spec"] ?? .null)
    }

    /// `qosClass(of:)` given the pod's spec.
    static func qosClass(spec: JSONValue) -> String {
        var anything = false, guaranteed = true
        for list in ["containers", "initContainers"] {
            for container in spec[list]?.arrayValue ?? [] {
                let resources = container["resources"]
                let requests = resources?["requests"]?.objectValue ?? [:]
                let limits = resources?["limits"]?.objectValue ?? [:]
                if !requests.isEmpty || !limits.isEmpty { anything = true }
                if limits.isEmpty { guaranteed = false; continue }  // neither cpu nor memory is limited
                for resource in ["cpu", "memory"] {
                    guard let limit = limits[resource] else { guaranteed = false; continue }
                    if let request = requests[resource], request != limit { guaranteed = false }
                }
            }
        }
        if !anything { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
