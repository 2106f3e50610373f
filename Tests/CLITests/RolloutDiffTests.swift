import XCTest
import Model
@testable import CLI
@testable import Store

/// `rollout history --diff` and `rollout diff`: who made each revision, and what changed (beyond kubectl).
final class RolloutDiffTests: XCTestCase {
    func testFieldDiffNamesContainersAndAnnotations() {
        let old = RolloutFixture.template(image: "nginx:1.24", hash: "a")
        var new = RolloutFixture.template(image: "nginx:1.25", hash: "b", annotations: ["kubectl.kubernetes.io/restartedAt": "2026-01-01T00:00:00Z"])
        new[path: ["spec", "containers"]] = [["name": "nginx", "image": "nginx:1.25", "env": [["name": "DEBUG", "value": "1"]]]]
        XCTAssertEqual(RolloutDiff.fieldDiff(old, new), [
            "~ spec.containers[nginx].image: nginx:1.24 -> nginx:1.25",
            "+ metadata.annotations[\"kubectl.kubernetes.io/restartedAt\"]: 2026-01-01T00:00:00Z",
            "+ spec.containers[nginx].env[DEBUG].name: DEBUG",
            "+ spec.containers[nginx].env[DEBUG].value: 1",
        ])
        XCTAssertEqual(RolloutDiff.fieldDiff(old, RolloutFixture.template(image: "nginx:1.24", hash: "c")), [],
                       "the pod-template-hash label is not a change")
    }

    func testHistoryDiffShowsWhoMadeEachRevisionAndWhatChanged() throws {
        let f = try RolloutFixture()
        try f.threeRevisions()
        try f.mirrorRevisionHistory()
        let rs = try f.store.readEvents(EventFilter(kind: "ReplicaSet")).map(\.seq)
        let result = f.logbook("rollout", "history", "deployment/web", "--diff")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, """
            deployment.apps/web
            REVISION 1  replicaset web-5d8f7c9b4  change-cause: <none>
              made by    seq \(rs[0]) at 2026-01-01T00:00:00Z: deployment-controller create replicaset/web-5d8f7c9b4
            REVISION 2  replicaset web-7c6d5f8b9  change-cause: upgrade to 1.25
              made by    seq \(rs[1]) at 2026-01-01T00:00:00Z: deployment-controller create replicaset/web-7c6d5f8b9
              changes from revision 1:
                ~ spec.containers[nginx].image: nginx:1.24 -> nginx:1.25
            REVISION 3  replicaset web-66b6c48dd5  change-cause: upgrade to 1.26
              made by    seq \(rs[2]) at 2026-01-01T00:00:00Z: deployment-controller create replicaset/web-66b6c48dd5
              changes from revision 2:
                ~ spec.containers[nginx].image: nginx:1.25 -> nginx:1.26

            """)
        let pair = f.logbook("rollout", "diff", "deployment/web", "1", "3")
        XCTAssertEqual(pair.code, 0, pair.err)
        XCTAssertTrue(pair.out.hasSuffix("  changes from revision 1:\n    ~ spec.containers[nginx].image: nginx:1.24 -> nginx:1.26\n"), pair.out)
    }

    /// A controller's write names the person's write that set it going.
    func testDiffFollowsTheCauseToThePersonsWrite() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        let created = try f.store.lastSeq()
        try f.createReplicaSet(hash: "5d8f7c9b4", image: "nginx:1.24", revision: 1,
                               context: WriteContext(actor: "deployment-controller", cause: created))
        try f.mirrorRevisionHistory()
        let out = f.logbook("rollout", "diff", "deployment/web").out
        XCTAssertTrue(out.contains("  caused by  seq \(created) at 2026-01-01T00:00:00Z: kubernetes-admin create deployment/web\n"), out)
    }
}
