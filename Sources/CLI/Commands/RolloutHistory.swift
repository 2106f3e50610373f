import Model
import Store
import Printers

/// `rollout history` and `rollout undo` for Deployments, as kubectl's `DeploymentHistoryViewer` and
/// `DeploymentRollbacker` do them, over the ReplicaSets the Deployment controls.
enum RolloutHistory {
    /// The history table, or with `revision` the pod template of that revision (kubectl's text exactly,
    /// including the trailing space after the name and the final blank line).
    static func history(_ target: RolloutTarget, revision: Int64?, format: OutputFormat, store: Store,
                        namespace: String) throws -> String {
        guard target.kind == .deployment else {
            throw RolloutError("no history viewer has been implemented for \"\(target.kind.kind).\(target.kind.group)\"")
        }
        if let revision, revision < 0 { throw RolloutError("revision must be a positive integer: \(revision)") }
        let deployment = try store.get(.deployment, namespace: namespace, name: target.name)
        let owned = try RolloutReplicaSets(deployment: deployment, store: store)
        let byRevision = owned.byRevision
        if format == .json || format == .yaml {
            let chosen: [JSONValue]
            if let revision, revision > 0 {
                guard let replicaSet = byRevision[revision] else { throw RolloutError("unable to find the specified revision") }
                chosen = [replicaSet]
            } else {
                chosen = byRevision.keys.sorted().map { byRevision[$0]! }
            }
            return ObjectOutput.serialized(chosen, format: format, single: chosen.count == 1 && revision != nil)
        }
        let header = "\(target.nameLine) \(revision.map { $0 > 0 ? "with revision #\($0)" : "" } ?? "")\n"
        guard !byRevision.isEmpty else { return header + "No rollout history found.\n" }
        if let revision, revision > 0 {
            guard let replicaSet = byRevision[revision] else { throw RolloutError("unable to find the specified revision") }
            return header + Describer.podTemplate(templateForDisplay(replicaSet), aligned: false) + "\n"
        }
        var rows = [["REVISION", "CHANGE-CAUSE"]]
        for number in byRevision.keys.sorted() {
            let cause = byRevision[number]!.annotations[RolloutReplicaSets.changeCauseAnnotation] ?? ""
            rows.append([String(number), cause.isEmpty ? "<none>" : cause])
        }
        return header + RolloutHistory.tabbed(rows) + "\n"
    }

    /// The ReplicaSet's template with its change-cause copied into the template annotations, as kubectl shows it.
    static func templateForDisplay(_ replicaSet: JSONValue) -> JSONValue {
        var template = replicaSet[path: ["spec", "template"]] ?? .emptyObject
        if let cause = replicaSet.annotations[RolloutReplicaSets.changeCauseAnnotation], !cause.isEmpty {
            template[path: ["metadata", "annotations", RolloutReplicaSets.changeCauseAnnotation]] = .string(cause)
        }
        return template
    }

    /// Go's tabwriter with minwidth 0, padding 2, padded with spaces (the last column is not padded).
    static func tabbed(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (i, cell) in row.enumerated() where i < row.count - 1 { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in
                i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count + 2)
            }.joined() + "\n"
        }.joined()
    }

    /// `rollout undo`: writes the chosen revision's template and annotations back into the Deployment with a
    /// JSON patch. Returns the line kubectl prints.
    static func undo(_ target: RolloutTarget, toRevision: Int64, dryRun: String, store: Store, namespace: String,
                     context: WriteContext) throws -> String {
        guard target.kind == .deployment else {
            throw RolloutError("no rollbacker has been implemented for \"\(target.kind.kind).\(target.kind.group)\"")
        }
        if toRevision < 0 { throw RolloutError("unable to find specified revision \(toRevision) in history") }
        let deployment = try store.get(.deployment, namespace: namespace, name: target.name)
        let owned = try RolloutReplicaSets(deployment: deployment, store: store)
        let chosen = try pick(toRevision, among: owned, deploymentName: target.name)
        if dryRun == "client" {
            return "\(target.nameLine) \(Describer.podTemplate(chosen[path: ["spec", "template"]], aligned: false)) (dry run)\n"
        }
        if deployment[path: ["spec", "paused"]]?.boolValue == true {
            throw RolloutError("you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again")
        }
        if RolloutReplicaSets.comparable(chosen[path: ["spec", "template"]])
            == RolloutReplicaSets.comparable(deployment[path: ["spec", "template"]]) {
            return "\(target.nameLine) skipped rollback (current template already matches revision \(toRevision))\n"
        }
        var annotations: JSONObject = [:]
        for (key, value) in deployment.annotations where RolloutReplicaSets.annotationsToSkip.contains(key) {
            annotations[key] = .string(value)
        }
        for (key, value) in chosen.annotations where !RolloutReplicaSets.annotationsToSkip.contains(key) {
            annotations[key] = .string(value)
        }
        let patch: JSONValue = [
            ["op": "replace", "path": "/spec/template",
             "value": RolloutReplicaSets.withoutHash(chosen[path: ["spec", "template"]])],
            ["op": "replace", "path": "/metadata/annotations", "value": .object(annotations)],
        ]
        do {
            _ = try store.patch(.deployment, namespace: namespace, name: target.name, patch: patch, type: .json,
                                context: context, dryRun: dryRun == "server")
        } catch let error as APIError {
            throw RolloutError("failed restoring revision \(toRevision): \(error.message)")
        }
        return "\(target.nameLine) rolled back\(dryRun == "server" ? " (server dry run)" : "")\n"
    }

    /// kubectl's `deploymentRevision`: revision N, or with 0 the second-newest revision among all owned
    /// ReplicaSets (old ones first, then the new one).
    static func pick(_ toRevision: Int64, among owned: RolloutReplicaSets, deploymentName: String) throws -> JSONValue {
        var ordered = owned.all.filter { $0.uid != owned.new?.uid }
        if let new = owned.new { ordered.append(new) }
        var latest: (Int64, JSONValue)?
        var previous: (Int64, JSONValue)?
        for replicaSet in ordered {
            guard let number = RolloutReplicaSets.revision(of: replicaSet) else { continue }
            if toRevision > 0 {
                if number == toRevision { return replicaSet }
                continue
            }
            if number > (latest?.0 ?? -1) {
                previous = latest
                latest = (number, replicaSet)
            } else if number > (previous?.0 ?? -1) {
                previous = (number, replicaSet)
            }
        }
        if toRevision > 0 { throw RolloutError("unable to find specified revision \(toRevision) in history") }
        guard let previous else { throw RolloutError("no rollout history found for deployment \"\(deploymentName)\"") }
        return previous.1
    }
}
