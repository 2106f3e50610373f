import XCTest
import Model
@testable import Store

/// Reads of old and new versions give each version's own content, whatever was read before, and a
/// rolled-back write leaves no trace in what is read afterwards.
final class ObjectVersionReadTests: XCTestCase {
    let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["a": "1"]]

    func testEveryVersionReadsAsItWasWritten() throws {
        let db = TemporaryDatabase()
        let store = try Store.create(path: db.path, settings: .defaults)
        let first = try store.create(configMap)
        var changed = first
        changed["data"] = ["a": "2"]
        let second = try store.update(changed, namespace: "default")
        let firstSeq = Int64(first.resourceVersion)!, secondSeq = Int64(second.resourceVersion)!

        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "settings")[path: ["data", "a"]], "2")
        XCTAssertEqual(try store.object(atSeq: firstSeq)?[path: ["data", "a"]], "1")
        // Reading the old version must not make it the current one.
        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "settings")[path: ["data", "a"]], "2")
        XCTAssertEqual(try store.object(atSeq: secondSeq)?[path: ["data", "a"]], "2")
    }

    func testARolledBackVersionIsNotReadAfterwards() throws {
        let db = TemporaryDatabase()
        let store = try Store.create(path: db.path, settings: .defaults)
        let first = try store.create(configMap)
        struct Abort: Error {}
        XCTAssertThrowsError(try store.write {
            var changed = first
            changed["data"] = ["a": "rolled back"]
            _ = try store.update(changed, namespace: "default")
            throw Abort()
        })
        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "settings")[path: ["data", "a"]], "1")
        var changed = first
        changed["data"] = ["a": "3"]
        let third = try store.update(changed, namespace: "default")
        XCTAssertEqual(try store.object(atSeq: Int64(third.resourceVersion)!)?[path: ["data", "a"]], "3")
        XCTAssertEqual(try store.get(.configMap, namespace: "default", name: "settings")[path: ["data", "a"]], "3")
    }
}
