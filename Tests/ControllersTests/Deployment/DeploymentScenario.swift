import Foundation
import XCTest
import Model
import Store
import Controllers

/// A scenario world for Deployment tests: a fresh store, the Deployment controller followed by the
/// instant ReplicaSet fake, and helpers to write the Deployment and read what the controller did.
final class DeploymentScenario {
    let folder: URL
    let store: Store
    let engine: ControllerEngine

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store.open(path: folder.appendingPathComponent("test.db").path, mode: .write)
        engine = try ControllerEngine(store: store, reconcilers: [DeploymentController(), InstantReplicaSetFake()])
    }

    deinit {
        XCTAssertTrue(engine.failures.isEmpty, "reconcile failures: \(engine.failures)")
        try? FileManager.default.removeItem(at: folder)
    }

    /// A Deployment `web` (selector and labels `app=web`, one container `nginx`).
    static func manifest(replicas: Int? = 3, image: String = "nginx:1.14.2", strategy: JSONValue? = nil) -> JSONValue {
        var spec: JSONValue = [
            "selector": ["matchLabels": ["app": "web"]],
            "template": ["metadata": ["labels": ["app": "web"]],
                         "spec": ["containers": [["name": "nginx", "image": .string(image)]]]],
        ]
        if let replicas { spec["replicas"] = .int(replicas) }
        if let strategy { spec["strategy"] = strategy }
        return ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "namespace": "default"], "spec": spec]
    }

    static func rolling(surge: JSONValue, unavailable: JSONValue) -> JSONValue {
        ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": surge, "maxUnavailable": unavailable]]
    }

    @discardableResult
    func create(_ manifest: JSONValue) throws -> JSONValue {
        let created = try store.create(manifest)
        try engine.settle()
        return created
    }

    /// Merge-patches the Deployment (as a user) and settles.
    func patch(_ patch: JSONValue) throws {
        _ = try store.patch(.deployment, namespace: "default", name: "web", patch: patch, type: .merge)
        try engine.settle()
    }

    func setImage(_ image: String) throws {
        _ = try store.patch(.deployment, namespace: "default", name: "web",
                            patch: [["op": "replace", "path": "/spec/template/spec/containers/0/image", "value": .string(image)]],
                            type: .json)
        try engine.settle()
    }

    func scale(_ replicas: Int) throws { try patch(["spec": ["replicas": .int(replicas)]]) }

    /// Marks pods of `image` as never ready (`all`) or that many of each ReplicaSet's replicas unready.
    func setUnready(_ image: String, _ setting: String) throws {
        if var existing = try store.fetch(.configMap, namespace: "default", name: InstantReplicaSetFake.configMapName) {
            existing[path: ["data", InstantReplicaSetFake.key(image)]] = .string(setting)
            _ = try store.update(existing)
        } else {
            _ = try store.create(["apiVersion": "v1", "kind": "ConfigMap",
                                  "metadata": ["name": .string(InstantReplicaSetFake.configMapName), "namespace": "default"],
                                  "data": [InstantReplicaSetFake.key(image): .string(setting)]])
        }
        try engine.settle()
    }

    func advance(_ seconds: Int64) throws { try engine.advance(seconds: seconds, context: .user) }

    func deployment() throws -> JSONValue { try store.get(.deployment, namespace: "default", name: "web") }

    /// ReplicaSets in order of creation in the log (A, B, C, …), existing ones only.
    func replicaSets() throws -> [JSONValue] {
        let order = try creationOrder()
        return try store.list(.replicaSet, namespace: "default")
            .sorted { (order.firstIndex(of: $0.name) ?? .max) < (order.firstIndex(of: $1.name) ?? .max) }
    }

    func specs() throws -> [Int] { try replicaSets().map { $0[path: ["spec", "replicas"]]?.intValue ?? 0 } }

    private func creationOrder() throws -> [String] {
        try store.readEvents(EventFilter(kind: "ReplicaSet")).filter { $0.verb == .create }.map(\.name)
    }

    /// The spec vector (in creation order) after every Deployment sync that changed a ReplicaSet's replicas.
    func rolloutSteps() throws -> [[Int]] {
        var order: [String] = []
        var specs: [String: Int] = [:]
        var steps: [[Int]] = []
        var lastCause: Int64?
        func snapshot() {
            let state = order.map { specs[$0] ?? 0 }
            if steps.last != state { steps.append(state) }
        }
        for event in try store.readEvents(EventFilter(kind: "ReplicaSet")) where event.actor == DeploymentController.name {
            guard event.verb != .delete, let text = event.object else { continue }
            if event.cause != lastCause, lastCause != nil { snapshot() }
            lastCause = event.cause
            if !order.contains(event.name) { order.append(event.name) }
            specs[event.name] = try JSONValue.parse(text)[path: ["spec", "replicas"]]?.intValue ?? 0
        }
        if lastCause != nil { snapshot() }
        return steps
    }

    /// Messages of the Deployment's events with `reason`, in the order they happened (repeats included).
    func eventMessages(reason: String = "ScalingReplicaSet") throws -> [String] {
        try store.readEvents(EventFilter(kind: "Event")).compactMap { event -> String? in
            guard event.verb == .create || event.verb == .update, let text = event.object,
                  case let object = try JSONValue.parse(text),
                  object["reason"]?.stringValue == reason,
                  object[path: ["involvedObject", "kind"]]?.stringValue == "Deployment" else { return nil }
            return object["message"]?.stringValue
        }
    }

    /// The Deployment condition of `type`.
    func condition(_ type: String) throws -> JSONValue? {
        try deployment()[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type }
    }

    /// `(status, reason)` of the condition of `type`.
    func conditionState(_ type: String) throws -> [String] {
        guard let c = try condition(type) else { return [] }
        return [c["status"]?.stringValue ?? "", c["reason"]?.stringValue ?? ""]
    }

    func status(_ field: String) throws -> Int { try deployment()[path: ["status", field]]?.intValue ?? 0 }
}

/// Asserts a ReplicaSet name has the form `web-<hash>` with the hash alphabet digits map to.
func assertReplicaSetName(_ name: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertNotNil(name.range(of: "^web-[4-9bcdf]{1,10}$", options: .regularExpression), "bad RS name \(name)",
                    file: file, line: line)
}

extension DeploymentScenario {
    /// The Progressing reasons D's status went through, in order (consecutive repeats collapsed).
    func progressingReasons() throws -> [String] {
        var reasons: [String] = []
        for event in try store.readEvents(EventFilter(kind: "Deployment")) where event.verb == .status {
            guard let text = event.object else { continue }
            let conditions = try JSONValue.parse(text)[path: ["status", "conditions"]]?.arrayValue ?? []
            guard let reason = conditions.first(where: { $0["type"] == "Progressing" })?["reason"]?.stringValue else { continue }
            if reasons.last != reason { reasons.append(reason) }
        }
        return reasons
    }

    /// Log events written by the Deployment controller about `kind`.
    func controllerWrites(kind: String) throws -> [LogEvent] {
        try store.readEvents(EventFilter(kind: kind)).filter { $0.actor == DeploymentController.name }
    }

    /// Replaces D's template with a ReplicaSet's (minus the hash label), as `kubectl rollout undo` does.
    func undo(to rs: JSONValue) throws {
        var template = rs[path: ["spec", "template"]] ?? .emptyObject
        template[path: ["metadata", "labels", "pod-template-hash"]] = nil
        _ = try store.patch(.deployment, namespace: "default", name: "web",
                            patch: [["op": "replace", "path": "/spec/template", "value": template]], type: .json)
        try engine.settle()
    }
}
