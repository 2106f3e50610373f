import XCTest
import Model

/// Parses JSON text in tests; fails the test on bad input.
func json(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> JSONValue {
    do { return try JSONValue.parse(text) } catch {
        XCTFail("bad test JSON: \(error)", file: file, line: line)
        return .null
    }
}

/// Asserts two JSON values are equal, printing both canonically on failure.
func assertJSON(_ actual: JSONValue, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    let want = json(expected, file: file, line: line)
    XCTAssertEqual(actual, want, "\n got: \(actual.canonicalString())\nwant: \(want.canonicalString())",
                   file: file, line: line)
}
