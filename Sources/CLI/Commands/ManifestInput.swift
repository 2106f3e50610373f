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

    /// Runs `body` for each manifest, printing the line it returns. An API error on one manifest is
    /// printed in kubectl's words (`error when <verb(error)> "<file>": …`) and the others still run; the
    /// exit code is 1 if any failed.
    static func each(_ manifests: [Manifest], _ context: CommandContext, verb: (APIError) -> String,
                     _ body: (Manifest) throws -> String) throws -> Int32 {
        var failed = false
        for manifest in manifests {
            do {
                context.out(try body(manifest) + "\n")
            } catch let error as APIError {
                context.err(ManifestErrors.message(error, verb: verb(error), source: manifest.source,
                                                   object: manifest.object) + "\n")
                failed = true
            }
        }
        return failed ? 1 : 0
    }
}
