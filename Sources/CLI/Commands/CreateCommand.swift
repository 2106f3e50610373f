import Model
import Store
import Codec

/// `logbook create -f`: POST each object; existing objects are an error.
enum CreateCommand: Command {
    static let name = "create"
    static let abstract = "Create objects from a file or from stdin"
    static let usage = """
        Usage: logbook create -f FILENAME [flags]

        Examples:
          logbook create -f Examples/web.yaml
          cat pod.json | logbook create -f -
        """
    static let flags: [Flag] = [ManifestInput.flag, Flag("dry-run", value: "MODE", help: "none, client or server: print what would happen, write nothing")]

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let manifests = try ManifestInput.load(arguments, context, verb: "create")
        let store = try context.writeStore()
        let dryRun = (arguments.value("dry-run") ?? "none") != "none"
        return try ManifestInput.each(manifests, context, verb: { _ in "creating" }) { manifest in
            let kind = try Store.resolveKind(of: manifest.object)
            let created = try store.create(manifest.object, namespace: context.namespace, context: context.writeContext,
                                           dryRun: dryRun)
            return "\(ObjectOutput.nameLine(created, kind: kind)) created\(dryRun ? " (dry run)" : "")"
        }
    }
}

/// kubectl's wording for an API error on one manifest of a `-f` command.
enum ManifestErrors {
    static func message(_ error: APIError, verb: String, source: String, object: JSONValue) -> String {
        if error.reason == .invalid { return error.cliMessage }
        if error.message.hasPrefix("no matches for kind") {
            return "error: resource mapping not found for name: \"\(object.name)\" namespace: \"\(object.namespace)\" from \"\(source)\": \(error.message)\nensure CRDs are installed first"
        }
        return "Error from server (\(error.reason.rawValue)): error when \(verb) \"\(source)\": \(error.message)"
    }
}
