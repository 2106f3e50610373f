import XCTest
import Model
@testable import Codec

/// `YAMLWriter` prints what `kubectl get -o yaml` prints.
final class YAMLWriterTests: XCTestCase {
    private let lastApplied = #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1.25","name":"nginx"}]}}}}"# + "\n"

    func testSmallDeploymentPrintsExactlyLikeKubectl() {
        let deployment: JSONValue = [
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": [
                "annotations": ["deployment.kubernetes.io/revision": "1"],
                "creationTimestamp": "2024-05-01T10:00:00Z",
                "generation": 1,
                "labels": ["app": "web"],
                "name": "web",
                "namespace": "default",
                "resourceVersion": "42",
                "uid": "0b7c1e2a-5d3f-4e8a-9c1b-2f6d8e4a7b90",
            ],
            "spec": [
                "replicas": 2,
                "selector": ["matchLabels": ["app": "web"]],
                "template": [
                    "metadata": ["creationTimestamp": nil, "labels": ["app": "web"]],
                    "spec": [
                        "containers": [["image": "nginx:1.25", "name": "nginx", "ports": [["containerPort": 80, "protocol": "TCP"]], "resources": [:]]],
                        "restartPolicy": "Always",
                        "tolerations": [],
                    ],
                ],
            ],
            "status": ["availableReplicas": 2, "observedGeneration": 1, "ready": true],
        ]
        XCTAssertEqual(YAMLWriter.string(deployment), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            deployment.kubernetes.io/revision: "1"
          creationTimestamp: "2024-05-01T10:00:00Z"
          generation: 1
          labels:
            app: web
          name: web
          namespace: default
          resourceVersion: "42"
          uid: 0b7c1e2a-5d3f-4e8a-9c1b-2f6d8e4a7b90
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              creationTimestamp: null
              labels:
                app: web
            spec:
              containers:
              - image: nginx:1.25
                name: nginx
                ports:
                - containerPort: 80
                  protocol: TCP
                resources: {}
              restartPolicy: Always
              tolerations: []
        status:
          availableReplicas: 2
          observedGeneration: 1
          ready: true

        """)
    }

    func testLastAppliedAnnotationPrintsAsALiteralBlock() {
        let text = YAMLWriter.string(["metadata": ["annotations": ["kubectl.kubernetes.io/last-applied-configuration": .string(lastApplied)]]])
        XCTAssertEqual(text, """
        metadata:
          annotations:
            kubectl.kubernetes.io/last-applied-configuration: |
              \(lastApplied)
        """)
    }

    func testStringsAreQuotedOnlyWhenTheyWouldChangeType() {
        let cases: [(String, String)] = [
            ("nginx", "nginx"), ("true", "\"true\""), ("yes", "\"yes\""), ("Off", "\"Off\""), ("1", "\"1\""),
            ("0777", "\"0777\""), ("1.5", "\"1.5\""), ("1e3", "\"1e3\""), ("null", "\"null\""), ("~", "\"~\""),
            ("", "\"\""), ("1:20", "\"1:20\""), ("2024-01-02", "\"2024-01-02\""), ("25%", "25%"),
            ("*", "'*'"), ("a: b", "'a: b'"), ("#tag", "'#tag'"), (" lead", "' lead'"), ("-c", "-c"),
            ("1.2.3", "1.2.3"), ("é", "é"), ("{x}", "'{x}'"),
        ]
        for (string, printed) in cases {
            XCTAssertEqual(YAMLWriter.string(["v": .string(string)]), "v: \(printed)\n", string)
        }
    }

    func testMultiLineStringsUseLiteralBlocksWithChomping() {
        XCTAssertEqual(YAMLWriter.string(["v": "a\nb"]), "v: |-\n  a\n  b\n")
        XCTAssertEqual(YAMLWriter.string(["v": "a\nb\n"]), "v: |\n  a\n  b\n")
        XCTAssertEqual(YAMLWriter.string(["v": "a\n\n"]), "v: |+\n  a\n\n")
    }

    func testNumbersBoolsAndNullsAreBare() {
        XCTAssertEqual(YAMLWriter.string(["i": -3, "d": 1.5, "e": 3.0, "big": 1234567.5, "small": 0.000001, "b": false, "n": nil]),
                       "b: false\nbig: 1.2345675e+06\nd: 1.5\ne: 3\ni: -3\n\"n\": null\nsmall: 1e-06\n", "the key n is a YAML 1.1 boolean, so go-yaml quotes it")
    }

    func testKeysFollowGoYAMLNaturalOrder() {
        XCTAssertEqual(YAMLWriter.string(["a10": 1, "a9": 2, "ab": 3, "a-b": 4, "B": 5]), "B: 5\na-b: 4\na9: 2\na10: 1\nab: 3\n")
    }

    func testLongStringsFoldAtEightyColumnsLikeKubectlUnlessWidened() {
        let message = "0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }. preemption: not helpful"
        XCTAssertEqual(YAMLWriter.string(["message": .string(message)]), """
        message: '0/1 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane:
          }. preemption: not helpful'

