import Model
import Store

/// `logbook set image`: changes container images in a pod template (or a pod) with the strategic merge
/// patch kubectl sends, `$setElementOrder/containers` included.
enum SetImageCommand: Command {
    static let name = "set"
    static let abstract = "Set a field of objects: set image CONTAINER=IMAGE"
    static let usage = """
        Usage: logbook set image (TYPE NAME | TYPE/NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... [flags]

        Examples:
          logbook set image deployment/web nginx=nginx:1.25
          logbook set image deployment/web '*=nginx:1.25'
        """
    static let flags: [Flag] = []

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard arguments.positional.first == "image" else {
            throw UsageError("set supports one subcommand: set image (TYPE NAME | TYPE/NAME) CONTAINER=IMAGE ...")
        }
        let words = Array(arguments.positional.dropFirst())
        let pairs = words.filter { $0.contains("=") }
        let resources = words.filter { !$0.contains("=") }
        guard !resources.isEmpty else {
            throw UsageError("one or more resources must be specified as <resource> <name> or <resource>/<name>")
        }
        guard !pairs.isEmpty else { throw UsageError("at least one image update is required") }
        var images: [(container: String, image: String)] = []
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("invalid image argument \"\(pair)\": expected CONTAINER=IMAGE")
            }
            images.append((parts[0], parts[1]))
        }
        let selection = try ResourceSelection.parse(resources)
        let store = try context.writeStore()
        var failed = false
        for entry in selection.entries {
            for name in entry.names {
                let object = try store.get(entry.kind, namespace: context.namespace, name: name)
                let update = try imagePatch(object, kind: entry.kind, images: images)
                for missing in update.missing {
                    context.err("error: unable to find container named \"\(missing)\"\n")
                    failed = true
                }
                guard let patch = update.patch else { continue }
                _ = try store.patch(entry.kind, namespace: context.namespace, name: name, patch: patch, type: .strategic,
                                    context: context.writeContext)
                context.out("\(entry.kind.qualifiedSingular)/\(name) image updated\n")
            }
        }
        return failed ? 1 : 0
    }

    /// The strategic merge patch that sets `images` in `object`'s pod spec (nil when nothing changes), and
    /// the container names asked for that the pod spec does not have.
    static func imagePatch(_ object: JSONValue, kind: ResourceKind,
                           images: [(container: String, image: String)]) throws -> (patch: JSONValue?, missing: [String]) {
        let specPath: [String]
        switch kind {
        case .pod: specPath = ["spec"]
        case .deployment, .replicaSet, .statefulSet: specPath = ["spec", "template", "spec"]
        default:
            throw RolloutError("\(kind.resource)\(kind.group.isEmpty ? "" : ".\(kind.group)") \"\(object.name)\" has no pod template to set an image in")
        }
        let spec = object[path: specPath] ?? .emptyObject
        var podPatch: JSONObject = [:]
        var missing: [String] = []
        var found = Set<String>()
        for list in ["initContainers", "containers"] {
            let containers = spec[list]?.arrayValue ?? []
            var changed: [JSONValue] = []
            for container in containers {
                let name = container["name"]?.stringValue ?? ""
                guard let wanted = images.last(where: { $0.container == name || $0.container == "*" }) else { continue }
                found.insert(wanted.container)
                if container["image"]?.stringValue != wanted.image {
                    changed.append(["image": .string(wanted.image), "name": .string(name)])
                }
            }
            guard !changed.isEmpty else { continue }
            podPatch["$setElementOrder/\(list)"] = .array(containers.map { ["name": $0["name"] ?? .null] })
            podPatch[list] = .array(changed)
        }
        for (container, _) in images where container != "*" && !found.contains(container) && !missing.contains(container) {
            missing.append(container)
        }
        guard !podPatch.isEmpty else { return (nil, missing) }
        var patch = JSONValue.object(podPatch)
        for key in specPath.reversed() { patch = .object([key: patch]) }
        return (patch, missing)
    }
}
