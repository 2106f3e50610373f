import XCTest
import Model
import SQLiteKit
import Determinism
@testable import Store

final class EventLogTests: XCTestCase {
    var databases: [TemporaryDatabase] = []

    /// A path for a new database that lives as long as the test.
    func freshPath() -> String {
        let db = TemporaryDatabase()
        databases.append(db)
        return db.path
    }

    let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["a": "1"]]

    func testInitRecordsSeedStartAndBootstrapObjects() throws {
        let db = TemporaryDatabase()
        let start = Timestamp(rfc3339: "2030-05-06T07:08:09Z")!
        let store = try Store.create(path: db.path, settings: .init(seed: 99, start: start, nodes: 2))
        let first = try store.readEvents(EventFilter(limit: 1))[0]
        XCTAssertEqual(first.verb, .`init`)
        XCTAssertEqual(first.time, "2030-05-06T07:08:09Z")
        XCTAssertEqual(try JSONValue.parse(first.object!)["seed"], 99)
        XCTAssertEqual(try store.list(.namespace).map(\.name), ["default", "kube-node-lease", "kube-public", "kube-system"])
        let nodes = try store.list(.node)
        XCTAssertEqual(nodes.map(\.name), ["node-1", "node-2"])
        XCTAssertEqual(nodes[0][path: ["status", "capacity", "cpu"]], "4")
        XCTAssertEqual(nodes[0].labels["kubernetes.io/hostname"], "node-1")
        XCTAssertThrowsError(try Store.create(path: db.path, settings: .defaults))
    }

    func testSchemaVersionIsKeptInUserVersion() throws {
        let db = TemporaryDatabase()
        let store = try Store.open(path: db.path, mode: .write)
        XCTAssertEqual(try store.connection.userVersion, Store.schemaVersion)
        XCTAssertGreaterThanOrEqual(Store.schemaVersion, 1)
    }

    func testNewerSchemaIsRefusedAndNotWritten() throws {
        let db = TemporaryDatabase()
        _ = try Store.open(path: db.path, mode: .write)
        let raw = try Connection(path: db.path)
        try raw.execute("PRAGMA user_version = \(Store.schemaVersion + 5)")
        let before = try raw.scalar("SELECT count(*) FROM events")
        XCTAssertThrowsError(try Store.open(path: db.path, mode: .write)) { error in
            XCTAssertTrue("\(error)".contains("knows only up to version \(Store.schemaVersion)"), "\(error)")
        }
        XCTAssertThrowsError(try Store.open(path: db.path, mode: .read))
        XCTAssertEqual(try raw.scalar("SELECT count(*) FROM events"), before)
        XCTAssertEqual(try raw.userVersion, Store.schemaVersion + 5)
    }

    func testAReadCommandUpgradesAnOlderSchemaWithoutTouchingTheLog() throws {
        let db = TemporaryDatabase()
        let store = try Store.open(path: db.path, mode: .write)
        try store.create(configMap)
        // The database as version 7 left it: the node index without the columns 0008 added.
        let raw = try Connection(path: db.path)
        try raw.execute("DROP INDEX objects_by_node")
        try raw.execute("CREATE INDEX objects_by_node ON objects(kind, node_name) WHERE kind = 'Pod'")
        try raw.execute("PRAGMA user_version = 7")
        let events = try raw.scalar("SELECT count(*) FROM events")
        let reader = try Store.open(path: db.path, mode: .read)
        XCTAssertEqual(try reader.get(.configMap, namespace: "default", name: "settings")["data"], ["a": "1"])
        XCTAssertEqual(try raw.userVersion, Store.schemaVersion)
        XCTAssertEqual(try raw.scalar("SELECT count(*) FROM events"), events)
        XCTAssertTrue(try raw.scalar("SELECT sql FROM sqlite_master WHERE name = 'objects_by_node'")?.text?.contains("pod_ip") == true)
    }

    func testReadingAMissingDatabaseFailsClearlyAndCreatesNothing() {
        let db = TemporaryDatabase()
        XCTAssertThrowsError(try Store.open(path: db.path, mode: .read)) { error in
            XCTAssertTrue("\(error)".contains("does not exist"))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db.path))
    }

    func testTheLogRefusesUpdatesAndDeletes() throws {
        let db = TemporaryDatabase()
        let store = try Store.open(path: db.path, mode: .write)
        XCTAssertThrowsError(try store.connection.execute("UPDATE events SET actor = 'mallory'")) { error in
            XCTAssertTrue("\(error)".contains("append-only"))
        }
        XCTAssertThrowsError(try store.connection.execute("DELETE FROM events WHERE seq = 1"))
        XCTAssertEqual(try store.readEvents(EventFilter()).first?.actor, "logbook")
    }

    func testCreateAppendsOneEventWhoseSeqIsTheResourceVersion() throws {
        let db = TemporaryDatabase()
        let store = try Store.open(path: db.path, mode: .write)
        let before = try store.lastSeq()
        let created = try store.create(configMap)
        XCTAssertEqual(try store.lastSeq(), before + 1)
        XCTAssertEqual(created.resourceVersion, String(before + 1))
        XCTAssertEqual(created.namespace, "default")
        XCTAssertEqual(created.creationTimestamp, "2026-01-01T00:00:00Z")
        XCTAssertFalse(created.uid.isEmpty)
        let event = try store.readEvents(EventFilter(since: before))[0]
        XCTAssertEqual(event.verb, .create)
        XCTAssertEqual(event.kind, "ConfigMap")
        XCTAssertEqual(event.actor, "kubernetes-admin")
        XCTAssertNil(event.cause)
        XCTAssertEqual(event.object, created.canonicalString())
        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "settings"), created)
    }

    func testDuplicateCreateIsAlreadyExistsAndAppendsNothing() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        _ = try store.create(configMap)
        let length = try store.lastSeq()
        XCTAssertThrowsError(try store.create(configMap)) { error in
            XCTAssertEqual((error as? APIError)?.cliMessage, #"Error from server (AlreadyExists): configmaps "settings" already exists"#)
        }
        XCTAssertEqual(try store.lastSeq(), length)
    }

    func testMissingNamespaceIsNotFound() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        var object = configMap
        object[path: ["metadata", "namespace"]] = "nowhere"
        XCTAssertThrowsError(try store.create(object, namespace: "")) { error in
            XCTAssertEqual((error as? APIError)?.message, #"namespaces "nowhere" not found"#)
        }
    }

    func testStaleResourceVersionIsConflictNeverAnOverwrite() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        let created = try store.create(configMap)
        var first = created
        first["data"] = ["a": "2"]
        _ = try store.update(first)
        let length = try store.lastSeq()
        var stale = created
        stale["data"] = ["a": "3"]
        XCTAssertThrowsError(try store.update(stale)) { error in
            XCTAssertEqual((error as? APIError)?.reason, .conflict)
            XCTAssertEqual((error as? APIError)?.message,
                           #"Operation cannot be fulfilled on configmaps "settings": the object has been modified; please apply your changes to the latest version and try again"#)
        }
        XCTAssertEqual(try store.lastSeq(), length)
        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "settings")["data"], ["a": "2"])
    }

    func testAnUnchangedUpdateAppendsNothing() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        let created = try store.create(configMap)
        let length = try store.lastSeq()
        XCTAssertEqual(try store.update(created), created)
        XCTAssertEqual(try store.lastSeq(), length)
    }

    func testGenerationBumpsOnSpecChangesOnlyNeverOnStatus() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        let deployment: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"],
            "spec": ["replicas": 1, "selector": ["matchLabels": ["app": "web"]],
                     "template": ["metadata": ["labels": ["app": "web"]],
                                  "spec": ["containers": [["name": "nginx", "image": "nginx"]]]]],
        ]
        let created = try store.create(deployment)
        XCTAssertEqual(created.generation, 1)
        let scaled = try store.patch(.deployment, namespace: "default", name: "web", patch: ["spec": ["replicas": 4]], type: .merge)
        XCTAssertEqual(scaled.generation, 2)
        let labeled = try store.patch(.deployment, namespace: "default", name: "web",
                                      patch: ["metadata": ["labels": ["tier": "x"]]], type: .merge)
        XCTAssertEqual(labeled.generation, 2)
        let status = try store.patch(.deployment, namespace: "default", name: "web",
                                     patch: ["status": ["observedGeneration": 2, "replicas": 4]], type: .merge,
                                     subresource: .status, context: WriteContext(actor: "deployment-controller", cause: 12))
        XCTAssertEqual(status.generation, 2)
        XCTAssertEqual(status[path: ["status", "replicas"]], 4)
        let last = try store.readEvents(EventFilter(since: try store.lastSeq() - 1))[0]
        XCTAssertEqual(last.verb, .status)
        XCTAssertEqual(last.actor, "deployment-controller")
        XCTAssertEqual(last.cause, 12)
        // A main-resource write cannot change status.
        let sneaky = try store.patch(.deployment, namespace: "default", name: "web", patch: ["status": ["replicas": 99]], type: .merge)
        XCTAssertEqual(sneaky[path: ["status", "replicas"]], 4)
    }

    func testDeleteRemovesTheObjectAndRecordsItsLastState() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        _ = try store.create(configMap)
        try store.delete(.configMap, namespace: "default", name: "settings")
        XCTAssertNil(try store.fetch(.configMap, namespace: "default", name: "settings"))
        let last = try store.readEvents(EventFilter(since: try store.lastSeq() - 1))[0]
        XCTAssertEqual(last.verb, .delete)
        XCTAssertEqual(try JSONValue.parse(last.object!).name, "settings")
        XCTAssertThrowsError(try store.delete(.configMap, namespace: "default", name: "settings")) { error in
            XCTAssertEqual((error as? APIError)?.cliMessage, #"Error from server (NotFound): configmaps "settings" not found"#)
        }
        XCTAssertTrue(try store.verify().isClean)
    }

    func testAPodOnANodeTerminatesGracefully() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        _ = try store.create(["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"],
                              "spec": ["nodeName": "node-1", "containers": [["name": "c", "image": "busybox"]]]])
        let marked = try store.delete(.pod, namespace: "default", name: "p")
        XCTAssertEqual(marked.deletionTimestamp, "2026-01-01T00:00:30Z")
        XCTAssertEqual(marked[path: ["metadata", "deletionGracePeriodSeconds"]], 30)
        XCTAssertNotNil(try store.fetch(.pod, namespace: "default", name: "p"))
        XCTAssertEqual(try store.readEvents(EventFilter(since: try store.lastSeq() - 1))[0].verb, .terminate)
        try store.delete(.pod, namespace: "default", name: "p", options: DeleteOptions(gracePeriodSeconds: 0))
        XCTAssertNil(try store.fetch(.pod, namespace: "default", name: "p"), "a zero grace period forces the removal")
    }

    func testGenerateNameIsDeterministic() throws {
        func make() throws -> String {
            let store = try Store.open(path: freshPath(), mode: .write)
            return try store.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["generateName": "job-"]]).name
        }
        let name = try make()
        XCTAssertTrue(name.hasPrefix("job-"))
        XCTAssertEqual(name.count, 9)
        XCTAssertEqual(try make(), name)
    }

    func testSameRequestsGiveByteIdenticalLogs() throws {
        func run() throws -> [LogEvent] {
            let store = try Store.create(path: freshPath(), settings: .init(seed: 7, start: Store.Settings.defaults.start, nodes: 3))
            _ = try store.create(configMap)
            try store.advance(seconds: 90)
            _ = try store.patch(.configMap, namespace: "default", name: "settings", patch: ["data": ["b": "2"]], type: .merge)
            try store.delete(.configMap, namespace: "default", name: "settings")
            return try store.readEvents(EventFilter())
        }
        let a = try run(), b = try run()
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.last?.time, "2026-01-01T00:01:30Z")
    }

    func testDifferentSeedsGiveDifferentUids() throws {
        let a = try Store.create(path: freshPath(), settings: .init(seed: 1, start: Store.Settings.defaults.start, nodes: 0))
        let b = try Store.create(path: freshPath(), settings: .init(seed: 2, start: Store.Settings.defaults.start, nodes: 0))
        XCTAssertNotEqual(try a.create(configMap).uid, try b.create(configMap).uid)
    }

    func testVerifyFindsTamperedProjections() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        _ = try store.create(configMap)
        XCTAssertTrue(try store.verify().isClean)
        try store.connection.execute("UPDATE objects SET seq = seq - 1 WHERE kind = 'ConfigMap'")
        try store.connection.execute("DELETE FROM objects WHERE kind = 'Node' AND name = 'node-2'")
        try store.connection.execute("INSERT INTO objects(kind, namespace, name, api_version, uid, seq) VALUES ('Secret', 'default', 'ghost', 'v1', 'x', 1)")
        let report = try store.verify()
        XCTAssertEqual(report.differences.map(\.problem), ["changed", "missing", "unexpected"])
        XCTAssertEqual(report.differences.map(\.name), ["settings", "node-2", "ghost"])
    }

    func testClockAdvancesAreEventsAndStampNewObjects() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        try store.advance(seconds: 3600)
        XCTAssertEqual(try store.now().rfc3339, "2026-01-01T01:00:00Z")
        XCTAssertEqual(try store.create(configMap).creationTimestamp, "2026-01-01T01:00:00Z")
        XCTAssertThrowsError(try store.advance(seconds: 0))
    }

    func testDeletingANamespaceRemovesWhatItHolds() throws {
        let store = try Store.open(path: freshPath(), mode: .write)
        _ = try store.create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team"]])
        _ = try store.create(configMap, namespace: "team")
        try store.delete(.namespace, namespace: "", name: "team")
        XCTAssertNil(try store.fetch(.namespace, namespace: "", name: "team"))
        XCTAssertEqual(try store.list(.configMap, namespace: "team"), [])
        let removal = try store.readEvents(EventFilter(kind: "ConfigMap", namespace: "team")).last!
        XCTAssertEqual(removal.actor, "namespace-controller")
        XCTAssertNotNil(removal.cause)
        XCTAssertTrue(try store.verify().isClean)
    }
}
