import XCTest
import Foundation
import Model
import Determinism
@testable import CLI
@testable import Store

/// A database holding Deployment `web` and ReplicaSets built by hand (owner references, revision
/// annotations), so the rollout verbs can be tested without the Deployment controller.
final class RolloutFixture {
    let folder = TemporaryFolder()
    var db: String { folder.url.appendingPathComponent("rollout.db").path }
    let store: Store

    init() throws { store = try Store.open(path: folder.url.appendingPathComponent("rollout.db").path, mode: .write) }

    /// Runs `logbook ARGS --db <db> --no-controllers` in-process: the ReplicaSets here are built by hand,
    /// so only the verbs act.
    @discardableResult
    func logbook(_ arguments: String...) -> (code: Int32, out: String, err: String) {
        runLogbook(arguments, db: db, controllers: false)
    }

    static func template(image: String, hash: String? = nil, annotations: [String: String] = [:]) -> JSONValue {
        var labels: JSONObject = ["app": "web"]
        if let hash { labels["pod-template-hash"] = .string(hash) }
        var metadata: JSONObject = ["labels": .object(labels)]
        if !annotations.isEmpty { metadata["annotations"] = JSONValue.fromStringMap(annotations) }
        return ["metadata": .object(metadata),
                "spec": ["containers": [["name": "nginx", "image": .string(image)]]]]
    }

    /// Creates Deployment `web` (3 replicas) running `image`.
    @discardableResult
    func createDeployment(image: String, annotations: [String: String] = [:], paused: Bool = false) throws -> JSONValue {
        var metadata: JSONObject = ["name": "web", "labels": ["app": "web"]]
        if !annotations.isEmpty { metadata["annotations"] = JSONValue.fromStringMap(annotations) }
        return try store.create(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": .object(metadata),
                                 "spec": ["replicas": 3, "paused": .bool(paused), "selector": ["matchLabels": ["app": "web"]],
                                          "template": RolloutFixture.template(image: image)]])
    }

    var deployment: JSONValue { get throws { try store.get(.deployment, namespace: "default", name: "web") } }

    /// Creates ReplicaSet `web-<hash>` controlled by `web`, with a revision annotation, as the controller would.
    @discardableResult
    func createReplicaSet(hash: String, image: String, revision: Int, changeCause: String? = nil,
                          context: WriteContext = WriteContext(actor: "deployment-controller")) throws -> JSONValue {
        let owner = try deployment
        var annotations = ["deployment.kubernetes.io/revision": String(revision)]
        if let changeCause { annotations["kubernetes.io/change-cause"] = changeCause }
        return try store.create([
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string("web-\(hash)"), "labels": ["app": "web", "pod-template-hash": .string(hash)],
                         "annotations": JSONValue.fromStringMap(annotations),
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                              "uid": .string(owner.uid), "controller": true, "blockOwnerDeletion": true]]],
            "spec": ["replicas": 0,
                     "selector": ["matchLabels": ["app": "web", "pod-template-hash": .string(hash)]],
                     "template": RolloutFixture.template(image: image, hash: hash)],
        ], context: context)
    }

    /// Sets the Deployment's image and its revision annotation (what the controller mirrors from the new RS).
    func setDeployment(image: String, revision: Int) throws {
        _ = try store.patch(.deployment, namespace: "default", name: "web", patch: [
            "metadata": ["annotations": ["deployment.kubernetes.io/revision": .string(String(revision))]],
            "spec": ["template": ["spec": ["containers": [["name": "nginx", "image": .string(image)]]]]],
        ], type: .strategic)
    }

    /// Three revisions: 1 nginx:1.24 (no change-cause), 2 nginx:1.25, 3 nginx:1.26 (current).
    func threeRevisions() throws {
        try createDeployment(image: "nginx:1.24")
        try createReplicaSet(hash: "5d8f7c9b4", image: "nginx:1.24", revision: 1)
        try setDeployment(image: "nginx:1.25", revision: 2)
        try createReplicaSet(hash: "7c6d5f8b9", image: "nginx:1.25", revision: 2, changeCause: "upgrade to 1.25")
        try setDeployment(image: "nginx:1.26", revision: 3)
        try createReplicaSet(hash: "66b6c48dd5", image: "nginx:1.26", revision: 3, changeCause: "upgrade to 1.26")
    }

    /// Feeds every ReplicaSet event in the log to the revision history hook (idempotent: the lead wires the
    /// hook into `append`; replaying an event already applied changes nothing).
    func mirrorRevisionHistory() throws {
        try store.write {
            for event in try store.readEvents(EventFilter(kind: "ReplicaSet")) {
                let object = try event.object.map { try JSONValue.parse($0) }
                try store.updateRevisionHistory(kind: .replicaSet, verb: event.verb, object: object, seq: event.seq,
                                                time: Timestamp(rfc3339: event.time)!, actor: event.actor, cause: event.cause)
            }
        }
    }

    func eventCount() throws -> Int64 { try store.lastSeq() }
}
