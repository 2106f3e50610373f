import XCTest
import Model
@testable import Admission

final class WorkloadDefaultsTests: XCTestCase {
    /// T1: a Deployment with only selector and template gets the apps/v1 defaults.
    func testDeploymentDefaults() {
        let d = Fixtures.defaulted(Fixtures.deployment(), .deployment)
        XCTAssertEqual(d[path: ["spec", "replicas"]], 1)
        XCTAssertEqual(d[path: ["spec", "strategy"]],
                       ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]])
        XCTAssertEqual(d[path: ["spec", "revisionHistoryLimit"]], 10)
        XCTAssertEqual(d[path: ["spec", "progressDeadlineSeconds"]], 600)
        let template = d[path: ["spec", "template"]]!
        XCTAssertEqual(template[path: ["metadata", "creationTimestamp"]], .null)
        XCTAssertEqual(template[path: ["spec", "restartPolicy"]], "Always")
        XCTAssertEqual(template[path: ["spec", "dnsPolicy"]], "ClusterFirst")
        XCTAssertEqual(template[path: ["spec", "schedulerName"]], "default-scheduler")
        XCTAssertEqual(template[path: ["spec", "terminationGracePeriodSeconds"]], 30)
        XCTAssertEqual(template[path: ["spec", "securityContext"]], .emptyObject)
        XCTAssertNil(template[path: ["spec", "enableServiceLinks"]], "only Pods get enableServiceLinks")
        let container = template[path: ["spec", "containers"]]!.arrayValue![0]
        XCTAssertEqual(container["imagePullPolicy"], "IfNotPresent")
        XCTAssertEqual(container["terminationMessagePath"], "/dev/termination-log")
        XCTAssertEqual(container["terminationMessagePolicy"], "File")
        XCTAssertEqual(container["resources"], .emptyObject)
        XCTAssertTrue(Admission.validateCreate(d, kind: .deployment).errors.isEmpty)
    }

    func testRecreateGetsNoRollingUpdateBlock() {
        var d = Fixtures.deployment()
        d[path: ["spec", "strategy"]] = ["type": "Recreate"]
        XCTAssertEqual(Fixtures.defaulted(d, .deployment)[path: ["spec", "strategy"]], ["type": "Recreate"])
    }

    func testExplicitValuesAreKept() {
        var d = Fixtures.deployment()
        d[path: ["spec", "replicas"]] = 0
        d[path: ["spec", "strategy"]] = ["rollingUpdate": ["maxSurge": 1]]
        let out = Fixtures.defaulted(d, .deployment)
        XCTAssertEqual(out[path: ["spec", "replicas"]], 0)
        XCTAssertEqual(out[path: ["spec", "strategy", "rollingUpdate"]], ["maxSurge": 1, "maxUnavailable": "25%"])
    }

    func testUnknownFieldsSurviveDefaulting() {
        var d = Fixtures.deployment()
        d["x-extra"] = ["keep": [1, 2]]
        d[path: ["spec", "futureField"]] = "yes"
        d[path: ["spec", "template", "spec", "containers"]] = [["name": "c", "image": "i", "madeUp": true]]
        let out = Fixtures.defaulted(d, .deployment)
        XCTAssertEqual(out["x-extra"], ["keep": [1, 2]])
        XCTAssertEqual(out[path: ["spec", "futureField"]], "yes")
        XCTAssertEqual(out[path: ["spec", "template", "spec", "containers"]]?.arrayValue?[0]["madeUp"], true)
    }

    func testReplicaSetDefaultsOnlyReplicas() {
        var rs = Fixtures.deployment()
        rs["kind"] = "ReplicaSet"
        let out = Fixtures.defaulted(rs, .replicaSet)
        XCTAssertEqual(out[path: ["spec", "replicas"]], 1)
        XCTAssertNil(out[path: ["spec", "strategy"]])
        XCTAssertNil(out[path: ["spec", "revisionHistoryLimit"]])
    }

    func testStatefulSetDefaults() {
        let s = Fixtures.defaulted(Fixtures.statefulSet(), .statefulSet)
        XCTAssertEqual(s[path: ["spec", "replicas"]], 1)
        XCTAssertEqual(s[path: ["spec", "podManagementPolicy"]], "OrderedReady")
        XCTAssertEqual(s[path: ["spec", "updateStrategy"]], ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]])
        XCTAssertEqual(s[path: ["spec", "revisionHistoryLimit"]], 10)
        XCTAssertEqual(s[path: ["spec", "persistentVolumeClaimRetentionPolicy"]],
                       ["whenDeleted": "Retain", "whenScaled": "Retain"])
        let claim = s[path: ["spec", "volumeClaimTemplates"]]!.arrayValue![0]
        XCTAssertEqual(claim[path: ["spec", "volumeMode"]], "Filesystem")
        XCTAssertEqual(claim[path: ["status", "phase"]], "Pending")
        XCTAssertEqual(claim[path: ["metadata", "creationTimestamp"]], .null)
        XCTAssertTrue(Admission.validateCreate(s, kind: .statefulSet).errors.isEmpty)
    }

    func testStatefulSetExplicitRollingUpdateTypeStaysWithoutPartition() {
        var s = Fixtures.statefulSet()
        s[path: ["spec", "updateStrategy"]] = ["type": "RollingUpdate"]
        XCTAssertEqual(Fixtures.defaulted(s, .statefulSet)[path: ["spec", "updateStrategy"]], ["type": "RollingUpdate"])
    }
}
