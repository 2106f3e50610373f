import Model
import Store

/// `logbook replace -f`: PUT each object; a stale resourceVersion is a 409 Conflict.
enum ReplaceCommand: Command {
    static let name = "replace"
    static let abstract = "Replace objects by file name or stdin"
    static let usage = """
        Usage: logbook replace -f FILENAME [flags]

        Examples:
          logbook get deploy web -o yaml > web.yaml; edit web.yaml; logbook replace -f web.yaml
        """
    static let flags: [Flag] = [ManifestInput.flag]

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let manifests = try ManifestInput.load(arguments, context, verb: "replace")
        let store = try context.writeStore()
        return try ManifestInput.each(manifests, context, verb: { _ in "replacing" }) { manifest in
            let kind = try Store.resolveKind(of: manifest.object)
            let replaced = try store.update(manifest.object, namespace: context.namespace, context: context.writeContext)
            return "\(ObjectOutput.nameLine(replaced, kind: kind)) replaced"
        }
    }
}
