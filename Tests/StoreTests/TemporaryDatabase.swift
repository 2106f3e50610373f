import Foundation

/// A fresh database path in its own temporary folder, removed when the test ends.
final class TemporaryDatabase {
    let folder: URL
    var path: String { folder.appendingPathComponent("test.db").path }

    init() {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }
}
