import Model
import Store

/// What `label` and `annotate` share: `KEY=VALUE` and `KEY-` arguments turned into a merge patch on one
/// metadata map, with kubectl's `--overwrite` rule.
enum MetadataMapEdit {
    static let flags: [Flag] = [
        Flag("overwrite", help: "Allow replacing existing values"),
        Flag("resource-version", value: "VERSION", help: "Only update if the object still has this resourceVersion"),
        Flag("selector", short: "l", value: "SELECTOR", help: "Update every object matching this label selector"),
        Flag("all", help: "Update every object of the type in the namespace"),
    ]

    /// Runs `label` (`field` = `labels`) or `annotate` (`annotations`).
    static func run(_ arguments: ParsedArguments, _ context: CommandContext, field: String, verb: String) throws -> Int32 {
        let isChange = { (word: String) in word.contains("=") || (word.hasSuffix("-") && !word.contains("/")) }
        let resourceWords = arguments.positional.prefix { !isChange($0) }
        let changes = arguments.positional.dropFirst(resourceWords.count)
        guard !changes.isEmpty else { throw UsageError("at least one \(field == "labels" ? "label" : "annotation") update is required") }
        var set: [String: String] = [:], remove: [String] = []
        for change in changes {
            if let eq = change.firstIndex(of: "=") {
                set[String(change[..<eq])] = String(change[change.index(after: eq)...])
            } else { remove.append(String(change.dropLast())) }
        }
        let selection = try ResourceSelection.parse(Array(resourceWords))
        let store = try context.writeStore()
        var targets: [(ResourceKind, JSONValue)] = []
        for entry in selection.entries {
            if entry.names.isEmpty {
                guard arguments.has("selector") || arguments.bool("all") else {
                    throw UsageError("resource(s) were provided, but no name was specified")
                }
                let labels = try LabelSelector.parse(arguments.value("selector") ?? "")
                targets += try store.list(entry.kind, namespace: context.namespace, labels: labels).map { (entry.kind, $0) }
            } else {
                targets += try entry.names.map { (entry.kind, try store.get(entry.kind, namespace: context.namespace, name: $0)) }
            }
        }
        for (kind, object) in targets {
            let existing = field == "labels" ? object.labels : object.annotations
            if !arguments.bool("overwrite") {
                for key in set.keys.sorted() where existing[key] != nil && existing[key] != set[key] {
                    if field == "labels" {
                        throw UsageError("'\(key)' already has a value (\(existing[key]!)), and --overwrite is false")
                    }
                    throw UsageError("--overwrite is false but found the following declared annotation(s): '\(key)' already has a value (\(existing[key]!))")
                }
            }
            var map: JSONObject = [:]
            for (key, value) in set { map[key] = .string(value) }
            for key in remove { map[key] = .null }
            var metadata: JSONValue = [field: .object(map)]
            if let version = arguments.value("resource-version") { metadata["resourceVersion"] = .string(version) }
            let patched = try store.patch(kind, namespace: object.namespace, name: object.name, patch: ["metadata": metadata],
                                          type: .merge, context: context.writeContext)
            let word = patched.resourceVersion == object.resourceVersion ? "not \(verb)" : (set.isEmpty ? "un\(verb)" : verb)
            context.out("\(ObjectOutput.nameLine(patched, kind: kind)) \(word)\n")
        }
        return 0
    }
}

/// `logbook label`.
enum LabelCommand: Command {
    static let name = "label"
    static let abstract = "Update the labels on an object"
    static let usage = """
        Usage: logbook label (TYPE NAME | TYPE/NAME | TYPE -l SELECTOR) KEY_1=VAL_1 ... KEY_N=VAL_N [KEY-] [flags]

        Examples:
          logbook label deployment web tier=frontend
          logbook label deploy/web tier=backend --overwrite
          logbook label deploy web tier-
        """
    static let flags = MetadataMapEdit.flags
    static let settlesAfterwards = true
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        try MetadataMapEdit.run(arguments, context, field: "labels", verb: "labeled")
    }
}

/// `logbook annotate`.
enum AnnotateCommand: Command {
    static let name = "annotate"
    static let abstract = "Update the annotations on an object"
    static let usage = """
        Usage: logbook annotate (TYPE NAME | TYPE/NAME | TYPE -l SELECTOR) KEY_1=VAL_1 ... KEY_N=VAL_N [KEY-] [flags]

        Examples:
          logbook annotate deployment web kubernetes.io/change-cause="image 1.25"
          logbook annotate deploy/web team=blue --overwrite
          logbook annotate deploy web team-
        """
    static let flags = MetadataMapEdit.flags
    static let settlesAfterwards = true
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        try MetadataMapEdit.run(arguments, context, field: "annotations", verb: "annotated")
    }
}