        """)
        XCTAssertEqual(YAMLWriter.string(["message": .string(message)], lineWidth: -1), "message: '\(message)'\n")
    }

    func testEmptyCollectionsAndTopLevelValues() {
        XCTAssertEqual(YAMLWriter.string([:]), "{}\n")
        XCTAssertEqual(YAMLWriter.string([]), "[]\n")
        XCTAssertEqual(YAMLWriter.string("plain"), "plain\n")
        XCTAssertEqual(YAMLWriter.string([1, "two"]), "- 1\n- two\n")
    }

    func testDocumentsAreSeparatedByDashes() {
        XCTAssertEqual(YAMLWriter.documents([["a": 1], ["b": 2]]), "a: 1\n---\nb: 2\n")
    }

    func testRealisticDeploymentRoundTrips() throws {
        let deployment: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": [
                "annotations": ["deployment.kubernetes.io/revision": "3",
                                "kubectl.kubernetes.io/last-applied-configuration": .string(lastApplied),
                                "note": "yes", "empty": "", "numberish": "0x1F"],
                "creationTimestamp": "2024-05-01T10:00:00Z", "generation": 3,
                "labels": ["app": "web", "version": "1.0"], "name": "web", "namespace": "default",
                "resourceVersion": "1061", "uid": "5d1c3f7e-2b4a-4c9d-8e6f-1a2b3c4d5e6f",
            ],
            "spec": [
                "progressDeadlineSeconds": 600, "replicas": 2, "revisionHistoryLimit": 10,
                "selector": ["matchLabels": ["app": "web"]],
                "strategy": ["rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"], "type": "RollingUpdate"],
                "template": [
                    "metadata": ["creationTimestamp": nil, "labels": ["app": "web"]],
                    "spec": [
                        "containers": [[
                            "args": ["-c", "echo 'hi' && sleep 3600", "*", "multi\nline\n"],
                            "command": ["sh"], "env": [["name": "DEBUG", "value": "true"], ["name": "RATIO", "value": "0.5"]],
                            "image": "nginx:1.25", "imagePullPolicy": "IfNotPresent", "name": "nginx",
                            "ports": [["containerPort": 80, "protocol": "TCP"]],
                            "resources": ["limits": ["cpu": "500m", "memory": "128Mi"]],
                        ]],
                        "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
                        "securityContext": [:], "terminationGracePeriodSeconds": 30, "tolerations": [],
                    ],
                ],
            ],
            "status": [
                "availableReplicas": 2,
                "conditions": [[
                    "lastTransitionTime": "2024-05-01T10:00:05Z", "lastUpdateTime": "2024-05-01T10:00:05Z",
                    "message": "ReplicaSet \"web-7d4b9c8f5\" has successfully progressed. A long tail to make it wrap past eighty columns.",
                    "reason": "NewReplicaSetAvailable", "status": "True", "type": "Progressing",
                ]],
                "observedGeneration": 3, "readyReplicas": 2, "replicas": 2, "updatedReplicas": 2, "ratio": 0.25,
            ],
        ]
        let text = YAMLWriter.string(deployment)
        XCTAssertEqual(try ManifestReader.read(text: text, source: "roundtrip.yaml"), [deployment])
        XCTAssertTrue(text.contains("    kubectl.kubernetes.io/last-applied-configuration: |\n      {\"apiVersion\""))
        // The annotation's JSON itself reads back as the same object.
        let applied = try ManifestReader.read(text: lastApplied, source: "annotation")
        XCTAssertEqual(applied.first?[path: ["spec", "replicas"]], 2)
    }
}
