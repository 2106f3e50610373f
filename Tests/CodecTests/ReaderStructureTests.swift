import XCTest
import Model
@testable import Codec

/// Documents, anchors, merges, styles, lists and errors as `kubectl apply -f` reads them.
final class ReaderStructureTests: XCTestCase {
    func testMultiDocumentStreamSkipsEmptyAndNullDocumentsAndComments() throws {
        let text = """
        # leading comment
        ---
        apiVersion: v1
        kind: ConfigMap   # trailing comment
        metadata: {name: a}
        ---
        ---
        # only a comment
        ---
        ~
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: b
        ...
        """
        let objects = try ManifestReader.read(text: text, source: "cm.yaml")
        XCTAssertEqual(objects.map { $0[path: ["metadata", "name"]] }, ["a", "b"])
    }

    func testEmptyTextHasNoObjects() throws {
        XCTAssertEqual(try ManifestReader.read(text: "", source: "x.yaml"), [])
        XCTAssertEqual(try ManifestReader.read(text: "# nothing\n", source: "x.yaml"), [])
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let text = """
        kind: Test
        base: &base
          image: nginx
          imagePullPolicy: Always
        labels: &labels {app: web}
        copy: *labels
        merged:
          name: first
          <<: *base
          imagePullPolicy: IfNotPresent
        several:
          <<: [*labels, {app: ignored, tier: front}]
        """
        let object = try XCTUnwrap(ManifestReader.read(text: text, source: "m.yaml").first)
        XCTAssertEqual(object["copy"], ["app": "web"])
        XCTAssertEqual(object["merged"], ["name": "first", "image": "nginx", "imagePullPolicy": "IfNotPresent"])
        XCTAssertEqual(object["several"], ["app": "web", "tier": "front"], "earlier maps in a merge list win")
    }

    func testMergeOfAScalarIsAnError() {
        XCTAssertThrowsError(try ManifestReader.read(text: "kind: T\na: &x 1\nb:\n  <<: *x\n", source: "m.yaml")) { error in
            XCTAssertEqual((error as! ManifestError).reason,
                           "yaml: map merge requires map or sequence of maps as the value")
        }
    }

    func testUnknownAliasIsAnError() {
        XCTAssertThrowsError(try ManifestReader.read(text: "kind: T\na: *nope\n", source: "m.yaml")) { error in
            XCTAssertEqual((error as! ManifestError).reason, "yaml: unknown anchor 'nope' referenced")
        }
    }

    func testDuplicateKeysKeepTheLastValueLikeKubectl() throws {
        let objects = try ManifestReader.read(text: "kind: T\nimage: a\nimage: b\n", source: "d.yaml")
        XCTAssertEqual(objects.first?["image"], "b")
    }

    func testBlockFlowAndScalarStyles() throws {
        let text = """
        kind: Styles
        flow: {a: [1, two, "3"], b: {c: null}}
        block:
        - x
        - - nested
        single: 'it''s'
        double: "tab\\tand \\u00e9"
        literal: |
          line one
          line two
        literalStrip: |-
          no newline
        folded: >
          folded
          text

        """
        let object = try XCTUnwrap(ManifestReader.read(text: text, source: "s.yaml").first)
        XCTAssertEqual(object["flow"], ["a": [1, "two", "3"], "b": ["c": nil]])
        XCTAssertEqual(object["block"], ["x", ["nested"]])
        XCTAssertEqual(object["single"], "it's")
        XCTAssertEqual(object["double"], "tab\tand é")
        XCTAssertEqual(object["literal"], "line one\nline two\n")
        XCTAssertEqual(object["literalStrip"], "no newline")
        XCTAssertEqual(object["folded"], "folded text\n")
    }

    func testJSONInputIsRead() throws {
        let objects = try ManifestReader.read(
            text: #"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"x": 1.5, "y": [true, null]}}"#,
            source: "pod.json")
        XCTAssertEqual(objects, [["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"],
                                  "spec": ["x": 1.5, "y": [true, nil]]]])
    }

    func testListsAreExpandedAndTypedListItemsGetTheirKind() throws {
        let text = """
        apiVersion: v1
        kind: List
        items:
        - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
        - {apiVersion: v1, kind: Secret, metadata: {name: b}}
        ---
        apiVersion: apps/v1
        kind: DeploymentList
        items:
        - metadata: {name: web}
        """
        let objects = try ManifestReader.read(text: text, source: "l.yaml")
        XCTAssertEqual(objects.map { $0["kind"] }, ["ConfigMap", "Secret", "Deployment"])
        XCTAssertEqual(objects[2]["apiVersion"], "apps/v1")
    }

    func testMalformedYAMLReportsLibyamlLineColumnAndProblem() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: name: x\n"
        XCTAssertThrowsError(try ManifestReader.read(text: text, source: "deploy.yaml")) { error in
            let e = error as! ManifestError
            XCTAssertEqual(e.kind, .syntax)
            XCTAssertEqual(e.line, 3)
            XCTAssertEqual(e.column, 15)
            XCTAssertEqual(e.reason, "mapping values are not allowed in this context")
            XCTAssertEqual(e.description,
                "error parsing deploy.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context")
        }
    }

    func testBadIndentationReportsWhereTheParserStopped() {
        let text = "kind: Pod\nmetadata:\n  name: x\n labels: y\n"
        XCTAssertThrowsError(try ManifestReader.read(text: text, source: "p.yaml")) { error in
            let e = error as! ManifestError
            XCTAssertEqual(e.line, 4)
            XCTAssertEqual(e.column, 2)
            XCTAssertEqual(e.reason, "did not find expected key")
        }
    }

    func testUnterminatedQuoteIsAScannerError() {
        XCTAssertThrowsError(try ManifestReader.read(text: "kind: Pod\nname: \"abc\n", source: "q.yaml")) { error in
            let e = error as! ManifestError
            XCTAssertEqual(e.kind, .syntax)
            XCTAssertEqual(e.reason, "found unexpected end of stream")
        }
    }

    func testADocumentThatIsNotAMappingCannotBeDecoded() {
        XCTAssertThrowsError(try ManifestReader.read(text: "- a\n- b\n", source: "arr.yaml")) { error in
            XCTAssertEqual((error as! ManifestError).description,
                "unable to decode \"arr.yaml\": json: cannot unmarshal array into Go value of type map[string]interface {}")
        }
        XCTAssertThrowsError(try ManifestReader.read(text: "hello\n", source: "s.yaml")) { error in
            XCTAssertEqual((error as! ManifestError).kind, .decode)
        }
    }

    func testAnObjectWithoutKindCannotBeDecoded() {
        XCTAssertThrowsError(try ManifestReader.read(text: "apiVersion: v1\nmetadata: {name: x}\n", source: "k.yaml")) { error in
            XCTAssertEqual((error as! ManifestError).description,
                #"unable to decode "k.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'"#)
        }
    }

    func testReadingAThousandDocumentsIsFast() throws {
        var text = ""
        for i in 0..<1000 {
            text += """
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web-\(i)
              labels: {app: web, tier: "frontend"}
              annotations:
                note: "number \(i)"
            spec:
              replicas: 3
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                  - name: nginx
                    image: nginx:1.25
                    ports:
                    - containerPort: 80
                      protocol: TCP
                    resources: {limits: {cpu: 500m, memory: 128Mi}}

            """
        }
        let start = ContinuousClock.now
        let objects = try ManifestReader.read(text: text, source: "many.yaml")
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(objects.count, 1000)
        print("read 1000 documents in \(elapsed)")
        XCTAssertLessThan(elapsed, .milliseconds(700), "took \(elapsed)")
    }
}
