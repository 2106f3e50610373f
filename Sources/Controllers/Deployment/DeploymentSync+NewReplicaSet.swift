import Model
import Determinism

extension DeploymentSync {
    /// `FindNewReplicaSet`: the oldest claimed ReplicaSet whose template equals D's (ignoring the hash label).
    func findNewReplicaSet() -> JSONValue? {
        let template = deployment[path: ["spec", "template"]]
        return replicaSets.sorted(by: ReplicaSetOrder.byCreation)
            .first { PodTemplateHash.equalIgnoringHash($0[path: ["spec", "template"]], template) }
    }

    /// `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet (annotations and revision synced, created when
    /// `create` and missing) and the old ones. Returns nil for the new one when it does not exist (yet).
    func replicaSetsAndSyncRevision(create: Bool) throws -> (new: JSONValue?, old: [JSONValue]) {
        let existing = findNewReplicaSet()
        let old = replicaSets.filter { $0.uid != existing?.uid }
        let newRevision = old.compactMap(\.revision).max().map { $0 + 1 } ?? 1
        if let existing {
            return (try syncExistingNewReplicaSet(existing, newRevision: newRevision), old)
        }
        guard create else { return (nil, old) }
        guard let created = try createNewReplicaSet(old: old, newRevision: newRevision) else { return (nil, old) }
        return (created, old)
    }

    /// Copies annotations and raises the revision on the existing new ReplicaSet; when nothing needed
    /// writing there, mirrors its revision onto D (and adds FoundNewReplicaSet if D has no Progressing).
    private func syncExistingNewReplicaSet(_ rs: JSONValue, newRevision: Int) throws -> JSONValue {
        let (annotations, changed) = DeploymentAnnotations.newReplicaSetAnnotations(
            deployment: deployment, current: rs.annotations, newRevision: newRevision, exists: true)
        let minReady = deployment[path: ["spec", "minReadySeconds"]]?.intValue ?? 0
        if changed || (rs[path: ["spec", "minReadySeconds"]]?.intValue ?? 0) != minReady {
            var copy = rs
            copy[path: ["metadata", "annotations"]] = JSONValue.fromStringMap(annotations)
            copy[path: ["spec", "minReadySeconds"]] = .int(minReady)
            let updated = try client.update(copy)
            remember(updated)
            newReplicaSetUpdatedThisSync = true
            return updated
        }
        if newReplicaSetUpdatedThisSync { return rs }
        try setDeploymentRevision(rs.annotations[DeploymentAnnotations.revision])
        var status = deployment["status"] ?? .emptyObject
        if RolloutArithmetic.progressDeadline(deployment) != nil,
           DeploymentConditions.find(status, DeploymentConditions.progressing) == nil {
            DeploymentConditions.set(&status, DeploymentConditions.make(
                DeploymentConditions.progressing, "True", DeploymentConditions.foundNewReplicaSet,
                "Found new replica set \"\(rs.name)\"", now: now))
            try writeStatus(status)
        }
        return rs
    }

    /// Writes D's revision annotation (a metadata patch: it does not bump the generation).
    func setDeploymentRevision(_ revision: String?) throws {
        guard let revision, deployment.annotations[DeploymentAnnotations.revision] != revision else { return }
        deployment = try client.patch(.deployment, namespace, deployment.name,
                                      ["metadata": ["annotations": [DeploymentAnnotations.revision: .string(revision)]]],
                                      type: .merge, status: true)
    }

