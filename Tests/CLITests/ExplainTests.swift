import XCTest
import Foundation
import Model
import Controllers
@testable import CLI
@testable import Store

/// `logbook explain`: an object's events, each with its chain of causes back to a person's request.
final class ExplainTests: CLITestCase {
    override var controllers: Bool { false }

    /// A Deployment made and then given a new image, with the real controllers settling after each
    /// request. Returns the seq of the image patch.
    func rollOutNewImage() throws -> Int64 {
        let store = try Store.open(path: db, mode: .write)
        let engine = try ControllerEngine(store: store, reconcilers: StandardControllers.all())
        _ = try store.create(["apiVersion": "apps/v1", "kind": "Deployment",
                              "metadata": ["name": "web", "labels": ["app": "web"]],
                              "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                                       "template": RolloutFixture.template(image: "nginx:1.24")]])
        try engine.settle()
        _ = try store.patch(.deployment, namespace: "default", name: "web", patch: [
            "spec": ["template": ["spec": ["containers": [["name": "nginx", "image": "nginx:1.25"]]]]],
        ], type: .strategic)
        let patchSeq = try store.lastSeq()
        try engine.settle()
        return patchSeq
    }

    func testAPodMadeThroughADeploymentIsTracedBackToTheImageChange() throws {
        let patchSeq = try rollOutNewImage()
        let store = try Store.open(path: db, mode: .read)
        // The new ReplicaSet, and the first pod it created.
        let newSet = try XCTUnwrap(store.readEvents(EventFilter(kind: "ReplicaSet", since: patchSeq))
            .first { $0.verb == .create })
        let podCreate = try XCTUnwrap(store.readEvents(EventFilter(kind: "Pod", since: newSet.seq))
            .first { $0.verb == .create })
        XCTAssertTrue(podCreate.name.hasPrefix(newSet.name + "-"))

        let json = logbook("explain", "pod/\(podCreate.name)", "-o", "json")
        XCTAssertEqual(json.code, 0, json.err)
        let explained = try JSONValue.parse(json.out)
        XCTAssertEqual(explained["kind"], "Pod")
        XCTAssertEqual(explained["deleted"], false)
        let events = try XCTUnwrap(explained["events"]?.arrayValue)
        XCTAssertEqual(events.first?["seq"]?.intValue, Int(podCreate.seq))
        XCTAssertEqual(events.first?["summary"], "created")
        XCTAssertEqual(events.first?["actor"], "replicaset-controller")
        let chain = try XCTUnwrap(events.first?["causes"]?.arrayValue)
        XCTAssertEqual(chain.map { $0["seq"]?.intValue }, [Int(newSet.seq), Int(patchSeq)])
        XCTAssertEqual(chain.map { $0["actor"]?.stringValue }, ["deployment-controller", "kubernetes-admin"])
        XCTAssertEqual(chain.map { $0["summary"]?.stringValue }, ["created", "image nginx:1.24→nginx:1.25"])
        XCTAssertEqual(chain.last?["cause"], .null, "the chain ends at the person's request")
        // Every later event of the pod is there too: the scheduler's binding, the kubelet's status.
        XCTAssertTrue(events.contains { $0["verb"] == "bind" && $0["summary"]?.stringValue?.hasPrefix("bound to node-") == true })
        XCTAssertTrue(events.contains { $0["summary"]?.stringValue?.contains("status.phase Pending→Running") == true })

        let text = logbook("explain", "pod", podCreate.name)
        XCTAssertEqual(text.code, 0, text.err)
        let lines = text.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(lines[0], "Pod default/\(podCreate.name): \(events.count) events")
        XCTAssertTrue(lines[2].hasPrefix("seq \(podCreate.seq)  \(podCreate.time)  replicaset-controller"), lines[2])
        XCTAssertTrue(lines[2].hasSuffix("create  created"), lines[2])
        XCTAssertEqual(lines[3], "    ← seq \(newSet.seq)  deployment-controller create ReplicaSet \(newSet.name): created")
        XCTAssertEqual(lines[4], "    ← seq \(patchSeq)  kubernetes-admin patch Deployment web: image nginx:1.24→nginx:1.25  (request at 2026-01-01T00:00:00Z)")
        // The binding was caused by the pod's creation, already shown: not repeated.
        let bind = try XCTUnwrap(lines.firstIndex { $0.contains(" bind ") })
        XCTAssertEqual(lines[bind + 1], "    ← (see seq \(podCreate.seq))")
    }

    func testTheDeploymentItselfShowsThePersonsRequestsWithoutCauses() throws {
        let patchSeq = try rollOutNewImage()
        let out = logbook("explain", "deployments", "web", "--until", String(patchSeq)).out
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[1].hasPrefix("seq 10 "), lines[1])
        XCTAssertTrue(lines[1].contains("kubernetes-admin") && lines[1].hasSuffix("create  created"), lines[1])
        XCTAssertTrue(lines.last!.hasPrefix("seq \(patchSeq) "), "--until stops at the patch")
        XCTAssertTrue(lines.last!.hasSuffix("patch   image nginx:1.24→nginx:1.25"), lines.last!)
        XCTAssertTrue(lines.contains { $0.contains("status  Progressing=True") }, out)
    }

    func testADeletedObjectIsExplainedFromItsEventsInTheLog() throws {
        let file = folder.file("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {color: red}\n")
        XCTAssertEqual(logbook("create", "-f", file).code, 0)
        XCTAssertEqual(logbook("patch", "configmap", "settings", "-p", #"{"data":{"color":"blue"}}"#).code, 0)
        XCTAssertEqual(logbook("delete", "cm", "settings").code, 0)

        let result = logbook("explain", "cm/settings")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, """
            ConfigMap default/settings: 3 events, deleted at seq 12

            seq 10  2026-01-01T00:00:00Z  kubernetes-admin  create  created
            seq 11  2026-01-01T00:00:00Z  kubernetes-admin  patch   data.color red→blue
            seq 12  2026-01-01T00:00:00Z  kubernetes-admin  delete  deleted

            """)
        let json = try JSONValue.parse(logbook("explain", "cm/settings", "-o", "json").out)
        XCTAssertEqual(json["deletedAt"], 12)
        XCTAssertEqual(logbook("explain", "cm/settings", "--until", "11").out.split(separator: "\n").first,
                       "ConfigMap default/settings: 2 events")
    }

    func testUnknownObjectsAndBadArgumentsAreClearErrors() throws {
        let file = folder.file("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n")
        XCTAssertEqual(logbook("create", "-f", file).code, 0)
        let missing = logbook("explain", "pod/nothing")
        XCTAssertEqual(missing.code, 1)
        XCTAssertEqual(missing.err, "error: the log has no events for pods \"nothing\" in namespace \"default\"\n")
        let twoObjects = logbook("explain", "pod", "a", "b")
        XCTAssertEqual(twoObjects.code, 1)
        XCTAssertTrue(twoObjects.err.hasPrefix("error: explain takes exactly one object"), twoObjects.err)
        let unknownKind = logbook("explain", "widgets/a")
        XCTAssertEqual(unknownKind.err, "Error from server (NotFound): the server doesn't have a resource type \"widgets\"\n")
        XCTAssertEqual(unknownKind.code, 1)
        let badPoint = logbook("explain", "ns/x", "--until", "yesterday")
        XCTAssertEqual(badPoint.code, 1)
        XCTAssertTrue(badPoint.err.contains("invalid argument \"yesterday\" for \"--until\" flag"), badPoint.err)
        let beyond = logbook("explain", "ns/x", "--until", "500")
        XCTAssertEqual(beyond.err, "error: seq 500 is beyond the end of the log: the newest event is seq 10\n")
    }
}
