import Foundation
import Model
import Store
import Codec

/// `logbook patch`: strategic (default), merge or JSON patch, given inline (JSON or YAML) or from a file.
enum PatchCommand: Command {
    static let name = "patch"
    static let abstract = "Update fields of an object using a strategic merge, JSON merge or JSON patch"
    static let usage = """
        Usage: logbook patch (TYPE NAME | TYPE/NAME) (-p PATCH | --patch-file FILE) [--type strategic|merge|json] [flags]

        Examples:
          logbook patch deployment web -p '{"spec":{"replicas":5}}'
          logbook patch deploy/web --type=merge -p '{"metadata":{"labels":{"tier":"front"}}}'
          logbook patch deploy/web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'
        """
    static let flags: [Flag] = [
        Flag("patch", short: "p", value: "PATCH", help: "The patch, as JSON or YAML"),
        Flag("patch-file", value: "FILE", help: "A file holding the patch"),
        Flag("type", value: "TYPE", help: "strategic (default), merge or json"),
        Flag("subresource", value: "NAME", help: "status: patch the status subresource"),
        Flag("dry-run", value: "MODE", help: "none, client or server"),
    ]

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let selection = try ResourceSelection.parse(arguments.positional)
        guard selection.entries.count == 1, let entry = selection.entries.first, entry.names.count == 1 else {
            throw UsageError("patch takes exactly one object: TYPE NAME or TYPE/NAME")
        }
        let typeText = arguments.value("type") ?? "strategic"
        guard let type = PatchType(rawValue: typeText) else {
            throw UsageError("--type must be one of [json merge strategic], not \"\(typeText)\"")
        }
        let text: String
        if let inline = arguments.value("patch") { text = inline }
        else if let file = arguments.value("patch-file") {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw UsageError("unable to read patch file \(file)")
            }
            text = contents
        } else { throw UsageError("must specify --patch or --patch-file containing the contents of the patch") }
        let patch: JSONValue
        if let json = try? JSONValue.parse(text) { patch = json } else {
            do {
                guard let parsed = try ManifestReader.documents(bytes: Array(text.utf8), source: "patch").first?.0, parsed.objectValue != nil || parsed.arrayValue != nil
                else { throw UsageError("unable to parse \"\(text)\": the patch is empty") }
                patch = parsed
            } catch let error as ManifestError {
                throw UsageError("unable to parse \"\(text)\": \(error.reason)")
            }
        }
        let store = try context.writeStore()
        let before = try store.get(entry.kind, namespace: context.namespace, name: entry.names[0])
        let after = try store.patch(entry.kind, namespace: context.namespace, name: entry.names[0], patch: patch, type: type,
                                    subresource: arguments.value("subresource") == "status" ? .status : .main,
                                    context: context.writeContext, dryRun: (arguments.value("dry-run") ?? "none") != "none")
        let outcome = after.resourceVersion == before.resourceVersion ? "patched (no change)" : "patched"
        context.out("\(ObjectOutput.nameLine(after, kind: entry.kind)) \(outcome)\n")
        return 0
    }
}
