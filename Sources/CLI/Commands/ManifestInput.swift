import Foundation
import Model
import Codec

/// Reads what `-f` names (files, directories, `-` for standard input), all before anything is written,
/// so malformed input appends nothing.
enum ManifestInput {
    static let flag = Flag("filename", short: "f", value: "FILE", help: "A file, directory or - (stdin) holding manifests")

    static func load(_ arguments: ParsedArguments, _ context: CommandContext, verb: String) throws -> [Manifest] {
        let paths = arguments.all("filename")
        guard !paths.isEmpty else {
            throw UsageError("must specify one of -f and -k")
        }
        var manifests: [Manifest] = []
        for path in paths {
            if path == "-" {
                let text = context.standardInput()
                manifests += try ManifestReader.read(text: text, source: "STDIN").map { Manifest(object: $0, source: "STDIN") }
            } else {
                manifests += try ManifestReader.read(path: path)
            }
        }
        if manifests.isEmpty { throw UsageError("no objects passed to \(verb)") }
        return manifests
    }
}
