import Model
import Determinism
import Store

extension ReplicaSetController {
    /// Creates or deletes pods so that `claimed` moves to `spec.replicas` (upstream's `manageReplicas`).
    /// Returns the failure that stopped it, if any; the pods it did make or remove stay.
    func manageReplicas(replicaSet: JSONValue, claimed: [FactPod], namespacePods: [FactPod],
                        client: any ObjectClient) throws -> ReplicaSetStatus.Failure? {
        let desired = replicaSet[path: ["spec", "replicas"]]?.intValue ?? 1
        let difference = claimed.count - desired
        if difference < 0 {
            let count = min(-difference, Self.burstReplicas)
            let outcome = SlowStart.run(count: count) { () throws(CreateFailure) in
                try createPod(for: replicaSet, client: client)
            }
            return outcome.failure.map { ReplicaSetStatus.Failure(reason: "FailedCreate", message: $0.message) }
        }
        guard difference > 0 else { return nil }
        let count = min(difference, Self.burstReplicas)
        let related = try relatedPods(of: replicaSet, namespacePods: namespacePods, client: client)
        let victims = PodDeletionRanking.podsToDelete(claimed, related: related, count: count, now: client.now)
        var failure: ReplicaSetStatus.Failure?
        for pod in victims {
            do {
                try client.delete(.pod, pod.namespace, pod.name, gracePeriodSeconds: nil)
                try client.recordEvent(about: replicaSet, type: .normal, reason: "SuccessfulDelete",
                                       message: "Deleted pod: \(pod.name)")
            } catch let error as APIError where error.reason == .notFound {
                continue
            } catch {
                try client.recordEvent(about: replicaSet, type: .warning, reason: "FailedDelete",
                                       message: "Error deleting: \(errorText(error))")
                if failure == nil {
                    failure = ReplicaSetStatus.Failure(reason: "FailedDelete",
                                                       message: "unable to delete pods: \(errorText(error))")
                }
            }
        }
        return failure
    }

    /// A failed pod creation, with the text upstream reports.
    struct CreateFailure: Error {
        var message: String
    }

    /// Creates one pod from the template (upstream's `RealPodControl.createPods`), with its Event.
    func createPod(for replicaSet: JSONValue, client: any ObjectClient) throws(CreateFailure) {
        if JSONValue.stringMap(replicaSet[path: ["spec", "template", "metadata", "labels"]]).isEmpty {
            throw CreateFailure(message: PodTemplate.noLabelsMessage)
        }
        // Events are best effort, as client-go's recorder is: they never decide whether a create failed.
        let pod: JSONValue
        do {
            pod = try client.create(PodTemplate.pod(for: replicaSet))
        } catch {
            let message = errorText(error)
            try? client.recordEvent(about: replicaSet, type: .warning, reason: "FailedCreate", message: "Error creating: \(message)")
            throw CreateFailure(message: message)
        }
        try? client.recordEvent(about: replicaSet, type: .normal, reason: "SuccessfulCreate", message: "Created pod: \(pod.name)")
    }

    /// The pods selected by every ReplicaSet sharing this one's controller (upstream's
    /// `getIndirectlyRelatedPods`); none when it has no controller. `namespacePods` are this ReplicaSet's
    /// own pods and the orphans; a sibling's own pods are listed by their controller, so only the
    /// namespace pods can be selected twice.
    func relatedPods(of replicaSet: JSONValue, namespacePods: [FactPod], client: any ObjectClient) throws -> [ReplicaSetPodFacts] {
        guard let controllerUID = replicaSet.controllerReference?["uid"]?.stringValue else { return [] }
        let siblings = try client.list(.replicaSet, namespace: replicaSet.namespace, controlledBy: controllerUID)
        var taken = [Bool](repeating: false, count: namespacePods.count)
        var related: [ReplicaSetPodFacts] = []
        for sibling in siblings {
            guard let selector = try? LabelSelector.fromObject(sibling[path: ["spec", "selector"]] ?? .null) else { continue }
            if sibling.uid != replicaSet.uid {
                for (version, pod) in try client.listVersions(.pod, namespace: replicaSet.namespace, controlledBy: sibling.uid) {
                    let facts = podFacts.facts(of: pod, version: version)
                    if selector.matches(facts.labels) { related.append(facts) }
                }
            }
            for (index, pod) in namespacePods.enumerated() where !taken[index] && selector.matches(pod.facts.labels) {
                taken[index] = true
                related.append(pod.facts)
            }
        }
        return related
    }
}
