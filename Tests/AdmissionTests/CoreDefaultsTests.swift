import XCTest
import Model
@testable import Admission

final class CoreDefaultsTests: XCTestCase {
    func testPodDefaults() {
        let p = Fixtures.defaulted(Fixtures.pod(), .pod)
        XCTAssertEqual(p[path: ["spec", "enableServiceLinks"]], true)
        XCTAssertEqual(p[path: ["spec", "restartPolicy"]], "Always")
        XCTAssertEqual(p[path: ["spec", "containers"]]?.arrayValue?[0]["imagePullPolicy"], "Always")
    }

    func testImagePullPolicyRule() {
        let cases: [(String, String)] = [
            ("nginx", "Always"), ("nginx:latest", "Always"), ("nginx:1.25", "IfNotPresent"),
            ("nginx@sha256:abc", "IfNotPresent"), ("nginx:latest@sha256:abc", "Always"),
            ("localhost:5000/app", "Always"), ("localhost:5000/app:v1", "IfNotPresent"),
            ("nginx:LATEST", "IfNotPresent"), ("", "IfNotPresent"),
            ("Nginx", "IfNotPresent"), ("nginx:", "IfNotPresent"), ("@sha256:abc", "IfNotPresent"),
            ("a/b:latest", "Always"), ("a:1/b", "Always"), ("registry/ünicode", "Always"),
            ("registry/ünicode:latest", "Always"), ("registry/ünicode:v1", "IfNotPresent"), ("Ünicode", "IfNotPresent"),
        ]
        for (image, policy) in cases {
            XCTAssertEqual(PodDefaults.imagePullPolicy(for: image), policy, image)
        }
    }

    func testRequestsDefaultToLimitsAndProbeDefaults() {
        var p = Fixtures.pod(image: "nginx:1")
        p[path: ["spec", "containers"]] = [[
            "name": "c", "image": "nginx:1",
            "resources": ["limits": ["cpu": "500m"], "requests": ["memory": "1Gi"]],
            "ports": [["containerPort": 80]],
            "livenessProbe": ["httpGet": ["port": 80]],
        ]]
        let c = Fixtures.defaulted(p, .pod)[path: ["spec", "containers"]]!.arrayValue![0]
        XCTAssertEqual(c[path: ["resources", "requests"]], ["cpu": "500m", "memory": "1Gi"])
        XCTAssertEqual(c["ports"], [["containerPort": 80, "protocol": "TCP"]])
        XCTAssertEqual(c["livenessProbe"], [
            "httpGet": ["port": 80, "path": "/", "scheme": "HTTP"],
            "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3,
        ])
    }

    func testServiceDefaults() {
        let svc: JSONValue = ["apiVersion": "v1", "kind": "Service", "metadata": ["name": "web"],
                              "spec": ["selector": ["app": "web"], "ports": [["port": 80]]]]
        let out = Fixtures.defaulted(svc, .service)
        XCTAssertEqual(out[path: ["spec", "type"]], "ClusterIP")
        XCTAssertEqual(out[path: ["spec", "sessionAffinity"]], "None")
        XCTAssertEqual(out[path: ["spec", "internalTrafficPolicy"]], "Cluster")
        XCTAssertEqual(out[path: ["spec", "ipFamilyPolicy"]], "SingleStack")
        XCTAssertEqual(out[path: ["spec", "ipFamilies"]], ["IPv4"])
        XCTAssertEqual(out[path: ["spec", "ports"]], [["port": 80, "protocol": "TCP", "targetPort": 80]])
        XCTAssertNil(out[path: ["spec", "clusterIP"]], "allocation is the store's job")
        XCTAssertTrue(Admission.validateCreate(out, kind: .service).errors.isEmpty)
    }

    func testNamespaceSecretVolumeDefaults() {
        let ns = Fixtures.defaulted(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "team-a"]], .namespace)
        XCTAssertEqual(ns.labels, ["kubernetes.io/metadata.name": "team-a"])
        XCTAssertEqual(ns[path: ["spec", "finalizers"]], ["kubernetes"])
        XCTAssertEqual(ns[path: ["status", "phase"]], "Active")

        let secret = Fixtures.defaulted(["kind": "Secret", "metadata": ["name": "s"], "stringData": ["user": "admin"]], .secret)
        XCTAssertEqual(secret["type"], "Opaque")
        XCTAssertEqual(secret["data"], ["user": "YWRtaW4="])
        XCTAssertNil(secret["stringData"])

        let pv = Fixtures.defaulted(["kind": "PersistentVolume", "metadata": ["name": "pv1"],
                                     "spec": ["capacity": ["storage": "1Gi"], "accessModes": ["ReadWriteOnce"],
                                              "hostPath": ["path": "/data"]]], .persistentVolume)
        XCTAssertEqual(pv[path: ["spec", "persistentVolumeReclaimPolicy"]], "Retain")
        XCTAssertEqual(pv[path: ["spec", "volumeMode"]], "Filesystem")
        XCTAssertEqual(pv[path: ["status", "phase"]], "Pending")
        XCTAssertTrue(Admission.validateCreate(pv, kind: .persistentVolume).errors.isEmpty)

        let sc = Fixtures.defaulted(["kind": "StorageClass", "metadata": ["name": "fast"], "provisioner": "x.io/y"], .storageClass)
        XCTAssertEqual(sc["reclaimPolicy"], "Delete")
        XCTAssertEqual(sc["volumeBindingMode"], "Immediate")
    }

    func testQuantityParsing() {
        XCTAssertEqual(Quantity("100m")?.value, 0.1)
        XCTAssertEqual(Quantity("1Gi")?.value, 1_073_741_824)
        XCTAssertEqual(Quantity("2")?.value, 2)
        XCTAssertEqual(Quantity("1e3")?.value, 1000)
        XCTAssertEqual(Quantity("1.5k")?.value, 1500)
        XCTAssertNil(Quantity("1GB"))
        XCTAssertNil(Quantity("abc"))
    }

    func testSubdomainNames() {
        let names: [(String, Bool)] = [
            ("a", true), ("example.com", true), ("a-b.c-d", true), ("1.2.3", true), ("", false), (".", false),
            ("a.", false), (".a", false), ("a..b", false), ("a-.b", false), ("a.-b", false), ("-a", false),
            ("a-", false), ("A.b", false), ("a_b", false), ("ü.a", false),
        ]
        for (name, valid) in names {
            XCTAssertEqual(NameRules.dns1123SubdomainErrors(name).isEmpty, valid, name)
        }
    }

    func testQuantityEdgeCases() {
        let values: [(String, Double?)] = [
            (" 100m ", 0.1), ("+1Ki", 1024), ("-2", -2), (".5", 0.5), ("2E3", 2000), ("1e-3", 0.001),
            ("1234567890123456789", 1_234_567_890_123_456_789), ("0.1M", 100_000),
            (".", nil), ("1.2.3", nil), ("5e", nil), ("100 m", nil), ("", nil), ("   ", nil), ("-", nil),
            ("1µ", nil), ("１", nil), ("1e\u{301}", nil), ("\r\n1", nil),
        ]
        for (text, value) in values {
            XCTAssertEqual(Quantity(text)?.value, value, text)
            XCTAssertEqual(Quantity(text)?.text, value == nil ? nil : text, text)
        }
        XCTAssertNil(Quantity(""))
    }
}
