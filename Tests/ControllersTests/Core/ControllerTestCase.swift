import XCTest
import Foundation
import Model
import Store
import Controllers

/// A fresh database with an engine over the given controllers, for scenario tests on simulated time.
class ControllerTestCase: XCTestCase {
    private var folders: [URL] = []

    func makeStore() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-ctl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        folders.append(folder)
        return try Store.open(path: folder.appendingPathComponent("c.db").path, mode: .write)
    }

    override func tearDown() {
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }

    func pod(_ name: String, cpu: String? = nil, nodeSelector: [String: String] = [:], owner: JSONValue? = nil) -> JSONValue {
        var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
                              "spec": ["containers": [["name": "app", "image": "nginx:1.25"]]]]
        if let cpu { pod[path: ["spec", "containers"]] = [["name": "app", "image": "nginx:1.25", "resources": ["requests": ["cpu": .string(cpu)]]]] }
        if !nodeSelector.isEmpty { pod[path: ["spec", "nodeSelector"]] = JSONValue.fromStringMap(nodeSelector) }
        if let owner {
            pod[path: ["metadata", "ownerReferences"]] = [["apiVersion": .string(owner.apiVersion), "kind": .string(owner.kind),
                                                          "name": .string(owner.name), "uid": .string(owner.uid),
                                                          "controller": true, "blockOwnerDeletion": true]]
        }
        return pod
    }

    func node(of pod: String, _ store: Store) throws -> String? {
        try store.fetch(.pod, namespace: "default", name: pod)?[path: ["spec", "nodeName"]]?.stringValue
    }
}
