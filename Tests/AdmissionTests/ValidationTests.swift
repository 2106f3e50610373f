import XCTest
import Model
@testable import Admission

final class ValidationTests: XCTestCase {
    /// T40 (a)
    func testTemplateLabelsMustMatchSelector() {
        let errors = Fixtures.createErrors(Fixtures.deployment(labels: ["app": "other"]), .deployment)
        XCTAssertEqual(errors, ["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\"}: `selector` does not match template `labels`"])
    }

    /// T40 (b)
    func testSelectorIsImmutable() {
        let old = Fixtures.defaulted(Fixtures.deployment(), .deployment)
        var new = old
        new[path: ["spec", "selector"]] = ["matchLabels": ["app": "web2"]]
        new[path: ["spec", "template", "metadata", "labels"]] = ["app": "web2"]
        let errors = Admission.validateUpdate(new, old: old, kind: .deployment).errors.map(\.description)
        XCTAssertEqual(errors, ["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"])
    }

    /// T40 (c), (d), (e), (f)
    func testDeploymentFieldErrors() {
        var d = Fixtures.deployment()
        d[path: ["spec", "replicas"]] = -1
        XCTAssertEqual(Fixtures.createErrors(d, .deployment), ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"])

        XCTAssertEqual(Fixtures.createErrors(Fixtures.deployment(name: "Web_1"), .deployment), [
            "metadata.name: Invalid value: \"Web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
        ])

        d = Fixtures.deployment()
        d[path: ["spec", "template", "spec", "restartPolicy"]] = "Never"
        XCTAssertEqual(Fixtures.createErrors(d, .deployment),
                       ["spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""])

        d = Fixtures.deployment()
        d[path: ["spec", "minReadySeconds"]] = 30
        d[path: ["spec", "progressDeadlineSeconds"]] = 30
        XCTAssertEqual(Fixtures.createErrors(d, .deployment),
                       ["spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"])
    }

    /// T40 (g)
    func testDottedNameIsAcceptedWithWarning() {
        let result = Admission.validateCreate(Fixtures.defaulted(Fixtures.deployment(name: "web.v2"), .deployment), kind: .deployment)
        XCTAssertEqual(result.errors, [])
        XCTAssertEqual(result.warnings, ["metadata.name: this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"])
    }

    /// T1 and T2: strategy rules.
    func testStrategyRules() {
        var d = Fixtures.deployment()
        d[path: ["spec", "strategy"]] = ["type": "Recreate", "rollingUpdate": ["maxSurge": 1]]
        XCTAssertEqual(Fixtures.createErrors(d, .deployment),
                       ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"])

        d[path: ["spec", "strategy"]] = ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 0, "maxUnavailable": "0%"]]
        let errors = Admission.validateCreate(Fixtures.defaulted(d, .deployment), kind: .deployment).errors
        XCTAssertEqual(errors.map(\.field), ["spec.strategy.rollingUpdate.maxUnavailable"])
        XCTAssertTrue(errors[0].message.hasSuffix("may not be 0 when `maxSurge` is 0"))

        d[path: ["spec", "strategy"]] = ["rollingUpdate": ["maxSurge": "x", "maxUnavailable": "150%"]]
        XCTAssertEqual(Fixtures.createErrors(d, .deployment), [
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"150%\"}: must not be greater than 100%",
        ])
    }

    func testMissingSelectorReportsBothErrors() {
        var d = Fixtures.deployment()
        d[path: ["spec", "selector"]] = nil
        XCTAssertEqual(Fixtures.createErrors(d, .deployment), [
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`",
        ])
    }

    /// T37
    func testCollisionCountCannotBeDecremented() {
        var old = Fixtures.defaulted(Fixtures.deployment(), .deployment)
        old["status"] = ["collisionCount": 1]
        var new = old
        new["status"] = ["collisionCount": 0]
        XCTAssertEqual(Admission.validateUpdate(new, old: old, kind: .deployment).errors.map(\.description),
                       ["status.collisionCount: Invalid value: 0: cannot be decremented"])
    }

    func testContainerRules() {
        var d = Fixtures.deployment()
        d[path: ["spec", "template", "spec", "containers"]] = [
            ["name": "a", "image": "x", "ports": [["containerPort": 70000]]],
            ["name": "a", "resources": ["requests": ["cpu": "2"], "limits": ["cpu": "1", "memory": "lots"]]],
        ]
        XCTAssertEqual(Fixtures.createErrors(d, .deployment), [
            "spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.template.spec.containers[1].name: Duplicate value: \"a\"",
            "spec.template.spec.containers[1].image: Required value",
            "spec.template.spec.containers[1].resources.limits[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
            "spec.template.spec.containers[1].resources.requests[cpu]: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
        ])
        d[path: ["spec", "template", "spec", "containers"]] = []
        XCTAssertEqual(Fixtures.createErrors(d, .deployment), ["spec.template.spec.containers: Required value"])
    }

    func testStatefulSetImmutableFields() {
        let old = Fixtures.defaulted(Fixtures.statefulSet(), .statefulSet)
        var new = old
        new[path: ["spec", "replicas"]] = 5
        new[path: ["spec", "template", "spec", "containers"]] = [["name": "pg", "image": "postgres:17"]]
        new = Fixtures.defaulted(new, .statefulSet)
        XCTAssertEqual(Admission.validateUpdate(new, old: old, kind: .statefulSet).errors, [])
        new[path: ["spec", "serviceName"]] = "other"
        XCTAssertEqual(Admission.validateUpdate(new, old: old, kind: .statefulSet).errors.map(\.description), [
            "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        ])
    }

    func testPodUpdateMayOnlyChangeImages() {
        let old = Fixtures.defaulted(Fixtures.pod(image: "nginx:1"), .pod)
        var new = old
        new[path: ["spec", "containers"]] = [old[path: ["spec", "containers"]]!.arrayValue![0].with("image", "nginx:2")]
        XCTAssertEqual(Admission.validateUpdate(new, old: old, kind: .pod).errors, [])
        new[path: ["spec", "restartPolicy"]] = "Never"
        let errors = Admission.validateUpdate(new, old: old, kind: .pod).errors
        XCTAssertEqual(errors.map(\.field), ["spec"])
        XCTAssertTrue(errors[0].message.hasPrefix("Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"))
    }

    func testServiceRules() {
        let svc: JSONValue = ["kind": "Service", "metadata": ["name": "1web"],
                              "spec": ["type": "Magic", "ports": [["port": 0], ["name": "b", "port": 80, "targetPort": 99999]]]]
        XCTAssertEqual(Fixtures.createErrors(svc, .service), [
            "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            "spec.ports[0].name: Required value",
            "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].targetPort: Invalid value: 99999: must be between 1 and 65535, inclusive",
        ])
    }

    func testServiceClusterIPIsImmutableButKeptWhenOmitted() {
        var old = Fixtures.defaulted(["kind": "Service", "metadata": ["name": "web"], "spec": ["ports": [["port": 80]]]], .service)
        old[path: ["spec", "clusterIP"]] = "10.96.1.5"
        old[path: ["spec", "clusterIPs"]] = ["10.96.1.5"]
        var applied: JSONValue = ["kind": "Service", "metadata": ["name": "web"], "spec": ["ports": [["port": 81]]]]
        Admission.prepareForUpdate(&applied, old: old, kind: .service)
        Admission.applyDefaults(&applied, kind: .service)
        XCTAssertEqual(applied[path: ["spec", "clusterIP"]], "10.96.1.5")
        XCTAssertEqual(Admission.validateUpdate(applied, old: old, kind: .service).errors, [])
        applied[path: ["spec", "clusterIPs"]] = ["10.96.1.6"]
        XCTAssertEqual(Admission.validateUpdate(applied, old: old, kind: .service).errors.map(\.description),
                       ["spec.clusterIPs[0]: Invalid value: []string{\"10.96.1.6\"}: may not change once set"])
    }

    func testClaimRulesAndImmutability() {
        let claim: JSONValue = ["kind": "PersistentVolumeClaim", "metadata": ["name": "data"], "spec": ["accessModes": ["ReadWriteSometimes"]]]
        XCTAssertEqual(Fixtures.createErrors(claim, .persistentVolumeClaim), [
            "spec.accessModes: Unsupported value: \"ReadWriteSometimes\": supported values: \"ReadOnlyMany\", \"ReadWriteMany\", \"ReadWriteOnce\", \"ReadWriteOncePod\"",
            "spec.resources[storage]: Required value",
        ])
        let old = Fixtures.defaulted(["kind": "PersistentVolumeClaim", "metadata": ["name": "data"],
                                      "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "1Gi"]]]],
                                     .persistentVolumeClaim)
        var bound = old
        bound[path: ["spec", "volumeName"]] = "pv1"
        XCTAssertEqual(Admission.validateUpdate(bound, old: old, kind: .persistentVolumeClaim).errors, [], "binder sets volumeName once")
        var changed = old
        changed[path: ["spec", "accessModes"]] = ["ReadWriteMany"]
        let errors = Admission.validateUpdate(changed, old: old, kind: .persistentVolumeClaim).errors
        XCTAssertEqual(errors.map(\.field), ["spec"])
        XCTAssertTrue(errors[0].message.hasPrefix("Forbidden: spec is immutable after creation except resources.requests"))
    }

    func testImmutableConfigMapAndMetadata() {
        let old: JSONValue = ["kind": "ConfigMap", "metadata": ["name": "c", "namespace": "default"], "immutable": true, "data": ["a": "1"]]
        var new = old
        new["data"] = ["a": "2"]
        XCTAssertEqual(Admission.validateUpdate(new, old: old, kind: .configMap).errors.map(\.description),
                       ["data: Forbidden: field is immutable when `immutable` is set"])
        new = old
        new[path: ["metadata", "name"]] = "d"
        XCTAssertEqual(Admission.validateUpdate(new, old: old, kind: .configMap).errors.map(\.description),
                       ["metadata.name: Invalid value: \"d\": field is immutable"])
    }

    func testMetadataRules() {
        let cm: JSONValue = ["kind": "ConfigMap", "metadata": ["labels": ["bad key": "v", "ok": "-bad"]], "data": ["a/b": "x"]]
        XCTAssertEqual(Fixtures.createErrors(cm, .configMap), [
            "metadata.name: Required value: name or generateName is required",
            "metadata.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            "metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            "data[a/b]: Invalid value: \"a/b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
        ])
        let ns: JSONValue = ["kind": "Namespace", "metadata": ["name": "team.a"]]
        XCTAssertEqual(Fixtures.createErrors(ns, .namespace), [
            "metadata.name: Invalid value: \"team.a\": must not contain dots",
        ])
    }
}

extension JSONValue {
    func with(_ key: String, _ value: JSONValue) -> JSONValue {
        var copy = self
        copy[key] = value
        return copy
    }
}
