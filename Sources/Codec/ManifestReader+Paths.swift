import Foundation
import Model

extension ManifestReader {
    /// The file extensions kubectl reads from a directory.
    static let manifestExtensions = [".json", ".yaml", ".yml"]

    /// Reads what `-f` names: a file, a directory (its `.yaml`, `.yml` and `.json` files in sorted order,
    /// not recursing into subdirectories), or `-` for standard input (source `STDIN`).
    ///
    /// Each object's source is the file it came from (`dir/a.yaml` for a directory's file).
    public static func read(path: String) throws(ManifestError) -> [Manifest] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return try manifests(in: [UInt8](data), source: "STDIN")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ManifestError(kind: .missingPath, source: path, reason: "the path \"\(path)\" does not exist")
        }
        guard isDirectory.boolValue else { return try manifests(in: try contents(of: path), source: path) }

        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            throw ManifestError(kind: .unreadable, source: path, reason: error.localizedDescription)
        }
        let files = names
            .filter { name in manifestExtensions.contains { name.hasSuffix($0) } }
            .map { path.hasSuffix("/") ? path + $0 : path + "/" + $0 }
            .filter { file in
                var isDir: ObjCBool = false
                return FileManager.default.fileExists(atPath: file, isDirectory: &isDir) && !isDir.boolValue
            }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var result: [Manifest] = []
        for file in files { result += try manifests(in: try contents(of: file), source: file) }
        return result
    }

    private static func manifests(in bytes: [UInt8], source: String) throws(ManifestError) -> [Manifest] {
        try read(bytes: bytes, source: source).map { Manifest(object: $0, source: source) }
    }

    private static func contents(of file: String) throws(ManifestError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ManifestError(kind: .unreadable, source: file, reason: "permission denied or not a regular file")
        }
        return [UInt8](data)
    }
}
