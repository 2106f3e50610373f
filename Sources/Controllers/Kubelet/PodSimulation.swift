import Model
import Determinism

/// What the simulated kubelet does to one pod in one reconcile: a pure function of the pod, its node and
/// the time, so it can be tested without a store.
struct PodSimulation {
    /// The status to write, when it changed.
    var status: JSONValue?
    var events: [KubeletEvent] = []
    /// Remove the pod now (its grace period is over, or nothing is left running).
    var remove = false
    /// Deletion has begun: the one-off Events of stopping each running container (`Killing`, then a
    /// failed `preStop` hook's Event), recorded once per container.
    var stopping: [ContainerStop] = []
    /// When to look again.
    var next: Timestamp?

    /// What the kubelet learns from outside the pod.
    struct Environment {
        var now: Timestamp
        var node: JSONValue
        /// The lowest free pod IP on the node.
        var allocatePodIP: () -> String?
        /// Whether another pod on the node already pulled this image.
        var imagePresentOnNode: (String) -> Bool
        var newContainerID: () -> String
        /// When the kubelet last recorded this Event about the pod (its `lastTimestamp`), if ever: how it
        /// remembers which failing probes it already reported.
        var lastRecorded: (KubeletEvent) -> Timestamp? = { _ in nil }
    }

    /// Stopping one running container on deletion.
    struct ContainerStop: Equatable {
        var container: String
        /// `Killing` (recorded once; the key for recording the rest once too), then hook failures.
        var events: [KubeletEvent]
    }

    static func plan(_ pod: JSONValue, _ environment: Environment) -> PodSimulation {
        var result = PodSimulation()
        let now = environment.now
        let old = pod["status"] ?? .emptyObject
        let oldContainers = old["containerStatuses"]?.arrayValue ?? []

        if let text = pod.deletionTimestamp, let deadline = Timestamp(rfc3339: text) {
            let running = oldContainers.filter { $0[path: ["state", "running"]] != nil }.compactMap { $0["name"]?.stringValue }
            if now >= deadline || running.isEmpty {
                result.remove = true
            } else {
                let behaviour = PodBehaviour(pod: pod)
                let specs = pod[path: ["spec", "containers"]]?.arrayValue ?? []
                result.stopping = running.map { name in
                    let spec = specs.first { $0["name"]?.stringValue == name } ?? .null
                    let preStopFails = behaviour.preStopFails && LifecycleHook.preStop.handler(of: spec) != nil
                    return ContainerStop(container: name, events: [.killing(name)] + (preStopFails ? [.failedPreStopHook] : []))
                }
                result.next = deadline
            }
            return result
        }
        let oldPhase = old["phase"]?.stringValue ?? "Pending"
        if oldPhase == "Succeeded" || oldPhase == "Failed" { return result }

        var status = old
        let acceptedAt: Timestamp
        if let text = old["startTime"]?.stringValue, let start = Timestamp(rfc3339: text) {
            acceptedAt = start
        } else {
            acceptedAt = now
            status["startTime"] = .string(now.rfc3339)
            let hostIP = PodAddresses.hostIP(of: environment.node) ?? ""
            status["hostIP"] = .string(hostIP)
            status["hostIPs"] = [["ip": .string(hostIP)]]
            let podIP = pod[path: ["spec", "hostNetwork"]]?.boolValue == true ? hostIP : environment.allocatePodIP()
            if let podIP {
                status["podIP"] = .string(podIP)
                status["podIPs"] = [["ip": .string(podIP)]]
            }
            let inits = pod[path: ["spec", "initContainers"]]?.arrayValue ?? []
            if !inits.isEmpty {
                status["initContainerStatuses"] = .array(inits.map { completedInitContainer($0, at: now, environment) })
                for container in inits {
                    let image = container["image"]?.stringValue ?? ""
                    let name = container["name"]?.stringValue ?? ""
                    result.events += [.pulling(image), .pulled(image), .created(name), .started(name)]
                }
            }
        }

        let behaviour = PodBehaviour(pod: pod)
        let restartPolicy = pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        let reference = "\(pod.name)_\(pod.namespace)(\(pod.uid))"
        var views: [ContainerStatusView] = []
        for spec in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
            let name = spec["name"]?.stringValue ?? ""
            var view = oldContainers.first { $0["name"]?.stringValue == name }
                .map { ContainerStatusView(json: $0, now: now) } ?? ContainerStatusView(creating: spec, now: now)
            let podIP = status["podIP"]?.stringValue ?? ""
            let context = ContainerContext(
                spec: spec, behaviour: behaviour, restartPolicy: restartPolicy, podReference: reference,
                acceptedAt: acceptedAt, imagePresentOnNode: environment.imagePresentOnNode(spec["image"]?.stringValue ?? ""),
                newContainerID: environment.newContainerID, podIP: podIP,
                probes: ProbeTimeline(container: spec, behaviour: behaviour, podIP: podIP))
            for failure in context.probes.failures where view.reportedFailures[failure.kind] == nil {
                view.reportedFailures[failure.kind] = environment.lastRecorded(failure.event)
            }
            let (events, next) = ContainerStage.run(&view, context)
            result.events += events
            if let next, result.next == nil || next < result.next! { result.next = next }
            views.append(view)
        }
        let phase = PodConditions.phase(views, restartPolicy: restartPolicy)
        status["phase"] = .string(phase)
        status["containerStatuses"] = .array(views.map(\.json))
        status["conditions"] = .array(PodConditions.conditions(old: old["conditions"]?.arrayValue ?? [], containers: views,
                                                               phase: phase, now: now))
        if phase == "Succeeded" || phase == "Failed" { result.next = nil }
        if status != old { result.status = status }
        return result
    }

    /// An init container that ran to completion as the pod was accepted.
    static func completedInitContainer(_ spec: JSONValue, at time: Timestamp, _ environment: Environment) -> JSONValue {
        let image = spec["image"]?.stringValue ?? ""
        let id = environment.newContainerID()
        return [
            "name": spec["name"] ?? "", "image": .string(ImageReference.qualified(image)),
            "imageID": .string(ImageReference.imageID(image)), "containerID": .string(id),
            "ready": true, "started": false, "restartCount": 0, "lastState": .emptyObject,
            "state": ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": .string(time.rfc3339),
                                     "finishedAt": .string(time.rfc3339), "containerID": .string(id)]],
        ]
    }
}
