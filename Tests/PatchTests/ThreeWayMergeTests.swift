import XCTest
import Model
@testable import Patch

/// kubectl client-side apply: `threeWay(original: last-applied, modified: manifest, current: live)`.
final class ThreeWayMergeTests: XCTestCase {
    private static let lastAppliedKey = "kubectl.kubernetes.io/last-applied-configuration"

    /// A Deployment manifest with the given containers and optional strategy.
    private func manifest(_ containers: String, strategy: String? = nil) -> JSONValue {
        var spec = #""replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":\#(containers)}}"#
        if let strategy { spec += #","strategy":\#(strategy)"# }
        return json(#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","labels":{"app":"web"}},"spec":{\#(spec)}}"#)
    }

    /// `modified` as kubectl sends it: the manifest plus the last-applied annotation of itself.
    private func withAnnotation(_ manifest: JSONValue) -> JSONValue {
        var copy = manifest
        copy[path: ["metadata", "annotations"]] = [Self.lastAppliedKey: .string(manifest.canonicalString() + "\n")]
        return copy
    }

    /// The live object: what the server made of `applied`, with defaults and status.
    private func live(_ applied: JSONValue) -> JSONValue {
        var object = applied
        object[path: ["metadata", "uid"]] = "u-1"
        object[path: ["metadata", "resourceVersion"]] = "7"
        object[path: ["metadata", "generation"]] = 1
        object[path: ["spec", "revisionHistoryLimit"]] = 10
        object[path: ["spec", "template", "spec", "restartPolicy"]] = "Always"
        if object[path: ["spec", "strategy"]] == nil {
            object[path: ["spec", "strategy"]] = json(#"{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}"#)
        }
        var containers = object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        for index in containers.indices {
            containers[index]["imagePullPolicy"] = "IfNotPresent"
            containers[index]["terminationMessagePath"] = "/dev/termination-log"
        }
        object[path: ["spec", "template", "spec", "containers"]] = .array(containers)
        object["status"] = json(#"{"replicas":3,"conditions":[{"type":"Available","status":"True"}]}"#)
        return object
    }

    private func threeWay(_ old: JSONValue, _ new: JSONValue, _ current: JSONValue) throws(PatchError) -> JSONValue {
        try StrategicMergePatch.threeWay(original: old, modified: withAnnotation(new), current: current, kind: "Deployment")
    }

    func testImageChangeProducesTheObservedBody() throws {
        let old = manifest(#"[{"name":"nginx","image":"nginx:1.24"}]"#)
        let new = manifest(#"[{"name":"nginx","image":"nginx:1.25"}]"#)
        let current = live(withAnnotation(old))
        let patch = try threeWay(old, new, current)
        let annotation = JSONValue.string(new.canonicalString() + "\n")
        XCTAssertEqual(patch, [
            "metadata": ["annotations": [.init(stringLiteral: Self.lastAppliedKey): annotation]],
            "spec": ["template": ["spec": [
                "$setElementOrder/containers": [["name": "nginx"]],
                "containers": [["image": "nginx:1.25", "name": "nginx"]],
            ]]],
        ])
        let applied = try StrategicMergePatch.apply(patch, to: current, kind: "Deployment")
        XCTAssertEqual(applied[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.25")
        XCTAssertEqual(applied[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["imagePullPolicy"],
                       "IfNotPresent", "server defaults survive")
    }

    func testUnchangedManifestGivesEmptyPatch() throws {
        let old = manifest(#"[{"name":"nginx","image":"nginx:1.24","env":[{"name":"A","value":"1"}]}]"#)
        let patch = try threeWay(old, old, live(withAnnotation(old)))
        XCTAssertEqual(patch, .emptyObject)
    }

    func testHarderChangeProducesTheObservedDirectives() throws {
        let old = manifest(#"[{"name":"nginx","image":"nginx","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}]},{"name":"sidecar","image":"busybox"}]"#,
                           strategy: #"{"type":"Recreate"}"#)
        let new = manifest(#"[{"name":"nginx","image":"nginx","env":[{"name":"B","value":"3"}]}]"#,
                           strategy: #"{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}"#)
        let current = live(withAnnotation(old))
        var patch = try threeWay(old, new, current)
        patch["metadata"] = nil
        assertJSON(patch, #"""
        {"spec":{"strategy":{"$retainKeys":["rollingUpdate","type"],"rollingUpdate":{"maxSurge":1},"type":"RollingUpdate"},
         "template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
           "containers":[{"$setElementOrder/env":[{"name":"B"}],"env":[{"name":"B","value":"3"},{"$patch":"delete","name":"A"}],"name":"nginx"},
                         {"$patch":"delete","name":"sidecar"}]}}}}
        """#)
        let applied = try StrategicMergePatch.apply(try threeWay(old, new, current), to: current, kind: "Deployment")
        assertJSON(applied[path: ["spec", "strategy"]]!, #"{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}"#)
        assertJSON(applied[path: ["spec", "template", "spec", "containers"]]!,
                   #"[{"name":"nginx","image":"nginx","env":[{"name":"B","value":"3"}],"imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log"}]"#)
    }

    func testAddedContainerAndRemovedField() throws {
        let old = manifest(#"[{"name":"nginx","image":"nginx","args":["-v"]}]"#)
        let new = manifest(#"[{"name":"nginx","image":"nginx"},{"name":"log","image":"fluent"}]"#)
        let current = live(withAnnotation(old))
        let patch = try threeWay(old, new, current)
        assertJSON(patch[path: ["spec", "template", "spec"]]!, #"""
        {"$setElementOrder/containers":[{"name":"nginx"},{"name":"log"}],
         "containers":[{"args":null,"name":"nginx"},{"image":"fluent","name":"log"}]}
        """#)
        let applied = try StrategicMergePatch.apply(patch, to: current, kind: "Deployment")
        let containers = applied[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        XCTAssertEqual(containers.map { $0["name"] }, ["nginx", "log"])
        XCTAssertNil(containers[0]["args"])
    }

    func testServerSetFieldsAreKept() throws {
        let old = manifest(#"[{"name":"nginx","image":"nginx"}]"#)
        var new = manifest(#"[{"name":"nginx","image":"nginx"}]"#)
        new[path: ["spec", "replicas"]] = 5
        let current = live(withAnnotation(old))
        let patch = try threeWay(old, new, current)
        XCTAssertEqual(patch[path: ["spec", "replicas"]], 5)
        XCTAssertNil(patch["status"])
        XCTAssertNil(patch[path: ["spec", "revisionHistoryLimit"]])
        let applied = try StrategicMergePatch.apply(patch, to: current, kind: "Deployment")
        XCTAssertEqual(applied[path: ["spec", "revisionHistoryLimit"]], 10)
        XCTAssertEqual(applied.uid, "u-1")
        XCTAssertNotNil(applied["status"])
    }

    func testRemovedLabelAndChangedByOthers() throws {
        var old = manifest(#"[{"name":"nginx","image":"nginx"}]"#)
        old[path: ["metadata", "labels", "tier"]] = "fe"
        let new = manifest(#"[{"name":"nginx","image":"nginx"}]"#)
        var current = live(withAnnotation(old))
        current[path: ["metadata", "labels", "owner"]] = "ops"
        let patch = try threeWay(old, new, current)
        XCTAssertEqual(patch[path: ["metadata", "labels"]], ["tier": nil])
        let applied = try StrategicMergePatch.apply(patch, to: current, kind: "Deployment")
        XCTAssertEqual(applied.labels, ["app": "web", "owner": "ops"])
    }

    func testWithoutLastAppliedNothingIsDeleted() throws {
        let new = manifest(#"[{"name":"nginx","image":"nginx:2"}]"#)
        var current = live(manifest(#"[{"name":"nginx","image":"nginx:1"}]"#))
        current[path: ["metadata", "labels", "extra"]] = "x"
        let patch = try StrategicMergePatch.threeWay(original: nil, modified: new, current: current, kind: "Deployment")
        XCTAssertNil(patch[path: ["metadata", "labels"]])
        XCTAssertEqual(patch[path: ["spec", "template", "spec", "containers"]], [["image": "nginx:2", "name": "nginx"]])
    }

    func testTwoWayMatchesSetImageBody() throws {
        let old = live(manifest(#"[{"name":"nginx","image":"nginx:1.24"}]"#))
        var new = old
        new[path: ["spec", "template", "spec", "containers"]] = json(#"[{"name":"nginx","image":"nginx:1.25","imagePullPolicy":"IfNotPresent","terminationMessagePath":"/dev/termination-log"}]"#)
        assertJSON(try StrategicMergePatch.twoWay(original: old, modified: new, kind: "Deployment"),
                   #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}"#)
    }
}
