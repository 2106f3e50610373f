import Model

extension DeploymentSync {
    /// The revision asked for by the legacy `deprecated.deployment.rollback.to` annotation (nil when
    /// absent or not a number).
    var rollbackRevision: Int? { deployment.annotations[DeploymentAnnotations.rollbackTo].flatMap { Int($0) } }

    /// `rollback()` (`rollback.go`): the legacy server-side rollback. Revision 0 means the previous one.
    /// Copies the target ReplicaSet's template and annotations into D, then clears the request with a
    /// main-resource update (which bumps the generation).
    func rollback(to requested: Int) throws {
        let (new, old) = try replicaSetsAndSyncRevision(create: true)
        if stopped { return }
        let all = old + (new.map { [$0] } ?? [])
        var revision = requested
        if revision == 0 {
            revision = Self.lastRevision(all)
            if revision == 0 {
                try client.recordEvent(about: deployment, type: .warning, reason: "DeploymentRollbackRevisionNotFound",
                                       message: "Unable to find last revision.")
                return try clearRollback()
            }
        }
        guard let target = all.first(where: { $0.revision == revision }) else {
            try client.recordEvent(about: deployment, type: .warning, reason: "DeploymentRollbackRevisionNotFound",
                                   message: "Unable to find the revision to rollback to.")
            return try clearRollback()
        }
        if PodTemplateHash.equalIgnoringHash(deployment[path: ["spec", "template"]], target[path: ["spec", "template"]]) {
            try client.recordEvent(about: deployment, type: .warning, reason: "DeploymentRollbackTemplateUnchanged",
                                   message: "The rollback revision contains the same template as current deployment \"\(deployment.name)\"")
            return try clearRollback()
        }
        var template = target[path: ["spec", "template"]] ?? .emptyObject
        template[path: ["metadata", "labels", PodTemplateHash.label]] = nil
        deployment[path: ["spec", "template"]] = template
        var annotations = deployment.annotations.filter { DeploymentAnnotations.skipped.contains($0.key) }
        for (key, value) in target.annotations where !DeploymentAnnotations.skipped.contains(key) { annotations[key] = value }
        deployment[path: ["metadata", "annotations"]] = JSONValue.fromStringMap(annotations)
        try clearRollback()
        try client.recordEvent(about: deployment, type: .normal, reason: "DeploymentRollback",
                               message: "Rolled back deployment \"\(deployment.name)\" to revision \(revision)")
    }

    /// Removes the rollback request and updates D (main resource).
    private func clearRollback() throws {
        var annotations = deployment.annotations
        annotations[DeploymentAnnotations.rollbackTo] = nil
        deployment[path: ["metadata", "annotations"]] = annotations.isEmpty ? nil : JSONValue.fromStringMap(annotations)
        deployment = try client.update(deployment)
    }

    /// `LastRevision`: the second-highest revision among the ReplicaSets (0 when there is none).
    static func lastRevision(_ replicaSets: [JSONValue]) -> Int {
        var highest = 0, second = 0
        for revision in replicaSets.compactMap(\.revision) {
            if revision >= highest { second = highest; highest = revision } else if revision > second { second = revision }
        }
        return second
    }
}
