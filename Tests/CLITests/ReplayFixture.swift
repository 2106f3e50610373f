import XCTest
import Foundation
@testable import CLI
@testable import Store

/// A database made by the CLI with the controllers running: a Deployment applied, its image set, and
/// the clock advanced, as a person would.
class ReplayFixture: CLITestCase {
    let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 3
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: app
                image: nginx:1.24
        """

    /// apply, set image, advance: a log with people's requests, controller events and clock steps.
    func recordRollout() {
        let manifest = folder.file("web.yaml", deployment)
        XCTAssertEqual(logbook("apply", "-f", manifest).code, 0)
        XCTAssertEqual(logbook("set", "image", "deployment/web", "app=nginx:1.25").code, 0)
        XCTAssertEqual(logbook("advance", "60s").code, 0)
    }

    func events(_ path: String) throws -> [LogEvent] { try Store.open(path: path, mode: .read).readEvents(EventFilter()) }
}
