import XCTest
import Model
@testable import CLI
@testable import Store

/// `rollout history` and `rollout undo` over hand-built ReplicaSets (deployment.md §6.1–6.2, §15 T21–T24).
final class RolloutHistoryTests: XCTestCase {
    /// T24: the table with its trailing space after the name, `<none>`, and the final blank line.
    func testHistoryTableMatchesKubectl() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try f.createReplicaSet(hash: "5d8f7c9b4", image: "nginx:1.24", revision: 1)
        try f.setDeployment(image: "nginx:1.16.1", revision: 2)
        try f.createReplicaSet(hash: "7c6d5f8b9", image: "nginx:1.16.1", revision: 2,
                               changeCause: "kubectl set image deployment/web nginx=nginx:1.16.1 --record=true")
        let result = f.logbook("rollout", "history", "deployment/web")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, """
            deployment.apps/web 
            REVISION  CHANGE-CAUSE
            1         <none>
            2         kubectl set image deployment/web nginx=nginx:1.16.1 --record=true


            """)
    }

    /// T24: `--revision=2` prints the pod template as kubectl's PrefixWriter does (tabs kept), with the hash
    /// label and the change-cause; an unknown revision is kubectl's error.
    func testHistoryRevisionShowsPodTemplate() throws {
        let f = try RolloutFixture()
        try f.threeRevisions()
        let result = f.logbook("rollout", "history", "deploy/web", "--revision=2")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, """
            deployment.apps/web with revision #2
            Pod Template:
              Labels:\tapp=web
            \tpod-template-hash=7c6d5f8b9
              Annotations:\tkubernetes.io/change-cause: upgrade to 1.25
              Containers:
               nginx:
                Image:\tnginx:1.25
                Port:\t<none>
                Host Port:\t<none>
                Environment:\t<none>
                Mounts:\t<none>
              Volumes:\t<none>
              Node-Selectors:\t<none>
              Tolerations:\t<none>


            """)
        let missing = f.logbook("rollout", "history", "deployment/web", "--revision=9")
        XCTAssertEqual(missing.code, 1)
        XCTAssertEqual(missing.err, "error: unable to find the specified revision\n")
        XCTAssertEqual(f.logbook("rollout", "history", "deployment/web", "--revision=-1").err,
                       "error: revision must be a positive integer: -1\n")
    }

    func testHistoryWithoutReplicaSetsAndForeignReplicaSets() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        XCTAssertEqual(f.logbook("rollout", "history", "deployment/web").out, "deployment.apps/web \nNo rollout history found.\n")
        // A ReplicaSet controlled by another owner uid does not count.
        try f.store.create([
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": ["name": "web-foreign", "labels": ["app": "web"],
                         "annotations": ["deployment.kubernetes.io/revision": "7"],
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "web",
                                              "uid": "someone-else", "controller": true]]],
            "spec": ["replicas": 0, "selector": ["matchLabels": ["app": "web"]], "template": RolloutFixture.template(image: "x")],
        ])
        XCTAssertEqual(f.logbook("rollout", "history", "deployment/web").out, "deployment.apps/web \nNo rollout history found.\n")
        XCTAssertEqual(f.logbook("rollout", "history", "deployment/nope").err,
                       "Error from server (NotFound): deployments.apps \"nope\" not found\n")
    }

    /// §6.1: plain undo goes to the second-highest revision with a JSON patch of template and annotations;
    /// the target's change-cause comes back and the Deployment's own annotations outside the skip list go.
    func testUndoRestoresPreviousTemplateAndAnnotations() throws {
        let f = try RolloutFixture()
        try f.threeRevisions()
        _ = try f.store.patch(.deployment, namespace: "default", name: "web",
                              patch: ["metadata": ["annotations": ["team": "blue"]]], type: .merge)
        let result = f.logbook("rollout", "undo", "deployment/web")
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.out, "deployment.apps/web rolled back\n")
        let d = try f.deployment
        XCTAssertEqual(d[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue, "nginx:1.25")
        XCTAssertNil(d[path: ["spec", "template", "metadata", "labels", "pod-template-hash"]], "the hash label is removed")
        XCTAssertEqual(d.annotations, ["deployment.kubernetes.io/revision": "3", "kubernetes.io/change-cause": "upgrade to 1.25"])
        let last = try XCTUnwrap(f.store.readEvents(EventFilter(kind: "Deployment")).last)
        XCTAssertEqual(last.verb, .patch)
        XCTAssertEqual(last.actor, "kubernetes-admin")
    }

    func testUndoToRevisionAndUnknownRevision() throws {
        let f = try RolloutFixture()
        try f.threeRevisions()
        XCTAssertEqual(f.logbook("rollout", "undo", "deployment/web", "--to-revision=1").out, "deployment.apps/web rolled back\n")
        XCTAssertEqual(try f.deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue,
                       "nginx:1.24")
        let missing = f.logbook("rollout", "undo", "deployment/web", "--to-revision=9")
        XCTAssertEqual(missing.code, 1)
        XCTAssertEqual(missing.err, "error: unable to find specified revision 9 in history\n")
    }

    /// T21: undo to the revision already running is skipped, with no write.
    func testUndoToCurrentRevisionIsSkipped() throws {
        let f = try RolloutFixture()
        try f.threeRevisions()
        let before = try f.eventCount()
        let result = f.logbook("rollout", "undo", "deployment/web", "--to-revision=3")
        XCTAssertEqual(result.code, 0)
        XCTAssertEqual(result.out, "deployment.apps/web skipped rollback (current template already matches revision 3)\n")
        XCTAssertEqual(try f.eventCount(), before, "no PATCH")
    }

    /// T22: one revision only.
    func testUndoWithoutHistory() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try f.createReplicaSet(hash: "5d8f7c9b4", image: "nginx:1.24", revision: 1)
        let result = f.logbook("rollout", "undo", "deployment/web")
        XCTAssertEqual(result.code, 1)
        XCTAssertEqual(result.err, "error: no rollout history found for deployment \"web\"\n")
    }

    /// T23: a paused Deployment is refused with no write; `--dry-run=client` still prints the template.
    func testUndoWhilePaused() throws {
        let f = try RolloutFixture()
        try f.threeRevisions()
        _ = try f.store.patch(.deployment, namespace: "default", name: "web", patch: ["spec": ["paused": true]], type: .merge)
        let before = try f.eventCount()
        let result = f.logbook("rollout", "undo", "deployment/web")
        XCTAssertEqual(result.code, 1)
        XCTAssertEqual(result.err, "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n")
        XCTAssertEqual(try f.eventCount(), before)
        let dry = f.logbook("rollout", "undo", "deployment/web", "--dry-run=client")
        XCTAssertEqual(dry.code, 0, dry.err)
        XCTAssertTrue(dry.out.hasPrefix("deployment.apps/web Pod Template:\n  Labels:\tapp=web\n\tpod-template-hash=7c6d5f8b9\n"), dry.out)
        XCTAssertTrue(dry.out.contains("    Image:\tnginx:1.25\n"))
        XCTAssertEqual(try f.eventCount(), before)
    }
}
