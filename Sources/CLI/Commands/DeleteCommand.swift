import Model
import Store

/// `logbook delete`: by file, by TYPE NAME, by TYPE/NAME, or by label selector.
enum DeleteCommand: Command {
    static let name = "delete"
    static let abstract = "Delete objects by file names, stdin, names, or label selector"
    static let usage = """
        Usage: logbook delete (-f FILENAME | TYPE [NAME...] | TYPE/NAME... | TYPE -l SELECTOR | TYPE --all) [flags]

        A pod on a node is given its grace period (terminationGracePeriodSeconds, default 30s of simulated time)
        and shows as Terminating until its kubelet removes it; --now or --grace-period=0 removes it at once.

        Examples:
          logbook delete deployment web
          logbook delete -f Examples/web.yaml
          logbook delete pods -l app=web --now
        """
    static let flags: [Flag] = [
        ManifestInput.flag,
        Flag("selector", short: "l", value: "SELECTOR", help: "Delete the objects matching this label selector"),
        Flag("all", help: "Delete every object of the given types in the namespace"),
        Flag("grace-period", value: "SECONDS", help: "Seconds a pod gets to stop (default: its own setting)"),
        Flag("now", help: "Remove at once (the same as --grace-period=0)"),
        Flag("force", help: "With --grace-period=0, remove at once without waiting for the kubelet"),
        Flag("cascade", value: "MODE", help: "background (default), foreground or orphan"),
        Flag("ignore-not-found", help: "Treat a missing object as deleted"),
    ]

    static let settlesAfterwards = true

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        if let cascade = arguments.value("cascade"), !["background", "foreground", "orphan", "true", "false"].contains(cascade) {
            throw UsageError("invalid cascade value (\(cascade)). Must be \"background\", \"foreground\", or \"orphan\"")
        }
        var grace = try arguments.int("grace-period")
        if arguments.bool("now") { grace = 0 }
        if let g = grace, g < 0 { grace = nil }
        let propagation: DeleteOptions.Propagation
        switch arguments.value("cascade") ?? "background" {
        case "foreground": propagation = .foreground
        case "orphan", "false": propagation = .orphan
        default: propagation = .background
        }
        let options = DeleteOptions(gracePeriodSeconds: grace, propagation: propagation)
        var targets: [(ResourceKind, String, String)] = []
        var failed = false
        if arguments.has("filename") {
            for manifest in try ManifestInput.load(arguments, context, verb: "delete") {
                let kind = try Store.resolveKind(of: manifest.object)
                targets.append((kind, kind.namespaced ? (manifest.object.namespace.isEmpty ? context.namespace : manifest.object.namespace) : "", manifest.object.name))
            }
        } else {
            let selection = try ResourceSelection.parse(arguments.positional)
            let store = try context.writeStore()
            for entry in selection.entries {
                if entry.names.isEmpty {
                    guard arguments.has("selector") || arguments.bool("all") else {
                        throw UsageError("resource(s) were provided, but no name was specified")
                    }
                    let labels = try LabelSelector.parse(arguments.value("selector") ?? "")
                    for object in try store.list(entry.kind, namespace: context.allNamespaces ? nil : context.namespace, labels: labels) {
                        targets.append((entry.kind, object.namespace, object.name))
                    }
                } else {
                    targets += entry.names.map { (entry.kind, context.namespace, $0) }
                }
            }
        }
        let store = try context.writeStore()
        if targets.isEmpty, !failed { context.err("No resources found\n") }
        for (kind, namespace, name) in targets {
            do {
                try store.delete(kind, namespace: namespace, name: name, options: options, context: context.writeContext)
                context.out("\(kind.qualifiedSingular) \"\(name)\" deleted\n")
            } catch let error as APIError where error.reason == .notFound && arguments.bool("ignore-not-found") {
                continue
            } catch let error as APIError {
                context.err(error.cliMessage + "\n")
                failed = true
            }
        }
        return failed ? 1 : 0
    }
}
