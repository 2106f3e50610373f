import XCTest
import Model
@testable import CLI
@testable import Store

/// `rollout pause|resume|restart`, `scale` and `set image` (deployment.md §6.3, kubectl-wire.md §5–§6).
final class RolloutVerbsTests: XCTestCase {
    func testPauseResumeAndTheirErrors() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        XCTAssertEqual(f.logbook("rollout", "pause", "deployment/web").out, "deployment.apps/web paused\n")
        XCTAssertEqual(try f.deployment[path: ["spec", "paused"]], .bool(true))
        let again = f.logbook("rollout", "pause", "deployment/web")
        XCTAssertEqual(again.code, 1)
        XCTAssertEqual(again.err, "error: deployments.apps \"web\" is already paused\n")

        XCTAssertEqual(f.logbook("rollout", "resume", "deploy", "web").out, "deployment.apps/web resumed\n")
        XCTAssertNotEqual(try f.deployment[path: ["spec", "paused"]], .bool(true))
        let notPaused = f.logbook("rollout", "resume", "deployment/web")
        XCTAssertEqual(notPaused.code, 1)
        XCTAssertEqual(notPaused.err, "error: deployments.apps \"web\" is not paused\n")
    }

    func testPauseIsOnlyForDeployments() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try f.createReplicaSet(hash: "5d8f7c9b4", image: "nginx:1.24", revision: 1)
        XCTAssertEqual(f.logbook("rollout", "pause", "rs/web-5d8f7c9b4").err,
                       "error: replicasets.apps \"web-5d8f7c9b4\" pausing is not supported\n")
        XCTAssertEqual(f.logbook("rollout", "resume", "rs/web-5d8f7c9b4").err,
                       "error: replicasets.apps \"web-5d8f7c9b4\" resuming is not supported\n")
    }

    /// Restart stamps the template with the simulated now; a paused Deployment is refused.
    func testRestartSetsRestartedAtAndIsRefusedWhilePaused() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        let generation = try f.deployment.generation
        XCTAssertEqual(f.logbook("rollout", "restart", "deployment/web").out, "deployment.apps/web restarted\n")
        let d = try f.deployment
        XCTAssertEqual(d[path: ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]]?.stringValue,
                       try f.store.now().rfc3339)
        XCTAssertEqual(d.generation, generation + 1, "a template change")
        f.logbook("rollout", "pause", "deployment/web")
        let refused = f.logbook("rollout", "restart", "deployment/web")
        XCTAssertEqual(refused.code, 1)
        XCTAssertEqual(refused.err, "error: can't restart paused deployment (run rollout resume first)\n")
    }

    func testSetImageSendsKubectlsPatchAndReportsUnknownContainers() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        XCTAssertEqual(f.logbook("set", "image", "deployment/web", "nginx=nginx:1.25").out, "deployment.apps/web image updated\n")
        XCTAssertEqual(try f.deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.25")
        let patch = try SetImageCommand.imagePatch(try f.deployment, kind: .deployment, images: [("nginx", "nginx:1.26")])
        XCTAssertEqual(patch.patch?.canonicalString(),
                       #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"image":"nginx:1.26","name":"nginx"}]}}}}"#)

        let before = try f.eventCount()
        let unchanged = f.logbook("set", "image", "deployment/web", "nginx=nginx:1.25")
        XCTAssertEqual(unchanged.code, 0)
        XCTAssertEqual(unchanged.out, "", "no change, no output, as kubectl")
        XCTAssertEqual(try f.eventCount(), before)

        let unknown = f.logbook("set", "image", "deployment/web", "x=busybox")
        XCTAssertEqual(unknown.code, 1)
        XCTAssertEqual(unknown.err, "error: unable to find container named \"x\"\n")
        XCTAssertEqual(try f.eventCount(), before)
    }

    func testScaleDeploymentAndReplicaSet() throws {
        let f = try RolloutFixture()
        try f.createDeployment(image: "nginx:1.24")
        try f.createReplicaSet(hash: "5d8f7c9b4", image: "nginx:1.24", revision: 1)
        XCTAssertEqual(f.logbook("scale", "deployment/web", "--replicas=5").out, "deployment.apps/web scaled\n")
        XCTAssertEqual(try f.deployment[path: ["spec", "replicas"]], 5)
        XCTAssertEqual(f.logbook("scale", "rs", "web-5d8f7c9b4", "--replicas=2").out, "replicaset.apps/web-5d8f7c9b4 scaled\n")
        XCTAssertEqual(try f.store.get(.replicaSet, namespace: "default", name: "web-5d8f7c9b4")[path: ["spec", "replicas"]], 2)

        let wrong = f.logbook("scale", "deployment/web", "--current-replicas=3", "--replicas=4")
        XCTAssertEqual(wrong.code, 1)
        XCTAssertEqual(wrong.err, "error: Expected replicas to be 3, was 5\n")
        XCTAssertEqual(f.logbook("scale", "deployment/web", "--current-replicas=5", "--replicas=4").out, "deployment.apps/web scaled\n")
        XCTAssertEqual(try f.deployment[path: ["spec", "replicas"]], 4)
        XCTAssertTrue(f.logbook("scale", "deployment/web").err.hasPrefix("error: required flag(s) \"replicas\" not set\n"))
    }
}
