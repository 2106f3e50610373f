import Foundation
import XCTest
import Model
import Store
import Determinism
@testable import Controllers

/// A fresh database (3 nodes) with the kubelet and node lifecycle controllers, driven by simulated time.
final class KubeletScenario {
    let folder: URL
    let store: Store
    let engine: ControllerEngine
    let start: Timestamp

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-kubelet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("test.db").path, mode: .write)
        engine = try ControllerEngine(store: store, reconcilers: [KubeletController(), NodeLifecycleController()])
        start = try store.now()
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Creates a pod bound to `node` with one nginx container, then settles.
    @discardableResult
    func pod(_ name: String, node: String = "node-1", annotations: [String: String] = [:], restartPolicy: String? = nil,
             container: JSONValue = [:], extraSpec: JSONObject = [:]) throws -> JSONValue {
        var nginx: JSONValue = ["name": "nginx", "image": "nginx:1.25"]
        for (key, value) in container.objectValue ?? [:] { nginx[key] = value }
        var spec: JSONValue = ["nodeName": .string(node), "containers": [nginx]]
        if let restartPolicy { spec["restartPolicy"] = .string(restartPolicy) }
        for (key, value) in extraSpec { spec[key] = value }
        var metadata: JSONValue = ["name": .string(name), "namespace": "default"]
        if !annotations.isEmpty { metadata["annotations"] = JSONValue.fromStringMap(annotations) }
        let created = try store.create(["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec])
        try engine.settle()
        return created
    }

    func get(_ name: String) throws -> JSONValue? { try store.fetch(.pod, namespace: "default", name: name) }

    func node(_ name: String) throws -> JSONValue { try store.get(.node, namespace: "", name: name) }

    /// Moves the clock to `seconds` after the scenario started.
    func at(_ seconds: Int64) throws {
        let elapsed = try store.now() - start
        precondition(seconds >= elapsed, "time only moves forward")
        try engine.advance(seconds: seconds - elapsed, context: .user)
    }

    func elapsed() throws -> Int64 { try store.now() - start }

    /// Events about an object: (type, reason, message, count), oldest first.
    func events(about name: String) throws -> [(type: String, reason: String, message: String, count: Int)] {
        try store.list(.event, namespace: "default")
            .filter { $0[path: ["involvedObject", "name"]]?.stringValue == name }
            .sorted { ($0["firstTimestamp"]?.stringValue ?? "", $0.resourceVersion.count, $0.resourceVersion)
                < ($1["firstTimestamp"]?.stringValue ?? "", $1.resourceVersion.count, $1.resourceVersion) }
            .map { ($0["type"]?.stringValue ?? "", $0["reason"]?.stringValue ?? "", $0["message"]?.stringValue ?? "",
                    $0["count"]?.intValue ?? 0) }
    }

    func time(_ seconds: Int64) -> String { (start + seconds).rfc3339 }
}

extension JSONValue {
    func condition(_ type: String) -> JSONValue? {
        (self[path: ["status", "conditions"]]?.arrayValue ?? []).first { $0["type"]?.stringValue == type }
    }
    var conditionTypes: [String] { (self[path: ["status", "conditions"]]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue } }
    var phase: String? { self[path: ["status", "phase"]]?.stringValue }
    var container: JSONValue { self[path: ["status", "containerStatuses"]]?.arrayValue?.first ?? .null }
}
