import XCTest
import Model
@testable import Patch

/// Strategic merge patch applied by the server: merge keys from the schema and every directive.
final class StrategicMergePatchTests: XCTestCase {
    private func apply(_ patch: String, _ target: String, kind: String = "Deployment") throws(PatchError) -> JSONValue {
        try StrategicMergePatch.apply(json(patch), to: json(target), kind: kind)
    }

    private func assertError(_ patch: String, _ target: String, kind: String = "Deployment", contains text: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        do {
            let result = try apply(patch, target, kind: kind)
            XCTFail("expected an error, got \(result)", file: file, line: line)
        } catch {
            XCTAssertTrue(error.message.contains(text), "message: \(error.message)", file: file, line: line)
        }
    }

    private let deployment = #"""
    {"spec":{"replicas":3,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}},
     "template":{"spec":{"containers":[
       {"name":"nginx","image":"nginx:1.24","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
        "ports":[{"containerPort":80,"protocol":"TCP"}]},
       {"name":"sidecar","image":"busybox"}]}}}}
    """#

    func testSetImageBodyFromSpecChangesOnlyThatContainer() throws {
        let result = try apply(#"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}"#, deployment)
        let containers = result[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        XCTAssertEqual(containers.map { $0["name"] }, ["nginx", "sidecar"])
        XCTAssertEqual(containers[0]["image"], "nginx:1.25")
        XCTAssertEqual(containers[0]["env"]?.arrayValue?.count, 2, "env untouched")
        XCTAssertEqual(containers[1]["image"], "busybox")
    }

    func testHarderApplyBodyFromSpec() throws {
        let body = #"""
        {"spec":{"strategy":{"$retainKeys":["rollingUpdate","type"],"rollingUpdate":{"maxSurge":1},"type":"RollingUpdate"},
         "template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],
           "containers":[{"$setElementOrder/env":[{"name":"B"}],"env":[{"name":"B","value":"3"},{"$patch":"delete","name":"A"}],"name":"nginx"},
                         {"$patch":"delete","name":"sidecar"}]}}}}
        """#
        let result = try apply(body, deployment)
        assertJSON(result[path: ["spec", "strategy"]]!, #"{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1,"maxUnavailable":"25%"}}"#)
        assertJSON(result[path: ["spec", "template", "spec", "containers"]]!,
                   #"[{"name":"nginx","image":"nginx:1.24","env":[{"name":"B","value":"3"}],"ports":[{"containerPort":80,"protocol":"TCP"}]}]"#)
    }

    func testRetainKeysClearsUnlistedKeys() throws {
        let result = try apply(#"{"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}}"#, deployment)
        assertJSON(result[path: ["spec", "strategy"]]!, #"{"type":"Recreate"}"#)
        assertError(#"{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}}"#, deployment,
                    contains: "invalid patch format of retainKeys")
    }

    func testNullDeletesKey() throws {
        let result = try apply(#"{"spec":{"replicas":null,"paused":null}}"#, deployment)
        XCTAssertNil(result[path: ["spec", "replicas"]])
        XCTAssertNil(result[path: ["spec", "paused"]], "unmatched nulls are dropped")
    }

    func testMergeByContainerPortAndAppendNewElements() throws {
        let result = try apply(#"{"spec":{"template":{"spec":{"containers":[{"name":"nginx","ports":[{"containerPort":443},{"containerPort":80,"name":"http"}]},{"name":"log","image":"fluent"}]}}}}"#, deployment)
        let containers = result[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        // Without $setElementOrder, patched items come first in patch order, then the untouched ones.
        XCTAssertEqual(containers.map { $0["name"] }, ["nginx", "log", "sidecar"])
        assertJSON(containers[0]["ports"]!, #"[{"containerPort":443},{"containerPort":80,"name":"http","protocol":"TCP"}]"#)
    }

    func testListWithoutMergeKeyIsReplaced() throws {
        let pod = #"{"spec":{"tolerations":[{"key":"a","operator":"Exists"}],"containers":[{"name":"c","args":["x","y"]}]}}"#
        let result = try apply(#"{"spec":{"tolerations":[{"key":"b"}],"containers":[{"name":"c","args":["z"]}]}}"#, pod, kind: "Pod")
        assertJSON(result[path: ["spec", "tolerations"]]!, #"[{"key":"b"}]"#)
        assertJSON(result[path: ["spec", "containers"]]!, #"[{"name":"c","args":["z"]}]"#)
    }

    func testPatchReplaceOnMapAndList() throws {
        let replacedMap = try apply(#"{"spec":{"template":{"$patch":"replace","spec":{"containers":[{"name":"x","image":"y"}]}}}}"#, deployment, kind: "StatefulSet")
        assertJSON(replacedMap[path: ["spec", "template"]]!, #"{"spec":{"containers":[{"name":"x","image":"y"}]}}"#)
        let replacedList = try apply(#"{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"i"},{"$patch":"replace"}]}}}}"#, deployment)
        assertJSON(replacedList[path: ["spec", "template", "spec", "containers"]]!, #"[{"name":"only","image":"i"}]"#)
    }

    func testPatchDeleteOnMap() throws {
        let result = try apply(#"{"spec":{"strategy":{"$patch":"delete"}}}"#, deployment)
        assertJSON(result[path: ["spec", "strategy"]]!, "{}")
    }

    func testExplicitPatchMergeOnMapMerges() throws {
        let result = try apply(#"{"spec":{"strategy":{"$patch":"merge","type":"Recreate"}}}"#, deployment)
        XCTAssertEqual(result[path: ["spec", "strategy", "type"]], "Recreate")
        XCTAssertNotNil(result[path: ["spec", "strategy", "rollingUpdate"]])
    }

    func testPrimitiveMergeListIsSetUnionAndDeleteFromPrimitiveList() throws {
        let target = #"{"metadata":{"finalizers":["a","b"]}}"#
        assertJSON(try apply(#"{"metadata":{"finalizers":["c","a"]}}"#, target, kind: "Pod"), #"{"metadata":{"finalizers":["c","a","b"]}}"#)
        assertJSON(try apply(#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"#, target, kind: "Pod"),
                   #"{"metadata":{"finalizers":["b"]}}"#)
        assertJSON(try apply(#"{"metadata":{"$setElementOrder/finalizers":["b","c","a"],"finalizers":["c"]}}"#, target, kind: "Pod"),
                   #"{"metadata":{"finalizers":["b","c","a"]}}"#)
    }

    func testSetElementOrderReordersMergeList() throws {
        let result = try apply(#"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"nginx"}]}}}}"#, deployment)
        XCTAssertEqual(result[path: ["spec", "template", "spec", "containers"]]!.arrayValue!.map { $0["name"] }, ["sidecar", "nginx"])
    }

    func testOtherKindsUseTheirMergeKeys() throws {
        let svc = #"{"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}}"#
        let svcResult = try apply(#"{"spec":{"ports":[{"port":80,"targetPort":9090}]}}"#, svc, kind: "Service")
        assertJSON(svcResult[path: ["spec", "ports"]]!, #"[{"port":80,"targetPort":9090},{"port":443}]"#)

        let node = #"{"status":{"conditions":[{"type":"Ready","status":"False"},{"type":"MemoryPressure","status":"False"}]}}"#
        let nodeResult = try apply(#"{"status":{"conditions":[{"type":"Ready","status":"True"}]}}"#, node, kind: "Node")
        XCTAssertEqual(nodeResult[path: ["status", "conditions"]]!.arrayValue!.map { $0["status"] }, ["True", "False"])

        let owned = #"{"metadata":{"ownerReferences":[{"uid":"1","name":"a"}]}}"#
        let ownedResult = try apply(#"{"metadata":{"ownerReferences":[{"uid":"2","name":"b"}]}}"#, owned, kind: "ReplicaSet")
        XCTAssertEqual(ownedResult.ownerReferences.count, 2)

        let sts = #"{"spec":{"volumeClaimTemplates":[{"metadata":{"name":"a"}},{"metadata":{"name":"b"}}]}}"#
        let stsResult = try apply(#"{"spec":{"volumeClaimTemplates":[{"metadata":{"name":"c"}}]}}"#, sts, kind: "StatefulSet")
        assertJSON(stsResult[path: ["spec", "volumeClaimTemplates"]]!, #"[{"metadata":{"name":"c"}}]"#)
    }

    func testUnknownDirectivesAreErrors() {
        assertError(#"{"spec":{"strategy":{"$patch":"explode"}}}"#, deployment, contains: "unknown patch type: explode in map")
        assertError(#"{"spec":{"template":{"spec":{"containers":[{"$patch":"merge","name":"nginx"}]}}}}"#, deployment,
                    contains: "merging lists cannot yet be specified in the patch")
        assertError(#"{"spec":{"$frobnicate":1}}"#, deployment, contains: "$frobnicate")
        assertError(#"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#, deployment,
                    contains: "does not contain declared merge key: name")
    }

    func testNonObjectPatchIsRejected() {
        assertError(#"[1]"#, deployment, contains: "cannot unmarshal array")
    }
}
