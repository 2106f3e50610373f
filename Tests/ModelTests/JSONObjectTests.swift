import XCTest
import Model

/// The object members' container: Dictionary's behaviour, with members always in canonical key order.
final class JSONObjectTests: XCTestCase {
    func testMembersStayInKeyOrderHoweverTheyAreAdded() {
        var object: JSONObject = ["zeta": 1, "alpha": 2]
        object["mid"] = 3
        object["Upper"] = 4
        object["alpha-2"] = 5
        XCTAssertEqual(object.keys, ["Upper", "alpha", "alpha-2", "mid", "zeta"])
        XCTAssertEqual(JSONValue.object(object).canonicalString(), #"{"Upper":4,"alpha":2,"alpha-2":5,"mid":3,"zeta":1}"#)
    }

    func testAMissingMemberIsNilNotJSONNull() {
        var object: JSONObject = ["present": .null]
        XCTAssertEqual(object["present"], .some(.null))
        XCTAssertNil(object["absent"])
        XCTAssertNil(object.removeValue(forKey: "absent"))
        object["present"] = nil
        XCTAssertTrue(object.isEmpty)
    }

    func testChangingAMemberInPlaceAddsReplacesOrRemovesIt() {
        var object: JSONObject = ["spec": ["replicas": 1]]
        object["spec"]?["replicas"] = 3
        object["status", default: .emptyObject]["ready"] = true
        XCTAssertEqual(JSONValue.object(object).canonicalString(), #"{"spec":{"replicas":3},"status":{"ready":true}}"#)
        var value = JSONValue.object(object)
        value.updateMember("spec") { $0 = nil }
        value.updateMember("missing") { _ in }
        XCTAssertEqual(value.canonicalString(), #"{"status":{"ready":true}}"#)
    }

    func testEqualityAndHashIgnoreTheOrderMembersWereAddedIn() {
        let a: JSONObject = ["a": 1, "b": [1, 2]]
        var b = JSONObject()
        b["b"] = [1, 2]
        b["a"] = 1
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.hashValue, b.hashValue)
        XCTAssertNotEqual(a, ["a": 1])
    }

    func testParsingKeepsTheLastOfARepeatedKey() throws {
        let parsed = try JSONValue.parse(#"{"b":1,"a":2,"b":3}"#)
        XCTAssertEqual(parsed.canonicalString(), #"{"a":2,"b":3}"#)
    }
}
