import Model
import Determinism

/// The three probe types, named as the kubelet names them in `Unhealthy` Events.
enum ProbeKind: String, CaseIterable, Sendable {
    case startup = "Startup"
    case liveness = "Liveness"
    case readiness = "Readiness"

    /// The container field that holds this probe.
    var field: String {
        switch self {
        case .startup: "startupProbe"
        case .liveness: "livenessProbe"
        case .readiness: "readinessProbe"
        }
    }
}

/// One probe of a container with upstream's defaults (`SetDefaults_Probe`): `periodSeconds` 10,
/// `successThreshold` 1, `failureThreshold` 3, `initialDelaySeconds` 0.
///
/// Simulated timing: probes run on a grid of `periodSeconds` from the container's start. The kubelet
/// triggers a readiness probe as soon as a container runs (or starts, after a startup probe), so
/// readiness may probe at offset 0; liveness and startup probes wait for the probe worker's next tick.
struct Probe: Equatable {
    var kind: ProbeKind
    var handler: JSONValue
    var initialDelay: Int64
    var period: Int64
    var successThreshold: Int64
    var failureThreshold: Int64

    init?(_ kind: ProbeKind, of container: JSONValue) {
        guard let probe = container[kind.field], probe.objectValue != nil else { return nil }
        self.kind = kind
        handler = probe
        initialDelay = Int64(max(probe["initialDelaySeconds"]?.intValue ?? 0, 0))
        period = Int64(max(probe["periodSeconds"]?.intValue ?? 10, 1))
        successThreshold = Int64(max(probe["successThreshold"]?.intValue ?? 1, 1))
        failureThreshold = Int64(max(probe["failureThreshold"]?.intValue ?? 3, 1))
    }

    /// The first probe, in seconds after the container started, at or after `earliest` and the initial
    /// delay. Liveness and startup probes never run at the instant the container starts.
    func firstProbe(notBefore earliest: Int64) -> Int64 {
        let from = max(earliest, initialDelay, kind == .readiness ? 0 : 1)
        return (from + period - 1) / period * period
    }

    /// What a failing probe reports after `<Kind> probe failed: `, per handler (`pkg/probe/http`,
    /// `pkg/probe/tcp`, `pkg/probe/grpc`; an exec probe reports the command's output, here empty).
    func failureOutput(podIP: String, container: JSONValue) -> String {
        if Self.present(handler["httpGet"]) {
            return "HTTP probe failed with statuscode: 500"
        }
        if let tcp = handler["tcpSocket"], Self.present(tcp) {
            let host = tcp["host"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? podIP
            return "dial tcp \(host):\(Self.port(tcp["port"], in: container)): connect: connection refused"
        }
        if Self.present(handler["grpc"]) {
            return "service unhealthy (responded with \"NOT_SERVING\")"
        }
        return ""
    }

    static func present(_ value: JSONValue?) -> Bool { value != nil && value != .null }

    /// A probe or hook port: a number, or the name of one of the container's ports.
    static func port(_ value: JSONValue?, in container: JSONValue) -> String {
        if let number = value?.intValue { return String(number) }
        let name = value?.stringValue ?? ""
        if Int(name) != nil { return name }
        let match = (container["ports"]?.arrayValue ?? []).first { $0["name"]?.stringValue == name }
        return match?["containerPort"]?.intValue.map(String.init) ?? name
    }
}

/// A run of failing probes of one kind, in seconds after the container started: every `period` from
/// `first` through `last` (nil: for as long as the container runs).
struct ProbeFailures: Equatable {
    var kind: ProbeKind
    var first: Int64
    var period: Int64
    var last: Int64?
    /// The `Unhealthy` Event each failing probe records.
    var event: KubeletEvent

    /// The first failing probe strictly after `reported` (absolute), for a run started at `start`.
    func next(after reported: Timestamp?, start: Timestamp) -> Timestamp? {
        let base = start + first
        var due = base
        if let reported, reported >= base { due = base + ((reported - base) / period + 1) * period }
        if let last, due > start + last { return nil }
        return due
    }
}

/// When, in seconds after a container run starts, its probes change its status: a pure function of the
/// container's probes and the failures injected through the pod's annotations.
struct ProbeTimeline: Equatable {
    /// When `started` turns true (the startup probe's first success); nil: never.
    var startedAfter: Int64? = 0
    /// When `ready` turns true; nil: never.
    var readyAfter: Int64? = 0
    /// When a failing readiness probe turns `ready` false again.
    var unreadyAfter: Int64?
    /// When the kubelet kills the container for `failureThreshold` failures of a liveness or startup probe.
    var kill: Kill?
    var failures: [ProbeFailures] = []

    struct Kill: Equatable {
        var kind: ProbeKind
        var after: Int64
    }

    init(container: JSONValue, behaviour: PodBehaviour, podIP: String) {
        let startup = Probe(.startup, of: container)
        let liveness = Probe(.liveness, of: container)
        let readiness = Probe(.readiness, of: container)
        if startup == nil, liveness == nil, readiness == nil {
            if behaviour.neverReady { readyAfter = nil }
            return
        }
        func failing(_ probe: Probe, from first: Int64, through last: Int64?) -> ProbeFailures {
            ProbeFailures(kind: probe.kind, first: first, period: probe.period, last: last,
                          event: .unhealthy(probe.kind, probe.failureOutput(podIP: podIP, container: container)))
        }

        if let startup {
            let first = startup.firstProbe(notBefore: 0)
            if behaviour.startupFails {
                let last = first + (startup.failureThreshold - 1) * startup.period
                failures.append(failing(startup, from: first, through: last))
                kill = Kill(kind: .startup, after: last)
                startedAfter = nil
                readyAfter = nil
                return
            }
            startedAfter = first + (startup.successThreshold - 1) * startup.period
        }
        let started = startedAfter ?? 0

        if let liveness, let failAfter = behaviour.livenessFailsAfter {
            let first = liveness.firstProbe(notBefore: max(started, failAfter))
            let last = first + (liveness.failureThreshold - 1) * liveness.period
            failures.append(failing(liveness, from: first, through: last))
            kill = Kill(kind: .liveness, after: last)
        }

        if behaviour.neverReady {
            readyAfter = nil
        } else if let readiness {
            let firstSuccess = max(readiness.firstProbe(notBefore: 0), started)
            var ready: Int64? = firstSuccess + (readiness.successThreshold - 1) * readiness.period
            if let failAfter = behaviour.readinessFailsAfter {
                let firstFailure = readiness.firstProbe(notBefore: max(started, failAfter))
                failures.append(failing(readiness, from: firstFailure, through: nil))
                if let success = ready, success < firstFailure {
                    unreadyAfter = firstFailure + (readiness.failureThreshold - 1) * readiness.period
                } else {
                    ready = nil
                }
            }
            readyAfter = ready
        } else {
            readyAfter = started
        }
    }
}
