import XCTest
import Model
@testable import Codec

/// Plain scalars are typed with go-yaml v2's YAML 1.1 rules, as `kubectl apply -f` types them.
final class ScalarTypingTests: XCTestCase {
    private func value(_ yaml: String) throws -> JSONValue? {
        let objects = try ManifestReader.read(text: "kind: T\nv: \(yaml)\n", source: "t.yaml")
        return objects.first?["v"]
    }

    func testYAML11BooleansInEveryAcceptedSpelling() throws {
        for word in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] {
            XCTAssertEqual(try value(word), .bool(true), word)
        }
        for word in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] {
            XCTAssertEqual(try value(word), .bool(false), word)
        }
        for word in ["yEs", "tRUE", "oN", "nO"] { XCTAssertEqual(try value(word), .string(word), word) }
    }

    func testNullSpellingsAndEmptyValue() throws {
        for word in ["null", "Null", "NULL", "~", ""] { XCTAssertEqual(try value(word), .null, word) }
        XCTAssertEqual(try value("nULL"), .string("nULL"))
    }

    func testIntegersDecimalSignedUnderscoredHexOctalBinary() throws {
        XCTAssertEqual(try value("42"), .int(42))
        XCTAssertEqual(try value("-17"), .int(-17))
        XCTAssertEqual(try value("+8"), .int(8))
        XCTAssertEqual(try value("1_000"), .int(1000))
        XCTAssertEqual(try value("0x1F"), .int(31))
        XCTAssertEqual(try value("0777"), .int(511))
        XCTAssertEqual(try value("0o17"), .int(15))
        XCTAssertEqual(try value("0b101"), .int(5))
        // Not octal, so go-yaml falls through to its float pattern: an integral float, sent as 8.
        XCTAssertEqual(try value("08"), .int(8))
    }

    func testFloatsAndIntegralFloatsAsJSONWouldCarryThem() throws {
        XCTAssertEqual(try value("1.5"), .double(1.5))
        XCTAssertEqual(try value(".5"), .double(0.5))
        XCTAssertEqual(try value("-2.5e-3"), .double(-0.0025))
        XCTAssertEqual(try value("1e3"), .int(1000))
        XCTAssertEqual(try value("3.0"), .int(3))
        XCTAssertEqual(try value("1e400"), .string("1e400"), "out of range stays a string, like Go's ParseFloat error")
    }

    func testInfinityAndNaNCannotBecomeJSON() {
        XCTAssertThrowsError(try value(".inf")) { error in
            let e = error as! ManifestError
            XCTAssertEqual(e.kind, .conversion)
            XCTAssertEqual(e.description, "error parsing t.yaml: error converting YAML to JSON: json: unsupported value: +Inf")
        }
        XCTAssertThrowsError(try value("-.Inf"))
        XCTAssertThrowsError(try value(".NaN"))
    }

    func testEverythingElseIsAString() throws {
        for word in ["nginx:1.25", "1.2.3", "2024-01-02", "0x", "-x", "1:20", "Yess", "<<x", "1_000.5x"] {
            XCTAssertEqual(try value(word), .string(word), word)
        }
    }

    func testQuotedAndBlockScalarsAreAlwaysStrings() throws {
        XCTAssertEqual(try value("'true'"), .string("true"))
        XCTAssertEqual(try value("\"1\""), .string("1"))
        XCTAssertEqual(try value("\"\""), .string(""))
        XCTAssertEqual(try value("|\n  42\n"), .string("42\n"))
        XCTAssertEqual(try value(">-\n  yes\n"), .string("yes"))
    }

    func testExplicitTagsAreHonoured() throws {
        XCTAssertEqual(try value("!!str 123"), .string("123"))
        XCTAssertEqual(try value("!!str yes"), .string("yes"))
        XCTAssertEqual(try value("!!int \"12\""), .int(12))
        XCTAssertEqual(try value("!!float 2"), .int(2))
        XCTAssertEqual(try value("!!float 2.5"), .double(2.5))
        XCTAssertEqual(try value("!!bool \"on\""), .bool(true))
        XCTAssertEqual(try value("!!null ''"), .null)
        XCTAssertEqual(try value("!!binary aGVsbG8="), .string("hello"))
        XCTAssertEqual(try value("!custom 5"), .string("5"))
        XCTAssertThrowsError(try value("!!int abc")) { error in
            XCTAssertEqual((error as! ManifestError).reason, "yaml: cannot decode !!str `abc` as a !!int")
        }
    }

    func testNonStringKeysBecomeStringsLikeSigsYAML() throws {
        let objects = try ManifestReader.read(
            text: "kind: T\n1: int\n1.5: float\ntrue: bool\n0x10: hex\nyes: yaml11\n\"2\": quoted\n", source: "t.yaml")
        // `yes` is the key "true" too; like kubectl, the later duplicate wins.
        XCTAssertEqual(objects, [["kind": "T", "1": "int", "1.5": "float", "true": "yaml11", "16": "hex", "2": "quoted"]])
    }

    func testNullKeyIsAnError() {
        XCTAssertThrowsError(try ManifestReader.read(text: "kind: T\n~: x\n", source: "t.yaml")) { error in
            XCTAssertEqual((error as! ManifestError).kind, .conversion)
        }
    }
}
