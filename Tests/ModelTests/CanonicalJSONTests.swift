import XCTest
import Model

/// The bytes of canonical and pretty JSON: the log, the projections and the hash chain depend on them.
final class CanonicalJSONTests: XCTestCase {
    func testKeysSortByTheirUTF8Bytes() {
        let object: JSONValue = ["b": 1, "B": 2, "a": 3, "é": 4, "aa": 5, "": 6, "a-b": 7, "z": ["y": 1, "x": 2]]
        XCTAssertEqual(object.canonicalString(),
                       #"{"":6,"B":2,"a":3,"a-b":7,"aa":5,"b":1,"z":{"x":2,"y":1},"é":4}"#)
    }

    func testObjectsLargerThanSixteenMembersStaySorted() {
        var members: JSONObject = [:]
        for i in (0..<40).reversed() { members["key-\(i)"] = .int(i) }
        let expected = (0..<40).map { "key-\($0)" }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { "\"\($0)\":\($0.dropFirst(4))" }.joined(separator: ",")
        XCTAssertEqual(JSONValue.object(members).canonicalString(), "{\(expected)}")
    }

    func testStringsUseGoEscapes() {
        let text: JSONValue = .string("say \"hi\" \\ <b>&amp;</b>\n\r\t\u{1}\u{1F} ünïcødé 🚀")
        XCTAssertEqual(text.canonicalString(),
                       #""say \"hi\" \\ \u003cb\u003e\u0026amp;\u003c/b\u003e\n\r\t\u0001\u001f ünïcødé 🚀""#)
        XCTAssertEqual(JSONValue.string("").canonicalString(), #""""#)
        XCTAssertEqual(JSONValue.string("<").canonicalString(), #""\u003c""#)
        XCTAssertEqual(JSONValue.object(["a<b": "x&y"]).canonicalString(), #"{"a\u003cb":"x\u0026y"}"#)
    }

    func testEveryEscapeAtEveryPositionOfShortAndLongStrings() {
        // Go's escaping, one byte at a time: what the writer must match wherever the byte falls.
        func reference(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "<": out += "\\u003c"
                case ">": out += "\\u003e"
                case "&": out += "\\u0026"
                case _ where scalar.value < 0x20:
                    out += "\\u00" + String(scalar.value >> 4, radix: 16) + String(scalar.value & 0xF, radix: 16)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        for special in ["\"", "\\", "\n", "\u{0}", "\u{1F}", "<", ">", "&", "é", "🚀", "\u{7F}", "!", "?", "[", "]"] {
            for length in [1, 7, 8, 9, 15, 16, 17, 24, 40] {
                for position in 0..<length {
                    var characters = Array(repeating: "a", count: length)
                    characters[position] = special
                    let text = characters.joined()
                    XCTAssertEqual(JSONValue.string(text).canonicalString(), reference(text), "\(special) at \(position) of \(length)")
                }
            }
        }
    }

    func testScalarsAndArrays() {
        let value: JSONValue = [
            "ints": [0, 7, 10, -1, -42, .int(Int.max), .int(Int.min)],
            "doubles": [1.5, 2.0, -0.25], "flags": [true, false, nil], "empty": [[], .emptyObject],
        ]
        XCTAssertEqual(value.canonicalString(),
                       #"{"doubles":[1.5,2,-0.25],"empty":[[],{}],"flags":[true,false,null],"ints":[0,7,10,-1,-42,9223372036854775807,-9223372036854775808]}"#)
    }

    func testLongStringsGrowTheOutput() {
        let long = String(repeating: "abc<", count: 1000)
        let encoded = JSONValue.array([.string(long), .string(long)]).canonicalString()
        let one = "\"" + String(repeating: #"abc\u003c"#, count: 1000) + "\""
        XCTAssertEqual(encoded, "[\(one),\(one)]")
    }

    func testPrettyIndentsWithSortedKeys() {
        let value: JSONValue = ["spec": ["b": [1, ["c": "<"]], "a": [], "e": .emptyObject], "kind": "Pod"]
        XCTAssertEqual(value.prettyString(), """
            {
                "kind": "Pod",
                "spec": {
                    "a": [],
                    "b": [
                        1,
                        {
                            "c": "\\u003c"
                        }
                    ],
                    "e": {}
                }
            }
            """)
        XCTAssertEqual(JSONValue.array([1, 2]).prettyString(indent: 2), "[\n  1,\n  2\n]")
    }

    func testParsingCanonicalTextGivesTheSameValue() throws {
        let value: JSONValue = ["metadata": ["name": "web", "labels": ["app": "x\"y"]], "n": [1, -2, 3.5]]
        XCTAssertEqual(try JSONValue.parse(value.canonicalString()), value)
    }
}
