import Model
import Store
import Patch

/// `logbook apply -f`: kubectl's client-side apply, with the last-applied-configuration annotation and the
/// three-way strategic merge.
enum ApplyCommand: Command {
    static let name = "apply"
    static let abstract = "Apply a configuration to objects by file name or stdin"
    static let usage = """
        Usage: logbook apply -f FILENAME [flags]

        Creates objects that do not exist and patches those that do, from the difference between the file,
        the live object and the configuration last applied (kept in the annotation
        kubectl.kubernetes.io/last-applied-configuration). Prints created, configured or unchanged.

        Examples:
          logbook apply -f Examples/
          logbook apply -f web.yaml -n staging
        """
    static let flags: [Flag] = [ManifestInput.flag]
    static let lastAppliedKey = "kubectl.kubernetes.io/last-applied-configuration"

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let manifests = try ManifestInput.load(arguments, context, verb: "apply")
        let store = try context.writeStore()
        return try ManifestInput.each(manifests, context, verb: { error in
            error.reason == .notFound || error.reason == .alreadyExists ? "creating" : "patching"
        }) { manifest in
            try apply(manifest.object, store: store, context: context)
        }
    }

    /// Applies one object; returns kubectl's line, e.g. `deployment.apps/web configured`.
    static func apply(_ input: JSONValue, store: Store, context: CommandContext) throws -> String {
        let kind = try Store.resolveKind(of: input)
        var object = input
        if kind.namespaced, object.namespace.isEmpty { object[path: ["metadata", "namespace"]] = .string(context.namespace) }
        let modified = withLastApplied(object)
        return try store.write {
            guard let live = try store.fetch(kind, namespace: object.namespace, name: object.name), !object.name.isEmpty else {
                let created = try store.create(modified, namespace: context.namespace, context: context.writeContext)
                return "\(ObjectOutput.nameLine(created, kind: kind)) created"
            }
            let original = live.annotations[lastAppliedKey].flatMap { try? JSONValue.parse($0) }
            if original == nil {
                context.err("Warning: resource \(kind.resource)/\(live.name) is missing the \(lastAppliedKey) annotation which is required by logbook apply. logbook apply should only be used on resources created declaratively by either logbook create --save-config or logbook apply. The missing annotation will be patched automatically.\n")
            }
            let patch: JSONValue
            do {
                patch = try StrategicMergePatch.threeWay(original: original, modified: modified, current: live, kind: kind.kind)
            } catch let error as PatchError {
                throw APIError.badRequest(error.message)
            }
            if patch == .emptyObject { return "\(ObjectOutput.nameLine(live, kind: kind)) unchanged" }
            let patched = try store.patch(kind, namespace: live.namespace, name: live.name, patch: patch, type: .strategic,
                                          context: context.writeContext)
            return "\(ObjectOutput.nameLine(patched, kind: kind)) configured"
        }
    }

    /// The object with its last-applied-configuration annotation set to itself, as kubectl computes it.
    static func withLastApplied(_ object: JSONValue) -> JSONValue {
        var stripped = object
        var annotations = stripped[path: ["metadata", "annotations"]]?.objectValue ?? [:]
        annotations[lastAppliedKey] = nil
        stripped[path: ["metadata", "annotations"]] = .object(annotations)
        var result = stripped
        annotations[lastAppliedKey] = .string(stripped.canonicalString() + "\n")
        result[path: ["metadata", "annotations"]] = .object(annotations)
        return result
    }
}
