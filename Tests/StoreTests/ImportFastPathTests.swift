import XCTest
import Foundation
import Model
@testable import Store

/// Import reads export lines without building JSON trees where it can; what it reads must be what the
/// JSON parser reads, and anything unusual must go to the parser.
final class ImportFastPathTests: XCTestCase {
    func scan(_ text: String) -> ObjectIdentity? {
        Array(text.utf8).withUnsafeBufferPointer { ObjectIdentity.scan($0) }
    }

    func testTheScanReadsTheIdentityThePathAccessorsRead() throws {
        let texts = [
            #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","namespace":"default","uid":"u-1"},"spec":{"containers":[{"image":"nginx","ports":[{"containerPort":80}]}]}}"#,
            #"{"kind":"Pod","metadata":{"name":"a","namespace":"x"},"status":{"phase":"Running","n":-1.5e3,"ok":true,"none":null}}"#,
            #" { "kind" : "Pod" , "metadata" : { "name" : "a" , "uid" : 7 } } "#,
            #"{"kind":"Pod","metadata":{"name":"first"},"metadata":{"name":"second"}}"#,
            #"{"kind":"Pod","metadata":{"name":"a"},"metadata":[]}"#,
            #"{"kind":"Pod","metadata":{"name":"a","name":"b"},"data":{"s":"quote \" slash \\ \u00e9 \ud83d\ude00"}}"#,
            #"{}"#,
        ]
        for text in texts {
            let parsed = try JSONValue.parse(text)
            XCTAssertEqual(scan(text), ObjectIdentity(parsed), text)
        }
    }

    func testTheScanLeavesInvalidOrUnusualTextToTheParser() {
        for text in [
            #"{"kind":"Pod","metadata":{"name":"a"}"#,              // unterminated
            #"{"kind":"Pod",}"#,                                    // trailing comma
            #"{"kind":"Pod","n":01}"#,                              // leading zero
            #"{"kind":"Pod","n":1.}"#,                              // bad fraction
            #"{"kind":"Pod","s":"bad \x escape"}"#,
            #"{"kind":"Pod"} {"kind":"Pod"}"#,                      // two values
            #"["kind"]"#,                                           // not an object
            #"{"kind":"P\u006fd"}"#,                                // an escape in a field it reads
            #"{"metadata":{"name":"café"}}"#,                       // non-ASCII in a field it reads
            "{\"kind\":\"Pod\",\"s\":\"tab\there\"}",               // a control character
        ] {
            XCTAssertNil(scan(text), text)
        }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        XCTAssertNil(scan("{\"a\":\(deep)}"))
    }

    func testAnExportLineIsReadAsTheParserReadsIt() throws {
        let line = #"{"seq":12,"time":"2026-01-01T00:00:05Z","actor":"kubelet","verb":"patch","apiVersion":"v1","kind":"Pod","namespace":"default","name":"web-1","uid":"u-1","cause":11,"hash":"ab","object":{"kind":"Pod"}}"#
        let bytes = Array(line.utf8)
        let read = try XCTUnwrap(bytes.withUnsafeBufferPointer { ExportLine($0) })
        let parsed = try JSONValue.parse(line)
        XCTAssertEqual(read.seq, parsed["seq"]?.intValue)
        XCTAssertEqual([read.time, read.actor, read.verb, read.apiVersion, read.kind, read.namespace, read.name, read.uid, read.hash],
                       ["time", "actor", "verb", "apiVersion", "kind", "namespace", "name", "uid", "hash"].map { parsed[$0]?.stringValue ?? "?" })
        XCTAssertEqual(read.cause, 11)
        XCTAssertEqual(String(decoding: bytes[read.object!], as: UTF8.self), #"{"kind":"Pod"}"#)

        let settings = #"{"seq":1,"time":"t","actor":"a","verb":"init","apiVersion":"","kind":"","namespace":"","name":"","uid":"","cause":null,"hash":"h","object":null}"#
        let readSettings = try XCTUnwrap(Array(settings.utf8).withUnsafeBufferPointer { ExportLine($0) })
        XCTAssertNil(readSettings.cause)
        XCTAssertNil(readSettings.object)

        for other in [
            line.replacingOccurrences(of: #""actor":"kubelet""#, with: #""actor":"kube\"let""#),   // an escape
            line.replacingOccurrences(of: #""seq":12"#, with: #""seq":012"#),
            line.replacingOccurrences(of: #""cause":11,"hash""#, with: #""hash""#),                // another layout
            line.replacingOccurrences(of: #""object":{"kind":"Pod"}"#, with: #""object":[1]"#),
        ] {
            XCTAssertNil(Array(other.utf8).withUnsafeBufferPointer { ExportLine($0) }, other)
        }
    }
}
