import XCTest
@testable import Model

/// Label selectors as `kubectl get -l` and `spec.selector` use them.
final class LabelSelectorTests: XCTestCase {
    private let web = ["app": "web", "tier": "frontend", "env": "prod"]

    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> LabelSelector {
        do { return try LabelSelector.parse(text) } catch {
            XCTFail("unexpected error: \(error.message)", file: file, line: line)
            return LabelSelector()
        }
    }

    private func assertParseError(_ text: String, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            let selector = try LabelSelector.parse(text)
            XCTFail("expected an error, got \(selector)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.reason, .badRequest, file: file, line: line)
            XCTAssertEqual(error.message, message, file: file, line: line)
        }
    }

    func testEqualityOperators() {
        XCTAssertTrue(parse("app=web").matches(web))
        XCTAssertTrue(parse("app==web").matches(web))
        XCTAssertFalse(parse("app=db").matches(web))
        XCTAssertTrue(parse("app!=db").matches(web))
        XCTAssertTrue(parse("missing!=x").matches(web), "!= matches when the label is absent")
        XCTAssertFalse(parse("app!=web").matches(web))
    }

    func testSetOperatorsAndExistence() {
        XCTAssertTrue(parse("env in (prod, staging)").matches(web))
        XCTAssertFalse(parse("env in (dev)").matches(web))
        XCTAssertTrue(parse("env notin (dev,test)").matches(web))
        XCTAssertTrue(parse("missing notin (a)").matches(web))
        XCTAssertTrue(parse("tier").matches(web))
        XCTAssertFalse(parse("legacy").matches(web))
        XCTAssertTrue(parse("!legacy").matches(web))
        XCTAssertFalse(parse("!app").matches(web))
    }

    func testCommaIsAndWithWhitespaceTolerance() {
        XCTAssertTrue(parse("  app = web ,tier in (frontend) , !legacy ").matches(web))
        XCTAssertFalse(parse("app=web,tier=backend").matches(web))
        XCTAssertTrue(parse("").isEmpty)
        XCTAssertTrue(parse("").matches(web))
    }

    func testCanonicalStringSortsKeysAndValues() {
        XCTAssertEqual(parse("tier in (b,a), app=web,!legacy").description, "app=web,!legacy,tier in (a,b)")
        XCTAssertEqual(parse("x in (),y notin (in)").description, "x in (),y notin (in)")
        XCTAssertEqual(LabelSelector().formatted, "<none>")
    }

    func testSyntaxErrorsUseApimachineryWording() {
        assertParseError("app=web,", "found '', expected: identifier after ','")
        assertParseError("app=web tier=x", "found 'tier', expected: ',' or 'end of string'")
        assertParseError("=web", "found '=', expected: !, identifier, or 'end of string'")
        assertParseError("env in prod", "unable to parse requirement: found 'prod' expected: '('")
        assertParseError("env in (a b)", "unable to parse requirement: found 'b', expected: ',' or ')'")
        assertParseError("app=(x)", "unable to parse requirement: found '(', expected: identifier")
        assertParseError("app (x)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")
    }

    func testValidationErrorsUseApimachineryWording() {
        assertParseError("a$b=c", "unable to parse requirement: <nil>: Invalid value: \"a$b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")
        assertParseError("app=-web", "unable to parse requirement: values[0][app]: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")
        assertParseError("Example.com/app=x", "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")
        XCTAssertTrue(parse("app.kubernetes.io/name=web").matches(["app.kubernetes.io/name": "web"]))
    }

    func testFromObjectMatchLabelsAndExpressions() throws {
        let selector = try LabelSelector.fromObject([
            "matchLabels": ["app": "web"],
            "matchExpressions": [
                ["key": "env", "operator": "In", "values": ["prod", "staging"]],
                ["key": "legacy", "operator": "DoesNotExist"],
                ["key": "tier", "operator": "Exists"],
                ["key": "zone", "operator": "NotIn", "values": ["b"]],
            ],
        ])
        XCTAssertTrue(selector.matches(web))
        XCTAssertFalse(selector.matches(["app": "web", "env": "dev", "tier": "x"]))
        XCTAssertEqual(selector.description, "app=web,env in (prod,staging),!legacy,tier,zone notin (b)")
        XCTAssertFalse(selector.isEmpty)
    }

    func testFromObjectEmptyMatchesEverything() throws {
        XCTAssertTrue(try LabelSelector.fromObject(.emptyObject).isEmpty)
        XCTAssertTrue(try LabelSelector.fromObject(.emptyObject).matches([:]))
        XCTAssertEqual(try LabelSelector.fromObject(["matchLabels": ["app": "web", "pod-template-hash": "abc"]]).description,
                       "app=web,pod-template-hash=abc")
    }

    func testFromObjectErrors() {
        XCTAssertThrowsError(try LabelSelector.fromObject(["matchExpressions": [["key": "a", "operator": "Has"]]])) { error in
            XCTAssertEqual((error as? APIError)?.message, "\"Has\" is not a valid label selector operator")
        }
        XCTAssertThrowsError(try LabelSelector.fromObject(["matchExpressions": [["key": "a", "operator": "In"]]])) { error in
            XCTAssertEqual((error as? APIError)?.message, "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty")
        }
    }

    func testFromSetMatchesExactly() {
        let selector = LabelSelector.fromSet(["app": "web", "tier": "frontend"])
        XCTAssertTrue(selector.matches(web))
        XCTAssertFalse(selector.matches(["app": "web"]))
        XCTAssertEqual(selector.description, "app=web,tier=frontend")
    }
}
