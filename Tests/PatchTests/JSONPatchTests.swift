import XCTest
import Model
@testable import Patch

/// RFC 6902 Appendix A examples and the API server's error texts.
final class JSONPatchTests: XCTestCase {
    private func apply(_ ops: String, _ doc: String) throws(PatchError) -> JSONValue {
        try JSONPatch.apply(json(ops), to: json(doc))
    }

    private func assertError(_ ops: String, _ doc: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let result = try apply(ops, doc)
            XCTFail("expected an error, got \(result)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.message, message, file: file, line: line)
        }
    }

    func testAppendixA() throws {
        // A.1 – A.10, A.14, A.16
        assertJSON(try apply(#"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"foo":"bar"}"#), #"{"baz":"qux","foo":"bar"}"#)
        assertJSON(try apply(#"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","baz"]}"#), #"{"foo":["bar","qux","baz"]}"#)
        assertJSON(try apply(#"[{"op":"remove","path":"/baz"}]"#, #"{"baz":"qux","foo":"bar"}"#), #"{"foo":"bar"}"#)
        assertJSON(try apply(#"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","qux","baz"]}"#), #"{"foo":["bar","baz"]}"#)
        assertJSON(try apply(#"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"qux","foo":"bar"}"#), #"{"baz":"boo","foo":"bar"}"#)
        assertJSON(try apply(#"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
                             #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#),
                   #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#)
        assertJSON(try apply(#"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, #"{"foo":["all","grass","cows","eat"]}"#),
                   #"{"foo":["all","cows","eat","grass"]}"#)
        assertJSON(try apply(#"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
                             #"{"baz":"qux","foo":["a",2,"c"]}"#), #"{"baz":"qux","foo":["a",2,"c"]}"#)
        assertError(#"[{"op":"test","path":"/baz","value":"bar"}]"#, #"{"baz":"qux"}"#, "testing value /baz failed: test failed")
        assertJSON(try apply(#"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"foo":"bar"}"#),
                   #"{"foo":"bar","child":{"grandchild":{}}}"#)
        assertJSON(try apply(#"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, #"{"foo":"bar"}"#), #"{"foo":"bar","baz":"qux"}"#)
        assertError(#"[{"op":"add","path":"/baz/bat","value":"qux"}]"#, #"{"foo":"bar"}"#,
                    #"add operation does not apply: doc is missing path: "/baz/bat": missing value"#)
        assertJSON(try apply(#"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#), #"{"/":9,"~1":10}"#)
        assertError(#"[{"op":"test","path":"/~01","value":"10"}]"#, #"{"/":9,"~1":10}"#, "testing value /~01 failed: test failed")
        assertJSON(try apply(#"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar"]}"#),
                   #"{"foo":["bar",["abc","def"]]}"#)
    }

    func testPointerEscapes() throws {
        assertJSON(try apply(#"[{"op":"replace","path":"/metadata/labels/app.kubernetes.io~1name","value":"x"}]"#,
                             #"{"metadata":{"labels":{"app.kubernetes.io/name":"web"}}}"#),
                   #"{"metadata":{"labels":{"app.kubernetes.io/name":"x"}}}"#)
        assertJSON(try apply(#"[{"op":"add","path":"/a~0b","value":1}]"#, #"{}"#), #"{"a~b":1}"#)
    }

    func testCopyAndRootReplace() throws {
        assertJSON(try apply(#"[{"op":"copy","from":"/a","path":"/b"}]"#, #"{"a":{"x":1}}"#), #"{"a":{"x":1},"b":{"x":1}}"#)
        assertJSON(try apply(#"[{"op":"add","path":"","value":[1]}]"#, #"{"a":1}"#), "[1]")
    }

    func testReplaceOnMissingPathFailsLikeTheAPIServer() {
        assertError(#"[{"op":"replace","path":"/spec/tolerations","value":[]}]"#, #"{"spec":{}}"#,
                    "replace operation does not apply: doc is missing key: /spec/tolerations: missing value")
        assertError(#"[{"op":"replace","path":"/spec/containers/3/image","value":"x"}]"#, #"{"spec":{"containers":[]}}"#,
                    "replace operation does not apply: doc is missing path: /spec/containers/3/image: missing value")
    }

    func testRemoveAndIndexErrors() {
        assertError(#"[{"op":"remove","path":"/a"}]"#, #"{}"#, "error in remove for path: '/a': Unable to remove nonexistent key: a: missing value")
        assertError(#"[{"op":"add","path":"/a/5","value":1}]"#, #"{"a":[1]}"#,
                    "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced")
        assertError(#"[{"op":"move","from":"/x","path":"/y"}]"#, #"{}"#, "error in move for path: '/x': Unable to remove nonexistent key: x: missing value")
        assertError(#"[{"op":"copy","from":"/x","path":"/y"}]"#, #"{}"#, "copy operation does not apply: doc is missing from path: /x: missing value")
    }

    func testOperationsApplyInOrderAndFailAtomically() {
        assertError(#"[{"op":"add","path":"/a","value":1},{"op":"frobnicate","path":"/a"}]"#, #"{}"#, "Unexpected kind: frobnicate")
    }

    func testPatchMustBeAnArrayOfObjects() {
        assertError(#"{"op":"add"}"#, "{}", "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        assertError(#"["add"]"#, "{}", "json: cannot unmarshal string into Go value of type jsonpatch.Operation")
        assertError(#"[{"op":"add","value":1}]"#, "{}", "add operation failed to decode path: missing value")
    }
}
