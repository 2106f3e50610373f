import XCTest
import Foundation
import Model
@testable import CLI
@testable import Store

/// The CLI's commands, run in-process on a fresh database, checked the way a user reads them.
final class CommandTests: CLITestCase {
    override var controllers: Bool { false }

    func eventCount() throws -> Int64 { try Store.open(path: db, mode: .read).lastSeq() }

    let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 3
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: nginx
                image: nginx:1.24
                env:
                - {name: A, value: "1"}
                - {name: B, value: "2"}
        """

    func testApplyCreatesThenReportsUnchangedThenConfigured() throws {
        let file = folder.file("web.yaml", deployment)
        XCTAssertEqual(logbook("apply", "-f", file).out, "deployment.apps/web created\n")
        let created = try Store.open(path: db, mode: .read).get(.deployment, namespace: "default", name: "web")
        let lastApplied = try XCTUnwrap(created.annotations["kubectl.kubernetes.io/last-applied-configuration"])
        XCTAssertTrue(lastApplied.hasPrefix(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"}"#), lastApplied)
        XCTAssertTrue(lastApplied.hasSuffix("}\n"))
        let length = try eventCount()
        XCTAssertEqual(logbook("apply", "-f", file).out, "deployment.apps/web unchanged\n")
        XCTAssertEqual(try eventCount(), length, "unchanged appends nothing")

        // Change the image and drop env var A: a three-way strategic merge.
        _ = folder.file("web.yaml", deployment.replacingOccurrences(of: "nginx:1.24", with: "nginx:1.25")
            .replacingOccurrences(of: "        - {name: A, value: \"1\"}\n", with: ""))
        XCTAssertEqual(logbook("apply", "-f", file).out, "deployment.apps/web configured\n")
        let live = try Store.open(path: db, mode: .read).get(.deployment, namespace: "default", name: "web")
        let container = live[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        XCTAssertEqual(container?["image"], "nginx:1.25")
        XCTAssertEqual(container?["env"], [["name": "B", "value": "2"]])
        XCTAssertEqual(live.generation, 2)
        let last = try Store.open(path: db, mode: .read).readEvents(EventFilter(since: try eventCount() - 1))[0]
        XCTAssertEqual(last.verb, .patch)
    }

    func testApplyKeepsFieldsOthersSet() throws {
        let file = folder.file("web.yaml", deployment)
        logbook("apply", "-f", file)
        logbook("label", "deployment", "web", "owner=ops")
        _ = folder.file("web.yaml", deployment.replacingOccurrences(of: "replicas: 3", with: "replicas: 4"))
        XCTAssertEqual(logbook("apply", "-f", file).out, "deployment.apps/web configured\n")
        let live = try Store.open(path: db, mode: .read).get(.deployment, namespace: "default", name: "web")
        XCTAssertEqual(live.labels, ["app": "web", "owner": "ops"])
        XCTAssertEqual(live[path: ["spec", "replicas"]], 4)
    }

    func testMalformedYAMLNamesTheLineAndAppendsNothing() throws {
        logbook("init")
        let length = try eventCount()
        let file = folder.file("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: oops: [\n")
        let result = logbook("apply", "-f", file)
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.contains("bad.yaml"), result.err)
        XCTAssertTrue(result.err.contains("line 5"), result.err)
        XCTAssertEqual(try eventCount(), length)
    }

    func testAFileWithOneBadDocumentAppendsNothing() throws {
        logbook("init")
        let length = try eventCount()
        let file = folder.file("mixed.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good}\n---\nkind: [broken\n")
        XCTAssertEqual(logbook("create", "-f", file).code, 1)
        XCTAssertEqual(try eventCount(), length)
    }

    func testStdinAndDirectories() throws {
        let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-stdin}\ndata: {a: b}\n"
        XCTAssertEqual(logbook("create", "-f", "-", input: cm).out, "configmap/from-stdin created\n")
        let dir = folder.url.appendingPathComponent("manifests")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b-one}\n".write(to: dir.appendingPathComponent("b.yaml"), atomically: true, encoding: .utf8)
        try #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a-one"}}"#.write(to: dir.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try "ignored".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        XCTAssertEqual(logbook("apply", "-f", dir.path).out, "configmap/a-one created\nconfigmap/b-one created\n")
    }

    func testPatchTypes() throws {
        logbook("apply", "-f", folder.file("web.yaml", deployment))
        XCTAssertEqual(logbook("patch", "deployment", "web", "-p", #"{"spec":{"replicas":5}}"#).out, "deployment.apps/web patched\n")
        XCTAssertEqual(logbook("patch", "deploy/web", "--type=merge", "-p", "metadata: {labels: {tier: front}}").out,
                       "deployment.apps/web patched\n")
        XCTAssertEqual(logbook("patch", "deploy/web", "--type", "json", "-p", #"[{"op":"replace","path":"/spec/replicas","value":2}]"#).out,
                       "deployment.apps/web patched\n")
        let live = try Store.open(path: db, mode: .read).get(.deployment, namespace: "default", name: "web")
        XCTAssertEqual(live[path: ["spec", "replicas"]], 2)
        XCTAssertEqual(live.labels["tier"], "front")

        let length = try eventCount()
        let bad = logbook("patch", "deploy/web", "--type=json", "-p", #"[{"op":"replace","path":"/spec/nothing/here","value":1}]"#)
        XCTAssertEqual(bad.code, 1)
        XCTAssertTrue(bad.err.hasPrefix("Error from server (BadRequest):"), bad.err)
        let notJSON = logbook("patch", "deploy/web", "-p", "{not: [valid")
        XCTAssertEqual(notJSON.code, 1)
        XCTAssertEqual(try eventCount(), length)
    }

    func testLabelAndAnnotateFollowKubectlsOverwriteRule() throws {
        logbook("apply", "-f", folder.file("web.yaml", deployment))
        XCTAssertEqual(logbook("label", "deployment", "web", "tier=frontend").out, "deployment.apps/web labeled\n")
        let refused = logbook("label", "deployment", "web", "tier=backend")
        XCTAssertEqual(refused.code, 1)
        XCTAssertEqual(refused.err, "error: 'tier' already has a value (frontend), and --overwrite is false\nSee 'logbook label --help' for usage.\n")
        XCTAssertEqual(logbook("label", "deploy/web", "tier=backend", "--overwrite").out, "deployment.apps/web labeled\n")
        XCTAssertEqual(logbook("label", "deploy", "web", "tier-").out, "deployment.apps/web unlabeled\n")
        XCTAssertEqual(logbook("annotate", "deploy", "web", "team=blue").out, "deployment.apps/web annotated\n")
        let again = logbook("annotate", "deploy", "web", "team=red")
        XCTAssertTrue(again.err.hasPrefix("error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (blue)"), again.err)
        let live = try Store.open(path: db, mode: .read).get(.deployment, namespace: "default", name: "web")
        XCTAssertNil(live.labels["tier"])
        XCTAssertEqual(live.annotations["team"], "blue")
        let stale = logbook("annotate", "deploy", "web", "x=y", "--resource-version=3")
        XCTAssertEqual(stale.code, 1)
        XCTAssertTrue(stale.err.hasPrefix("Error from server (Conflict): Operation cannot be fulfilled on deployments.apps \"web\""), stale.err)
    }

    func testReplaceWithAStaleResourceVersionIsAConflict() throws {
        logbook("apply", "-f", folder.file("web.yaml", deployment))
        let yaml = logbook("get", "deployment", "web", "-o", "yaml").out
        let file = folder.file("live.yaml", yaml.replacingOccurrences(of: "replicas: 3", with: "replicas: 6"))
        XCTAssertEqual(logbook("replace", "-f", file).out, "deployment.apps/web replaced\n")
        let length = try eventCount()
        let stale = logbook("replace", "-f", file)
        XCTAssertEqual(stale.code, 1)
        XCTAssertEqual(stale.err, "Error from server (Conflict): error when replacing \"\(file)\": Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again\n")
        XCTAssertEqual(try eventCount(), length)
    }

    func testGetOutputs() throws {
        logbook("apply", "-f", folder.file("web.yaml", deployment))
        XCTAssertEqual(logbook("get", "deploy", "-o", "name").out, "deployment.apps/web\n")
        let json = logbook("get", "deployment", "web", "-o", "json").out
        XCTAssertEqual(try JSONValue.parse(json).name, "web")
        let list = try JSONValue.parse(logbook("get", "deployments", "-o", "json").out)
        XCTAssertEqual(list.kind, "List")
        XCTAssertEqual(list["items"]?.arrayValue?.count, 1)
        XCTAssertEqual(logbook("get", "pods").err, "No resources found in default namespace.\n")
        XCTAssertEqual(logbook("get", "pods", "-n", "kube-system").err, "No resources found in kube-system namespace.\n")
        XCTAssertEqual(logbook("get", "deploy", "-l", "app=nope", "-o", "name").out, "")
        XCTAssertEqual(logbook("get", "deploy", "-l", "app in (web,api)", "-o", "name").out, "deployment.apps/web\n")
        let unknown = logbook("get", "widgets")
        XCTAssertEqual(unknown.code, 1)
        XCTAssertEqual(unknown.err, "Error from server (NotFound): the server doesn't have a resource type \"widgets\"\n")
        XCTAssertEqual(logbook("get", "ns", "-o", "name").out,
                       "namespace/default\nnamespace/kube-node-lease\nnamespace/kube-public\nnamespace/kube-system\n")
    }

    func testDeleteByNameFileAndSelector() throws {
        let file = folder.file("web.yaml", deployment)
        logbook("apply", "-f", file)
        XCTAssertEqual(logbook("delete", "-f", file).out, "deployment.apps \"web\" deleted\n")
        logbook("apply", "-f", file)
        XCTAssertEqual(logbook("delete", "deployments", "-l", "app=web").out, "deployment.apps \"web\" deleted\n")
        let missing = logbook("delete", "deployment", "web")
        XCTAssertEqual(missing.err, "Error from server (NotFound): deployments.apps \"web\" not found\n")
        XCTAssertEqual(logbook("delete", "deployment", "web", "--ignore-not-found").code, 0)
    }

    func testLogFilters() throws {
        logbook("apply", "-f", folder.file("web.yaml", deployment))
        logbook("advance", "90s")
        logbook("label", "deploy", "web", "x=y")
        let table = logbook("log", "--kind", "deploy").out.split(separator: "\n")
        XCTAssertEqual(table.count, 3)
        XCTAssertTrue(table[0].hasPrefix("SEQ"))
        XCTAssertTrue(table[1].contains("create") && table[1].contains("Deployment default/web"))
        XCTAssertTrue(table[2].contains("2026-01-01T00:01:30Z") && table[2].contains("patch"))
        let json = logbook("log", "--name", "web", "-o", "json").out.split(separator: "\n")
        XCTAssertEqual(json.count, 2)
        let first = try JSONValue.parse(String(json[0]))
        for key in ["seq", "time", "actor", "verb", "kind", "namespace", "name", "cause"] { XCTAssertNotNil(first[key], key) }
        XCTAssertEqual(logbook("log", "--since", "10", "-o", "json").out.split(separator: "\n").count, 2)
    }

    func testEveryCommandHasHelp() {
        for command in Logbook.commands {
            let help = logbook(command.name, "--help")
            XCTAssertEqual(help.code, 0)
            XCTAssertTrue(help.out.contains("Usage: logbook"), command.name)
        }
        XCTAssertTrue(logbook("help").out.contains("apply"))
    }

    func testAdvanceMovesTheClock() {
        XCTAssertEqual(logbook("advance", "1h30m").out, "clock advanced 1h30m0s to 2026-01-01T01:30:00Z\n")
        XCTAssertEqual(logbook("advance", "soon").code, 1)
    }
}
