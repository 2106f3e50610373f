import Model
import Store
import Printers
import Determinism

/// `logbook get`: kubectl's get over the current-state projection.
enum GetCommand: Command {
    static let name = "get"
    static let abstract = "Display one or many objects"
    static let usage = """
        Usage: logbook get (TYPE[,TYPE...] [NAME...] | TYPE/NAME...) [flags]

        Examples:
          logbook get pods
          logbook get deploy web -o yaml
          logbook get all -A
          logbook get pods -l app=web --field-selector status.phase=Running -o wide
        """
    static let flags: [Flag] = [
        Flag("output", short: "o", value: "FORMAT", help: "Output format: wide, json, yaml, name"),
        Flag("selector", short: "l", value: "SELECTOR", help: "Label selector, e.g. app=web,tier!=db"),
        Flag("field-selector", value: "SELECTOR", help: "Field selector, e.g. status.phase=Running"),
        Flag("show-labels", help: "Add a LABELS column"),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try OutputFormat(arguments.value("output"))
        let selection = try ResourceSelection.parse(arguments.positional)
        if let code = try runFromPodRows(arguments, context, format: format, selection: selection) { return code }
        let store = try context.readStore()
        let now = try store.now()
        let labels = try LabelSelector.parse(arguments.value("selector") ?? "")
        var collected: [JSONValue] = []
        var tables: [String] = []
        var failed = false
        let named = selection.entries.contains { !$0.names.isEmpty }
        for entry in selection.entries {
            let fields = try FieldSelector.parse(arguments.value("field-selector") ?? "", kind: entry.kind)
            let options = TableOptions(wide: format == .wide, showKind: selection.multipleKinds,
                                       showNamespace: context.allNamespaces && entry.kind.namespaced,
                                       showLabels: arguments.bool("show-labels"))
            let (objects, missing) = try entry.objects(in: store, context: context, labels: labels, fields: fields)
            if missing > 0 { failed = true }
            switch format {
            case .json, .yaml: collected += objects
            case .name: collected += objects; tables.append(objects.map { ObjectOutput.nameLine($0, kind: entry.kind) + "\n" }.joined())
            case .table, .wide:
                guard !objects.isEmpty else { continue }
                tables.append(TablePrinter.table(objects, kind: entry.kind, now: now, options: options))
            }
        }
        switch format {
        case .json, .yaml:
            if !(collected.isEmpty && named) {
                context.out(ObjectOutput.serialized(collected, format: format, single: named && selection.entries.count == 1
                    && selection.entries[0].names.count == 1))
            }
        case .name: context.out(tables.joined())
        case .table, .wide:
            if tables.isEmpty, !failed {
                context.err(context.allNamespaces ? "No resources found\n" : "No resources found in \(context.namespace) namespace.\n")
            }
            context.out(tables.joined(separator: "\n"))
        }
        return failed ? 1 : 0
    }
}
