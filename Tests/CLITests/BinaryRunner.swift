import Foundation

/// Runs the built `logbook` binary (or `sqlite3`) as a user would, capturing its output.
struct BinaryRunner {
    struct Result {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's root folder, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// `$LOGBOOK_BINARY`, else the debug build's `logbook`.
    static var logbook: String {
        if let path = ProcessInfo.processInfo.environment["LOGBOOK_BINARY"] { return path }
        return packageRoot.appendingPathComponent(".build/debug/logbook").path
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input, and waits for it.
    static func run(_ executable: String, _ arguments: [String], input: String = "", cwd: String? = nil,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        inp.fileHandleForWriting.write(Data(input.utf8))
        try inp.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(code: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func logbook(_ arguments: [String], input: String = "", cwd: String? = nil) throws -> Result {
        try run(logbook, arguments, input: input, cwd: cwd)
    }

    /// A `sqlite3` CLI query, one value per line.
    static func sqlite3(_ database: String, _ sql: String) throws -> Result {
        try run("/usr/bin/sqlite3", [database, sql])
    }
}

/// A temporary folder for one test, removed afterwards.
final class TemporaryFolder {
    let url: URL
    var path: String { url.path }
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("logbook-cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func file(_ name: String, _ contents: String) -> String {
        let path = url.appendingPathComponent(name).path
        try! contents.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
