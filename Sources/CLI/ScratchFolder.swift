import Foundation

/// A new, uniquely named folder under the system's temporary directory (`mkdtemp`), for files a command
/// needs only while it runs. Nothing about it reaches the log.
enum ScratchFolder {
    static func make(prefix: String) throws -> URL {
        var template = Array(FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-XXXXXX").path.utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else {
            throw UsageError("cannot create a scratch folder in \(FileManager.default.temporaryDirectory.path): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made), isDirectory: true)
    }
}
