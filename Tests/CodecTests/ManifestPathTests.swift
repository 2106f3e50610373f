import Foundation
import XCTest
import Model
@testable import Codec

/// `-f` paths: a file, a directory of manifests, a missing path.
final class ManifestPathTests: XCTestCase {
    private var directory: String = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "codec-paths-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    private func write(_ name: String, _ text: String) throws {
        try text.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
    }

    private func configMap(_ name: String) -> String {
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \(name)\n"
    }

    func testAFileYieldsItsObjectsWithThePathAsSource() throws {
        try write("both.yaml", configMap("a") + "---\n" + configMap("b"))
        let path = directory + "/both.yaml"
        let manifests = try ManifestReader.read(path: path)
        XCTAssertEqual(manifests.map(\.source), [path, path])
        XCTAssertEqual(manifests.map { $0.object[path: ["metadata", "name"]] }, ["a", "b"])
    }

    func testADirectoryReadsItsManifestFilesInSortedOrderWithoutRecursing() throws {
        try write("b.yml", configMap("from-b"))
        try write("a.yaml", configMap("from-a"))
        try write("c.json", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"from-c"}}"#)
        try write("notes.txt", "not: a manifest")
        try FileManager.default.createDirectory(atPath: directory + "/sub", withIntermediateDirectories: true)
        try configMap("nested").write(toFile: directory + "/sub/d.yaml", atomically: true, encoding: .utf8)

        let manifests = try ManifestReader.read(path: directory)
        XCTAssertEqual(manifests.map { $0.object[path: ["metadata", "name"]] }, ["from-a", "from-b", "from-c"])
        XCTAssertEqual(manifests.map(\.source), [directory + "/a.yaml", directory + "/b.yml", directory + "/c.json"])
    }

    func testAMissingPathIsReportedInKubectlWords() {
        XCTAssertThrowsError(try ManifestReader.read(path: "x.yaml")) { error in
            let e = error as! ManifestError
            XCTAssertEqual(e.kind, .missingPath)
            XCTAssertEqual(e.description, #"the path "x.yaml" does not exist"#)
        }
    }

    func testASyntaxErrorNamesTheFile() throws {
        try write("bad.yaml", "kind: Pod\nmetadata: name: x\n")
        XCTAssertThrowsError(try ManifestReader.read(path: directory + "/bad.yaml")) { error in
            let e = error as! ManifestError
            XCTAssertEqual(e.source, directory + "/bad.yaml")
            XCTAssertEqual(e.line, 2)
        }
    }
}
