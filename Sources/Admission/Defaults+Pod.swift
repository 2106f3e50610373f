import Model

/// Pod and pod-template defaults (`pkg/apis/core/v1/defaults.go`).
enum PodDefaults {
    /// `SetDefaults_Pod` + the pod spec: requests default to limits, `enableServiceLinks: true`,
    /// host-network ports.
    static func applyToPod(_ pod: inout JSONValue) {
        pod.updateMember("spec") { spec in
            guard spec?.objectValue != nil else { return }
            // A spec never defaulted before gets about 11 members here and in the Store's pod admission:
            // room for them up front saves the dictionary regrowing (and rehashing) three times.
            if spec!["dnsPolicy"] == nil { spec!.reserveMembers(11) }
            applyToSpec(&spec!)
            let hostNetwork = spec!["hostNetwork"]?.boolValue == true
            for list in ["containers", "initContainers"] {
                spec!.updateArray(list) { containers in
                    for i in containers.indices {
                        defaultRequestsToLimits(&containers[i])
                        if hostNetwork { defaultHostNetworkPorts(&containers[i]) }
                    }
                }
            }
            setIfMissing(&spec!, "enableServiceLinks", true)
        }
    }

    /// Defaults of a `PodTemplateSpec` inside a workload: the spec's defaults, and template metadata
    /// serialized as the API server does (`creationTimestamp: null`).
    static func applyToTemplate(_ template: inout JSONValue) {
        guard template.objectValue != nil else { return }
        var metadata = template["metadata"] ?? .emptyObject
        if metadata.objectValue != nil, metadata["creationTimestamp"] == nil { metadata["creationTimestamp"] = .null }
        template["metadata"] = metadata
        if var spec = template["spec"], spec.objectValue != nil {
            applyToSpec(&spec)
            template["spec"] = spec
        }
    }

    /// `SetDefaults_PodSpec` and everything nested in it (containers, probes, volumes).
    static func applyToSpec(_ spec: inout JSONValue) {
        setIfMissing(&spec, "dnsPolicy", "ClusterFirst")
        setIfMissing(&spec, "restartPolicy", "Always")
        setIfMissing(&spec, "securityContext", .emptyObject)
        setIfMissing(&spec, "terminationGracePeriodSeconds", 30)
        setIfMissing(&spec, "schedulerName", "default-scheduler")
        for list in ["containers", "initContainers"] {
            spec.updateArray(list) { containers in
                for i in containers.indices where containers[i].objectValue != nil { applyToContainer(&containers[i]) }
            }
        }
        spec.updateArray("volumes") { volumes in
            for i in volumes.indices where volumes[i].objectValue != nil { applyToVolume(&volumes[i]) }
        }
    }

    /// `SetDefaults_Container` plus ports, probes, env field references and `resources: {}`.
    static func applyToContainer(_ container: inout JSONValue) {
        let pullPolicy = container["imagePullPolicy"]
        if pullPolicy.isMissing || pullPolicy == "" {
            container["imagePullPolicy"] = .string(imagePullPolicy(for: container["image"].string ?? ""))
        }
        setIfMissing(&container, "terminationMessagePath", "/dev/termination-log")
        setIfMissing(&container, "terminationMessagePolicy", "File")
        setIfMissing(&container, "resources", .emptyObject)
        container.updateArray("ports") { ports in
            for i in ports.indices where ports[i].objectValue != nil { setIfMissing(&ports[i], "protocol", "TCP") }
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            guard var value = container[probe], value.objectValue != nil else { continue }
            setIfMissing(&value, "timeoutSeconds", 1)
            setIfMissing(&value, "periodSeconds", 10)
            setIfMissing(&value, "successThreshold", 1)
            setIfMissing(&value, "failureThreshold", 3)
            defaultHTTPGet(&value)
            container[probe] = value
        }
        for hook in ["postStart", "preStop"] {
            guard var handler = container[path: ["lifecycle", hook]], handler.objectValue != nil else { continue }
            defaultHTTPGet(&handler)
            container[path: ["lifecycle", hook]] = handler
        }
        if var env = container["env"]?.arrayValue {
            for i in env.indices {
                guard var ref = env[i][path: ["valueFrom", "fieldRef"]], ref.objectValue != nil else { continue }
                setIfMissing(&ref, "apiVersion", "v1")
                env[i][path: ["valueFrom", "fieldRef"]] = ref
            }
            container["env"] = .array(env)
        }
    }

    /// `Always` when the image's tag is `latest` (explicit or implied by no tag and no digest), else `IfNotPresent`.
    static func imagePullPolicy(for image: String) -> String {
        guard !image.isEmpty else { return "IfNotPresent" }
        if let policy = asciiImagePullPolicy(for: image) { return policy }
        let beforeDigest = image.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        let hasDigest = beforeDigest.count > 1
        let nameAndTag = beforeDigest[0]
        let lastSlash = nameAndTag.lastIndex(of: "/")
        let lastSegment = lastSlash.map { nameAndTag[nameAndTag.index(after: $0)...] } ?? nameAndTag[...]
        var repository = nameAndTag
        var tag: Substring? = nil
        if let colon = lastSegment.lastIndex(of: ":") {
            tag = lastSegment[lastSegment.index(after: colon)...]
            repository = nameAndTag[..<colon]
        }
        if repository.isEmpty || repository.contains(where: { $0.isUppercase }) { return "IfNotPresent" }
        if tag == nil && !hasDigest { return "Always" }
        return tag == "latest" ? "Always" : "IfNotPresent"
    }

