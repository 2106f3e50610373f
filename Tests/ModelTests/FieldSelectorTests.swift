import XCTest
@testable import Model

/// Field selectors as `kubectl get --field-selector` sends them.
final class FieldSelectorTests: XCTestCase {
    private let pod: JSONValue = [
        "kind": "Pod", "metadata": ["name": "web-1", "namespace": "default"],
        "spec": ["nodeName": "node-a", "restartPolicy": "Always"],
        "status": ["phase": "Running", "podIPs": [["ip": "10.0.0.5"]]],
    ]

    private func assertError(_ text: String, kind: ResourceKind, _ message: String,
                             file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try FieldSelector.parse(text, kind: kind)
            XCTFail("expected an error", file: file, line: line)
        } catch {
            XCTAssertEqual(error.reason, .badRequest, file: file, line: line)
            XCTAssertEqual(error.message, message, file: file, line: line)
        }
    }

    func testPodFields() throws {
        XCTAssertTrue(try FieldSelector.parse("status.phase=Running", kind: .pod).matches(pod))
        XCTAssertTrue(try FieldSelector.parse("spec.nodeName==node-a,metadata.namespace=default", kind: .pod).matches(pod))
        XCTAssertFalse(try FieldSelector.parse("status.phase!=Running", kind: .pod).matches(pod))
        XCTAssertTrue(try FieldSelector.parse("status.podIP=10.0.0.5", kind: .pod).matches(pod))
        XCTAssertTrue(try FieldSelector.parse("spec.schedulerName=", kind: .pod).matches(pod), "missing reads as empty")
        XCTAssertTrue(try FieldSelector.parse("", kind: .pod).matches(pod))
    }

    func testEventInvolvedObjectFields() throws {
        let event: JSONValue = ["kind": "Event", "metadata": ["name": "e1", "namespace": "default"],
                                "involvedObject": ["kind": "Pod", "name": "web-1", "uid": "u1"],
                                "reason": "Scheduled", "type": "Normal", "source": ["component": "default-scheduler"]]
        let selector = try FieldSelector.parse("involvedObject.name=web-1,involvedObject.kind=Pod,involvedObject.uid=u1", kind: .event)
        XCTAssertTrue(selector.matches(event))
        XCTAssertTrue(try FieldSelector.parse("source=default-scheduler,type=Normal,reason=Scheduled", kind: .event).matches(event))
        XCTAssertFalse(try FieldSelector.parse("involvedObject.name=other", kind: .event).matches(event))
    }

    func testNodeNamespaceSecretFields() throws {
        XCTAssertTrue(try FieldSelector.parse("spec.unschedulable=false", kind: .node).matches(["spec": [:]]))
        XCTAssertTrue(try FieldSelector.parse("spec.unschedulable=true", kind: .node).matches(["spec": ["unschedulable": true]]))
        XCTAssertTrue(try FieldSelector.parse("status.phase=Active", kind: .namespace).matches(["status": ["phase": "Active"]]))
        XCTAssertTrue(try FieldSelector.parse("type=Opaque", kind: .secret).matches(["type": "Opaque"]))
    }

    func testUnsupportedFieldsUseServerWording() {
        assertError("spec.foo=x", kind: .pod, "field label not supported: spec.foo")
        assertError("foo.bar=baz", kind: .deployment, "\"foo.bar\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
        assertError("status.phase=Running", kind: .service, "\"status.phase\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
    }

    func testSyntaxErrorsAndEscapes() throws {
        assertError("metadata.name", kind: .pod, "invalid selector: 'metadata.name'; can't understand 'metadata.name'")
        assertError("metadata.name=a=b", kind: .pod, "invalid field selector: unescaped character in value: 61")
        assertError("metadata.name=a\\x", kind: .pod, "invalid field selector: invalid escape sequence: \\x")
        let escaped = try FieldSelector.parse("metadata.name=a\\,b", kind: .configMap)
        XCTAssertTrue(escaped.matches(["metadata": ["name": "a,b"]]))
        XCTAssertEqual(escaped.description, "metadata.name=a\\,b")
    }
}
