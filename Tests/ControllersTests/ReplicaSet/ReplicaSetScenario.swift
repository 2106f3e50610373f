import Foundation
import XCTest
@testable import Controllers
import Store
import Model
import Determinism

/// A fresh database with only the ReplicaSet controller running, and helpers to drive it.
final class ReplicaSetScenario {
    let folder: URL
    let store: Store
    let engine: ControllerEngine

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-rs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("test.db").path, mode: .write)
        engine = try ControllerEngine(store: store, reconcilers: [ReplicaSetController()])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var now: Timestamp { get throws { try store.now() } }

    static func replicaSet(_ name: String, replicas: Int, labels: [String: String] = ["app": "web"],
                           minReadySeconds: Int = 0, templateAnnotations: [String: String] = [:]) -> JSONValue {
        var template: JSONValue = [
            "metadata": ["labels": JSONValue.fromStringMap(labels)],
            "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]]],
        ]
        if !templateAnnotations.isEmpty { template[path: ["metadata", "annotations"]] = JSONValue.fromStringMap(templateAnnotations) }
        return [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .int(replicas), "minReadySeconds": .int(minReadySeconds),
                "selector": ["matchLabels": JSONValue.fromStringMap(labels)],
                "template": template,
            ],
        ]
    }

    /// Creates a ReplicaSet as a user and lets the controller settle.
    @discardableResult
    func createReplicaSet(_ name: String, replicas: Int, labels: [String: String] = ["app": "web"],
                          minReadySeconds: Int = 0, templateAnnotations: [String: String] = [:]) throws -> JSONValue {
        let created = try store.create(Self.replicaSet(name, replicas: replicas, labels: labels, minReadySeconds: minReadySeconds,
                                                       templateAnnotations: templateAnnotations))
        try engine.settle()
        return created
    }

    /// `kubectl scale rs/<name> --replicas=<n>`, then settle.
    func scale(_ name: String, to replicas: Int) throws {
        try store.patch(.replicaSet, namespace: "default", name: name, patch: ["spec": ["replicas": .int(replicas)]], type: .merge)
        try engine.settle()
    }

    /// A bare pod created by hand (optionally already bound to a node).
    @discardableResult
    func createPod(_ name: String, labels: [String: String] = ["app": "web"], node: String? = nil,
                   annotations: [String: String] = [:]) throws -> JSONValue {
        var pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "default", "labels": JSONValue.fromStringMap(labels)],
            "spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]]],
        ]
        if !annotations.isEmpty { pod[path: ["metadata", "annotations"]] = JSONValue.fromStringMap(annotations) }
        if let node { pod[path: ["spec", "nodeName"]] = .string(node) }
        return try store.create(pod)
    }

    /// Sets a pod's phase and Ready condition through the status subresource, as a kubelet would.
    func setStatus(_ pod: String, phase: String, readySince: Timestamp? = nil, restarts: Int = 0) throws {
        var status: JSONValue = ["phase": .string(phase)]
        if let readySince {
            status["conditions"] = [["type": "Ready", "status": "True", "lastTransitionTime": .string(readySince.rfc3339)]]
        } else {
            status["conditions"] = [["type": "Ready", "status": "False"]]
        }
        status["containerStatuses"] = [["name": "nginx", "restartCount": .int(restarts)]]
        try store.patch(.pod, namespace: "default", name: pod, patch: ["status": status], type: .merge, subresource: .status)
    }

    func replicaSet(_ name: String) throws -> JSONValue { try store.get(.replicaSet, namespace: "default", name: name) }

    func status(_ name: String, _ field: String) throws -> Int { try replicaSet(name)[path: ["status", field]]?.intValue ?? 0 }

    /// Pods in the namespace (terminating ones included).
    func pods() throws -> [JSONValue] { try store.list(.pod, namespace: "default") }

    /// Active pods whose controller is the ReplicaSet `name`.
    func activePods(of name: String) throws -> [JSONValue] {
        try pods().filter { $0.controllerReference?["name"]?.stringValue == name && PodState.isActive($0) }
    }

    /// Messages of Events with `reason`, in the order they were first recorded.
    func eventMessages(_ reason: String) throws -> [String] {
        try store.readEvents(EventFilter(kind: "Event")).filter { $0.verb == .create }.compactMap { event in
            guard let object = try event.object.map({ try JSONValue.parse($0) }),
                  object["reason"]?.stringValue == reason else { return nil }
            return object["message"]?.stringValue
        }
    }

    /// Names of pods the ReplicaSet controller deleted (or marked for deletion), in order.
    func deletedPodNames() throws -> [String] {
        try store.readEvents(EventFilter(kind: "Pod")).filter {
            $0.actor == ReplicaSetController.name && ($0.verb == .delete || $0.verb == .terminate)
        }.map(\.name)
    }
}
