/// An Event the simulated kubelet records about a pod, with upstream's reason and wording.
struct KubeletEvent: Equatable {
    var type: EventType
    var reason: String
    var message: String

    static func pulling(_ image: String) -> KubeletEvent { .init(type: .normal, reason: "Pulling", message: "Pulling image \"\(image)\"") }
    static func pulled(_ image: String) -> KubeletEvent {
        .init(type: .normal, reason: "Pulled",
              message: "Successfully pulled image \"\(image)\" in 0s (0s including waiting). Image size: 0 bytes.")
    }
    static func alreadyPresent(_ image: String) -> KubeletEvent {
        .init(type: .normal, reason: "Pulled", message: "Container image \"\(image)\" already present on machine")
    }
    static func created(_ container: String) -> KubeletEvent { .init(type: .normal, reason: "Created", message: "Created container \(container)") }
    static func started(_ container: String) -> KubeletEvent { .init(type: .normal, reason: "Started", message: "Started container \(container)") }
    static func killing(_ container: String) -> KubeletEvent { .init(type: .normal, reason: "Killing", message: "Stopping container \(container)") }
    /// `Killing` with the reason the kubelet gives (`Container nginx failed liveness probe, will be restarted`).
    static func killing(message: String) -> KubeletEvent { .init(type: .normal, reason: "Killing", message: message) }
    /// One failed probe (`pkg/kubelet/prober`): `Liveness probe failed: HTTP probe failed with statuscode: 500`.
    static func unhealthy(_ kind: ProbeKind, _ output: String) -> KubeletEvent {
        .init(type: .warning, reason: "Unhealthy", message: "\(kind.rawValue) probe failed: \(output)")
    }
    /// Since v1.26 the hook's output stays out of Events (it may hold secrets).
    static let failedPostStartHook = KubeletEvent(type: .warning, reason: "FailedPostStartHook", message: "PostStartHook failed")
    static let failedPreStopHook = KubeletEvent(type: .warning, reason: "FailedPreStopHook", message: "PreStopHook failed")
    static func pullFailed(_ image: String, _ error: String) -> KubeletEvent {
        .init(type: .warning, reason: "Failed", message: "Failed to pull image \"\(image)\": \(error)")
    }
    static func failed(_ waitingReason: String) -> KubeletEvent { .init(type: .warning, reason: "Failed", message: "Error: \(waitingReason)") }
    static func pullBackOff(_ image: String) -> KubeletEvent { .init(type: .normal, reason: "BackOff", message: "Back-off pulling image \"\(image)\"") }
    static func crashBackOff(_ container: String, pod: String) -> KubeletEvent {
        .init(type: .warning, reason: "BackOff", message: "Back-off restarting failed container \(container) in pod \(pod)")
    }
}

/// Image references as the container runtime reports them.
enum ImageReference {
    /// The fully qualified name containerd reports: `nginx:1.25` ⇒ `docker.io/library/nginx:1.25`.
    static func qualified(_ image: String) -> String {
        var name = image
        let first = name.split(separator: "/", maxSplits: 1).first.map(String.init) ?? name
        let hasDomain = name.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")
        if !hasDomain {
            name = (name.contains("/") ? "docker.io/" : "docker.io/library/") + name
        }
        let lastComponent = name.split(separator: "/").last.map(String.init) ?? name
        if !lastComponent.contains(":"), !name.contains("@") { name += ":latest" }
        return name
    }

    /// A stable digest-qualified image ID: `docker.io/library/nginx@sha256:<64 hex>` derived from the name.
    static func imageID(_ image: String) -> String {
        let qualified = qualified(image)
        let repository = qualified.split(separator: "@").first.map(String.init) ?? qualified
        let withoutTag: String
        if let colon = repository.lastIndex(of: ":"), !repository[colon...].contains("/") {
            withoutTag = String(repository[..<colon])
        } else { withoutTag = repository }
        var digest = ""
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for round in 0..<4 {
            for byte in "\(round)|\(qualified)".utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            digest += hex16(hash)
        }
        return "\(withoutTag)@sha256:\(digest)"
    }

    static func hex16(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The simulated registry's error for a failing pull (containerd's wording for a missing image).
    static func pullError(_ image: String) -> String {
        let q = qualified(image)
        return "rpc error: code = NotFound desc = failed to pull and unpack image \"\(q)\": failed to resolve reference \"\(q)\": \(q): not found"
    }
}