    /// `imagePullPolicy(for:)` over the bytes of a non-empty ASCII image reference (nil for other text).
    private static func asciiImagePullPolicy(for image: String) -> String? {
        let policy = image.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return nil }
            let nameEnd = bytes.firstIndex(of: UInt8(ascii: "@")) ?? bytes.count
            let hasDigest = nameEnd < bytes.count
            var segmentStart = nameEnd
            while segmentStart > 0, bytes[segmentStart - 1] != UInt8(ascii: "/") { segmentStart -= 1 }
            var colon: Int? = nil
            var i = nameEnd
            while i > segmentStart {
                i -= 1
                if bytes[i] == UInt8(ascii: ":") { colon = i; break }
            }
            let repositoryEnd = colon ?? nameEnd
            if repositoryEnd == 0 { return "IfNotPresent" }
            for j in 0..<repositoryEnd where bytes[j] >= UInt8(ascii: "A") && bytes[j] <= UInt8(ascii: "Z") {
                return "IfNotPresent"
            }
            guard let colon else { return hasDigest ? "IfNotPresent" : "Always" }
            let tag = UnsafeBufferPointer(rebasing: bytes[(colon + 1)..<nameEnd])
            return tag.elementsEqual("latest".utf8) ? "Always" : "IfNotPresent"
        }
        return policy ?? nil
    }

    private static func defaultHTTPGet(_ handler: inout JSONValue) {
        guard var get = handler["httpGet"], get.objectValue != nil else { return }
        setIfMissing(&get, "path", "/")
        setIfMissing(&get, "scheme", "HTTP")
        handler["httpGet"] = get
    }

    /// A volume with no source becomes an `emptyDir`; file modes default to 0644 (420).
    static func applyToVolume(_ volume: inout JSONValue) {
        let sources = volume.objectValue!.keys.filter { $0 != "name" }
        if sources.isEmpty { volume["emptyDir"] = .emptyObject; return }
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            guard var value = volume[source], value.objectValue != nil else { continue }
            setIfMissing(&value, "defaultMode", 420)
            if source == "projected", var projections = value["sources"]?.arrayValue {
                for i in projections.indices {
                    guard var token = projections[i]["serviceAccountToken"], token.objectValue != nil else { continue }
                    setIfMissing(&token, "expirationSeconds", 3600)
                    projections[i]["serviceAccountToken"] = token
                }
                value["sources"] = .array(projections)
            }
            if source == "downwardAPI", var items = value["items"]?.arrayValue {
                for i in items.indices {
                    guard var ref = items[i]["fieldRef"], ref.objectValue != nil else { continue }
                    setIfMissing(&ref, "apiVersion", "v1")
                    items[i]["fieldRef"] = ref
                }
                value["items"] = .array(items)
            }
            volume[source] = value
        }
        if var hostPath = volume["hostPath"], hostPath.objectValue != nil {
            setIfMissing(&hostPath, "type", "")
            volume["hostPath"] = hostPath
        }
    }

    private static func defaultRequestsToLimits(_ container: inout JSONValue) {
        guard let limits = container[path: ["resources", "limits"]]?.objectValue, !limits.isEmpty else { return }
        var requests = container[path: ["resources", "requests"]]?.objectValue ?? [:]
        for (name, value) in limits where requests[name] == nil { requests[name] = value }
        container[path: ["resources", "requests"]] = .object(requests)
    }

    private static func defaultHostNetworkPorts(_ container: inout JSONValue) {
        guard var ports = container["ports"]?.arrayValue else { return }
        for i in ports.indices where (ports[i]["hostPort"].int ?? 0) == 0 {
            ports[i]["hostPort"] = ports[i]["containerPort"] ?? 0
        }
        container["ports"] = .array(ports)
    }
}

/// Sets `object[key]` when it is absent or null (nothing on a non-object).
func setIfMissing(_ object: inout JSONValue, _ key: String, _ value: JSONValue) {
    // Usually the key is there (an object read back was defaulted when stored): a lookup, no write.
    if case .object(let members) = object, let present = members[key], present != .null { return }
    object.updateMember(key) { member in
        if member.isMissing { member = value }
    }
}

extension JSONValue {
    /// Makes room in an object for `extra` more members, in place (nothing on a non-object).
    mutating func reserveMembers(_ extra: Int) {
        guard case .object(var members) = self else { return }
        self = .null  // drop our reference so `members` is uniquely held and grows in place
        members.reserveCapacity(members.count + extra)
        self = .object(members)
    }

    /// Runs `body` on the array member `key` of an object in place; nothing when it is not an array.
    mutating func updateArray(_ key: String, _ body: (inout [JSONValue]) -> Void) {
        updateMember(key) { member in
            guard case .array(var items)? = member else { return }
            member = nil  // drop the object's reference so `items` mutates in place
            body(&items)
            member = .array(items)
        }
    }
}
