import XCTest
import Model
import Store
import Controllers

final class GarbageCollectorTests: ControllerTestCase {
    func owner(_ store: Store) throws -> JSONValue {
        try store.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "owner"]])
    }

    func rs(_ store: Store) throws -> JSONValue {
        try store.create(["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": ["name": "web-1", "labels": ["app": "web"]],
                          "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "web"]],
                                   "template": ["metadata": ["labels": ["app": "web"]],
                                                "spec": ["containers": [["name": "app", "image": "nginx"]]]]]])
    }

    func testBackgroundDeletionRemovesDependentsWithCause() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: [GarbageCollector()])
        let set = try rs(store)
        _ = try store.create(pod("p1", owner: set))
        _ = try store.create(pod("p2", owner: set))
        try engine.settle()
        try store.delete(.replicaSet, namespace: "default", name: "web-1")
        let deletion = try store.lastSeq()
        try engine.settle()
        XCTAssertEqual(try store.list(.pod), [])
        let removals = try store.readEvents(EventFilter(kind: "Pod", since: deletion))
        XCTAssertEqual(removals.map(\.verb), [.delete, .delete])
        XCTAssertEqual(Set(removals.map(\.actor)), ["garbage-collector"])
        XCTAssertEqual(Set(removals.compactMap(\.cause)), [deletion])
    }

    func testOrphanKeepsDependentsWithoutTheirOwner() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: [GarbageCollector()])
        let set = try rs(store)
        _ = try store.create(pod("p1", owner: set))
        try store.delete(.replicaSet, namespace: "default", name: "web-1", options: DeleteOptions(propagation: .orphan))
        try engine.settle()
        XCTAssertNil(try store.fetch(.replicaSet, namespace: "default", name: "web-1"))
        let orphan = try store.get(.pod, namespace: "default", name: "p1")
        XCTAssertEqual(orphan.ownerReferences, [])
    }

    func testForegroundKeepsTheOwnerUntilDependentsAreGone() throws {
        let store = try makeStore()
        let set = try rs(store)
        _ = try store.create(pod("p1", owner: set))
        let marked = try store.delete(.replicaSet, namespace: "default", name: "web-1", options: DeleteOptions(propagation: .foreground))
        XCTAssertNotNil(marked.deletionTimestamp)
        XCTAssertEqual(marked[path: ["metadata", "finalizers"]], ["foregroundDeletion"])
        XCTAssertNotNil(try store.fetch(.replicaSet, namespace: "default", name: "web-1"))
        let engine = try ControllerEngine(store: store, reconcilers: [GarbageCollector()])
        try engine.settle()
        XCTAssertNil(try store.fetch(.pod, namespace: "default", name: "p1"))
        XCTAssertNil(try store.fetch(.replicaSet, namespace: "default", name: "web-1"))
        XCTAssertTrue(try store.verify().isClean)
    }

    func testOwnersOfOtherKindsAndLiveOwnersAreLeftAlone() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: [GarbageCollector()])
        let configMap = try owner(store)
        _ = try store.create(pod("kept", owner: configMap))
        try engine.settle()
        XCTAssertNotNil(try store.fetch(.pod, namespace: "default", name: "kept"))
    }
}

final class ForegroundCascadeTests: ControllerTestCase {
    func testADeploymentDeletedInTheForegroundStaysUntilItsPodsAreGone() throws {
        let store = try makeStore()
        let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        _ = try store.create(["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
                              "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                                       "template": ["metadata": ["labels": ["app": "web"]],
                                                    "spec": ["containers": [["name": "app", "image": "nginx"]]]]]])
        try engine.settle()
        XCTAssertEqual(try store.list(.pod).count, 2)
        let marked = try store.delete(.deployment, namespace: "default", name: "web", options: DeleteOptions(propagation: .foreground))
        XCTAssertEqual(marked[path: ["metadata", "finalizers"]], ["foregroundDeletion"])
        try engine.settle()
        // The pods are terminating (30 s grace): the ReplicaSet and the Deployment wait for them.
        XCTAssertNotNil(try store.fetch(.deployment, namespace: "default", name: "web"))
        XCTAssertNotNil(try store.fetch(.replicaSet, namespace: "default", name: try store.list(.replicaSet)[0].name))
        try engine.advance(seconds: 31, context: .user)
        XCTAssertEqual(try store.list(.pod), [])
        XCTAssertEqual(try store.list(.replicaSet), [])
        XCTAssertNil(try store.fetch(.deployment, namespace: "default", name: "web"))
        XCTAssertTrue(try store.verify().isClean)
    }
}