    /// The ReplicaSet D would create now: hash-labelled template and selector, controller reference,
    /// replicas from `NewRSNewReplicas` and the new-RS annotations.
    func newReplicaSetObject(old: [JSONValue], newRevision: Int) -> JSONValue {
        let collisionCount = deployment[path: ["status", "collisionCount"]]?.intValue
        var template = deployment[path: ["spec", "template"]] ?? .emptyObject
        let hash = PodTemplateHash.compute(template: template, collisionCount: collisionCount)
        template[path: ["metadata", "labels", PodTemplateHash.label]] = .string(hash)
        var selector = deployment[path: ["spec", "selector"]] ?? .emptyObject
        selector[path: ["matchLabels", PodTemplateHash.label]] = .string(hash)
        let replicas = RolloutArithmetic.newReplicaSetReplicas(deployment, allSpecs: old.map(\.specReplicas), newSpec: 0)
        let (annotations, _) = DeploymentAnnotations.newReplicaSetAnnotations(
            deployment: deployment, current: [:], newRevision: newRevision, exists: false)
        return [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": [
                "name": .string("\(deployment.name)-\(hash)"), "namespace": .string(namespace),
                "labels": template[path: ["metadata", "labels"]] ?? .emptyObject,
                "annotations": JSONValue.fromStringMap(annotations),
                "ownerReferences": [controllerReference],
            ],
            "spec": [
                "replicas": .int(replicas), "minReadySeconds": .int(deployment[path: ["spec", "minReadySeconds"]]?.intValue ?? 0),
                "selector": selector, "template": template,
            ],
        ]
    }

    /// Creates the new ReplicaSet (`getNewReplicaSet` create path), handling an existing one of the same
    /// name: ours with an equal template is adopted as is; anything else is a hash collision.
    private func createNewReplicaSet(old: [JSONValue], newRevision: Int) throws -> JSONValue? {
        let object = newReplicaSetObject(old: old, newRevision: newRevision)
        let replicas = object.specReplicas
        let created: JSONValue
        var alreadyExisted = false
        do {
            created = try client.create(object)
        } catch let error as APIError where error.reason == .alreadyExists {
            let existing = try client.get(.replicaSet, namespace, object.name)
            if let existing, existing.controllerReference?["uid"]?.stringValue == deployment.uid,
               PodTemplateHash.equalIgnoringHash(existing[path: ["spec", "template"]], deployment[path: ["spec", "template"]]) {
                created = existing
                alreadyExisted = true
            } else {
                try recordCollision()
                return nil
            }
        } catch let error as APIError {
            try recordCreateError(name: object.name, error: error)
            return nil
        }
        remember(created)
        if !alreadyExisted && replicas > 0 {
            try client.recordEvent(about: deployment, type: .normal, reason: "ScalingReplicaSet",
                                   message: "Scaled up replica set \(created.name) from 0 to \(replicas)")
        }
        try setDeploymentRevision(String(newRevision))
        if !alreadyExisted, RolloutArithmetic.progressDeadline(deployment) != nil {
            var status = deployment["status"] ?? .emptyObject
            DeploymentConditions.set(&status, DeploymentConditions.make(
                DeploymentConditions.progressing, "True", DeploymentConditions.newReplicaSetCreated,
                "Created new replica set \"\(created.name)\"", now: now))
            try writeStatus(status)
        }
        return created
    }

    /// A foreign object holds the new ReplicaSet's name: bump `status.collisionCount` so the next sync hashes
    /// differently. The status write wakes the Deployment again.
    private func recordCollision() throws {
        var status = deployment["status"] ?? .emptyObject
        status["collisionCount"] = .int((status["collisionCount"]?.intValue ?? 0) + 1)
        try writeStatus(status)
        requeue = .after(1)
        stopped = true
    }

    /// Creating the new ReplicaSet failed: Progressing False ReplicaSetCreateError and a Warning event.
    private func recordCreateError(name: String, error: APIError) throws {
        let message = "Failed to create new replica set \"\(name)\": \(error.message)"
        if RolloutArithmetic.progressDeadline(deployment) != nil {
            var status = deployment["status"] ?? .emptyObject
            DeploymentConditions.set(&status, DeploymentConditions.make(
                DeploymentConditions.progressing, "False", DeploymentConditions.replicaSetCreateError, message, now: now))
            try writeStatus(status)
        }
        try client.recordEvent(about: deployment, type: .warning, reason: DeploymentConditions.replicaSetCreateError,
                               message: message)
        requeue = .after(5)
        stopped = true
    }
}
