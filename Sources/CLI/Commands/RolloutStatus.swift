import Model
import Store
import Determinism

/// What `rollout status` concludes from one look at an object (kubectl's status viewers).
enum RolloutVerdict: Equatable {
    /// Not finished: print the message and keep watching.
    case waiting(String)
    /// Finished: print the message, exit 0.
    case done(String)
    /// Cannot finish: `error: <message>`, exit 1.
    case failed(String)

    /// `DeploymentStatusViewer.Status`, and with `revision` > 0 the check that the running revision is it.
    static func deployment(_ d: JSONValue, revision: Int64? = nil) -> RolloutVerdict {
        let name = d.name
        if let revision, revision > 0 {
            let running = d.annotations[RolloutReplicaSets.revisionAnnotation] ?? ""
            if running != String(revision) {
                return .failed("desired revision (\(revision)) is different from the running revision (\(running.isEmpty ? "0" : running))")
            }
        }
        func status(_ key: String) -> Int { d[path: ["status", key]]?.intValue ?? 0 }
        guard d.generation <= status("observedGeneration") else {
            return .waiting("Waiting for deployment spec update to be observed...\n")
        }
        let conditions = d[path: ["status", "conditions"]]?.arrayValue ?? []
        if let progressing = conditions.first(where: { $0["type"]?.stringValue == "Progressing" }),
           progressing["reason"]?.stringValue == "ProgressDeadlineExceeded" {
            return .failed("deployment \"\(name)\" exceeded its progress deadline")
        }
        let wanted = d[path: ["spec", "replicas"]]?.intValue ?? 1
        let updated = status("updatedReplicas"), replicas = status("replicas"), available = status("availableReplicas")
        if updated < wanted {
            return .waiting("Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(wanted) new replicas have been updated...\n")
        }
        if replicas > updated {
            return .waiting("Waiting for deployment \"\(name)\" rollout to finish: \(replicas - updated) old replicas are pending termination...\n")
        }
        if available < updated {
            return .waiting("Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available...\n")
        }
        return .done("deployment \"\(name)\" successfully rolled out\n")
    }

    /// `StatefulSetStatusViewer.Status`.
    static func statefulSet(_ s: JSONValue) -> RolloutVerdict {
        func status(_ key: String) -> Int { s[path: ["status", key]]?.intValue ?? 0 }
        let strategy = s[path: ["spec", "updateStrategy"]] ?? .emptyObject
        guard strategy["type"]?.stringValue == "RollingUpdate" else {
            return .failed("rollout status is only available for RollingUpdate strategy type")
        }
        if status("observedGeneration") == 0 || s.generation > status("observedGeneration") {
            return .waiting("Waiting for statefulset spec update to be observed...\n")
        }
        let wanted = s[path: ["spec", "replicas"]]?.intValue ?? 1
        if status("readyReplicas") < wanted {
            return .waiting("Waiting for \(wanted - status("readyReplicas")) pods to be ready...\n")
        }
        if let rolling = strategy["rollingUpdate"], rolling.objectValue != nil {
            let partition = rolling["partition"]?.intValue ?? 0
            if status("updatedReplicas") < wanted - partition {
                return .waiting("Waiting for partitioned roll out to finish: \(status("updatedReplicas")) out of \(wanted - partition) new pods have been updated...\n")
            }
            return .done("partitioned roll out complete: \(status("updatedReplicas")) new pods have been updated...\n")
        }
        let update = s[path: ["status", "updateRevision"]]?.stringValue ?? ""
        let current = s[path: ["status", "currentRevision"]]?.stringValue ?? ""
        if update != current {
            return .waiting("waiting for statefulset rolling update to complete \(status("updatedReplicas")) pods at revision \(update)...\n")
        }
        return .done("statefulset rolling update complete \(status("currentReplicas")) pods at revision \(current)...\n")
    }
}

/// `rollout status` over simulated time.
///
/// It looks at the object, prints the verdict's message whenever the object changed since the last look
/// (kubectl prints on every watch event), and stops when:
/// - the rollout is done (exit 0);
/// - the verdict is a failure, e.g. `deployment "web" exceeded its progress deadline` (exit 1);
/// - `--watch=false` (after the first look, exit 0 unless failed);
/// - `--timeout` of simulated time has passed since it started: `timed out waiting for the condition`
///   (exit 1); without `--timeout` it gives up after `defaultLimit` (a day) of simulated time the same way;
/// - `advance` reports that nothing is scheduled to happen any more, so waiting cannot change anything:
///   with `--timeout` that is the timeout error, without it a message saying the rollout cannot finish.
///   Three calls in a row that append nothing to the log count as that too.
///
/// Between looks it calls `advance(maxSeconds)`, which must let simulated time pass by at most `maxSeconds`
/// (stopping early at the next moment something is due is best, so each step is observed), run the
/// controllers, and return `false` only when nothing at all is scheduled (no controllers, no timers).
struct RolloutStatusWatcher {
    /// Lets simulated time pass; see the type's documentation.
    let advance: (Int64) throws -> Bool
    /// The simulated wait without `--timeout`.
    static let defaultLimit: Int64 = 24 * 3600

    func run(_ target: RolloutTarget, store: Store, namespace: String, timeout: Int64, watch: Bool, revision: Int64?,
             out: (String) -> Void) throws -> Int32 {
        guard target.kind == .deployment || target.kind == .statefulSet else {
            throw RolloutError("no status viewer has been implemented for \"\(target.kind.kind).\(target.kind.group)\"")
        }
        let start = try store.now()
        let limit = timeout > 0 ? timeout : RolloutStatusWatcher.defaultLimit
        var lastSeen: String?
        var stalls = 0
        while true {
            guard let object = try store.fetch(target.kind, namespace: namespace, name: target.name) else {
                if lastSeen == nil { throw APIError.notFound(target.kind, target.name) }
                throw RolloutError("object has been deleted")
            }
            let verdict = target.kind == .deployment ? RolloutVerdict.deployment(object, revision: revision)
                : RolloutVerdict.statefulSet(object)
            let changed = object.resourceVersion != lastSeen
            lastSeen = object.resourceVersion
            switch verdict {
            case .done(let message): out(message); return 0
            case .failed(let message): throw RolloutError(message)
            case .waiting(let message): if changed { out(message) }
            }
            if !watch { return 0 }
            let elapsed = try store.now() - start
            if elapsed >= limit { throw RolloutError("timed out waiting for the condition") }
            let before = try store.lastSeq()
            var moved = try advance(limit - elapsed)
            if moved, try store.lastSeq() == before { stalls += 1; moved = stalls < 3 } else { stalls = 0 }
            if !moved {
                if timeout > 0 { throw RolloutError("timed out waiting for the condition") }
                throw RolloutError("\(target.kind.singular) \"\(target.name)\" rollout cannot finish: nothing more is scheduled to happen in simulated time (change the object, or run 'logbook advance')")
            }
        }
    }
}
