import Model
import Store

/// What `get`, `describe` and `delete` were asked about: kinds, and names per kind.
struct ResourceSelection {
    struct Entry {
        var kind: ResourceKind
        /// Empty means every object of the kind.
        var names: [String]
    }
    var entries: [Entry]
    /// More than one kind was named (kubectl then prefixes names with the kind).
    var multipleKinds: Bool

    /// Parses kubectl's forms: `TYPE`, `TYPE NAME...`, `TYPE1,TYPE2`, `TYPE/NAME...`, `all`.
    static func parse(_ arguments: [String]) throws -> ResourceSelection {
        guard let first = arguments.first else {
            throw UsageError("You must specify the type of resource to get. Use \"logbook api-resources\" or see 'logbook help' for a list of the served kinds.")
        }
        if first.contains("/") {
            var entries: [Entry] = []
            for argument in arguments {
                let parts = argument.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[1].isEmpty else {
                    throw UsageError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'logbook get resource/<resource_name>' instead of 'logbook get resource resource/<resource_name>'")
                }
                let kind = try resolve(parts[0])
                if let i = entries.firstIndex(where: { $0.kind == kind }) { entries[i].names.append(parts[1]) }
                else { entries.append(Entry(kind: kind, names: [parts[1]])) }
            }
            return ResourceSelection(entries: entries, multipleKinds: entries.count > 1)
        }
        var kinds: [ResourceKind] = []
        for word in first.split(separator: ",").map(String.init) {
            if word.lowercased() == "all" { kinds += ResourceKind.categoryAll } else { kinds.append(try resolve(word)) }
        }
        let names = Array(arguments.dropFirst())
        if let bad = names.first(where: { $0.contains("/") }) {
            throw UsageError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'logbook get resource/<resource_name>' instead of 'logbook get resource \(bad)'")
        }
        let multiple = kinds.count > 1 || first.lowercased().split(separator: ",").contains("all")
        return ResourceSelection(entries: kinds.map { Entry(kind: $0, names: names) }, multipleKinds: multiple)
    }

    static func resolve(_ word: String) throws -> ResourceKind {
        guard let kind = ResourceKind.resolve(word) else {
            throw APIError(reason: .notFound, message: "the server doesn't have a resource type \"\(word)\"")
        }
        return kind
    }
}

extension ResourceSelection.Entry {
    /// The objects this entry names: every object of the kind (in the namespace, or all with `-A`)
    /// matching the selectors, or each named object. A missing named object is reported on stderr in
    /// kubectl's words and counted in `missing`.
    func objects(in store: Store, context: CommandContext, labels: LabelSelector,
                 fields: FieldSelector = FieldSelector()) throws -> (objects: [JSONValue], missing: Int) {
        guard !names.isEmpty else {
            let namespace: String? = context.allNamespaces || !kind.namespaced ? nil : context.namespace
            return (try store.list(kind, namespace: namespace, labels: labels, fields: fields), 0)
        }
        var found: [JSONValue] = [], missing = 0
        for name in names {
            if let object = try store.fetch(kind, namespace: context.namespace, name: name) {
                found.append(object)
            } else {
                context.err(APIError.notFound(kind, name).cliMessage + "\n")
                missing += 1
            }
        }
        return (found, missing)
    }
}

extension APIError {
    /// kubectl's line for an unknown resource type: `error: the server doesn't have a resource type "x"`.
    var isUnknownType: Bool { reason == .notFound && message.hasPrefix("the server doesn't have a resource type") }
}
