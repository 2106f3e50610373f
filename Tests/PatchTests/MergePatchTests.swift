import XCTest
import Model
@testable import Patch

/// RFC 7386 Appendix A, every row, plus `create`.
final class MergePatchTests: XCTestCase {
    func testRFC7386AppendixExamples() {
        let rows: [(String, String, String)] = [
            (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
            (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
            (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
            (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
            (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
            (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
            (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
            (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
            (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
            (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
            (#"{"a":"foo"}"#, #"null"#, #"null"#),
            (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
            (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
            (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
            (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
        ]
        for (target, patch, result) in rows {
            assertJSON(MergePatch.apply(json(patch), to: json(target)), result)
        }
    }

    func testRFC7386DocumentExample() {
        let target = json(#"{"title":"Goodbye!","author":{"givenName":"John","familyName":"Doe"},"tags":["example","sample"],"content":"This will be unchanged"}"#)
        let patch = json(#"{"title":"Hello!","phoneNumber":"+01-123-456-7890","author":{"familyName":null},"tags":["example"]}"#)
        assertJSON(MergePatch.apply(patch, to: target),
                   #"{"title":"Hello!","author":{"givenName":"John"},"tags":["example"],"content":"This will be unchanged","phoneNumber":"+01-123-456-7890"}"#)
    }

    func testCreateProducesPatchThatRoundTrips() {
        let original = json(#"{"metadata":{"labels":{"app":"web","tier":"fe"}},"spec":{"replicas":3,"paused":true}}"#)
        let modified = json(#"{"metadata":{"labels":{"app":"web","team":"blue"}},"spec":{"replicas":5}}"#)
        let patch = MergePatch.create(original: original, modified: modified)
        assertJSON(patch, #"{"metadata":{"labels":{"team":"blue","tier":null}},"spec":{"paused":null,"replicas":5}}"#)
        XCTAssertEqual(MergePatch.apply(patch, to: original), modified)
    }

    func testCreateOfEqualDocumentsIsEmptyObject() {
        let doc = json(#"{"a":[1,2],"b":{"c":1}}"#)
        assertJSON(MergePatch.create(original: doc, modified: doc), "{}")
    }

    func testCreateWithNonObjectReplacesWhole() {
        assertJSON(MergePatch.create(original: json(#"{"a":1}"#), modified: json(#"[1]"#)), "[1]")
    }
}
