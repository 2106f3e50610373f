import Model
import Store
import Printers
import Determinism

extension GetCommand {
    /// `get pods` as a table from the stored pod rows, without decoding any pod (also with `--at`, from an
    /// unpinned store); nil when the request needs the objects (another kind, names, a label selector,
    /// `--show-labels`, another output format, a field the rows cannot answer), and `run` lists them instead.
    /// Prints exactly what listing the objects prints, errors included.
    static func runFromPodRows(_ arguments: ParsedArguments, _ context: CommandContext, format: OutputFormat,
                               selection: ResourceSelection) throws -> Int32? {
        guard format == .table || format == .wide, !arguments.bool("show-labels"),
              selection.entries.allSatisfy({ $0.kind == .pod && $0.names.isEmpty }) else { return nil }
        // Opened as `readStore` opens it; with `--at` not pinned, as the rows at the point come from one query.
        let store = context.hasRequestedPoint ? try Store.open(path: context.databasePath, mode: .read) : try context.readStore()
        let seq = try context.requestedPoint.map { try store.resolve($0) }
        let labels = try LabelSelector.parse(arguments.value("selector") ?? "")
        let fields = try FieldSelector.parse(arguments.value("field-selector") ?? "", kind: .pod)
        guard labels.isEmpty, Store.podRowsAnswer(fields) else { return nil }
        let namespace = context.allNamespaces ? nil : context.namespace
        let options = TableOptions(wide: format == .wide, showKind: selection.multipleKinds,
                                   showNamespace: context.allNamespaces)
        var tables: [String] = []
        for _ in selection.entries {
            let pods: [ListedPod], now: Timestamp
            if let seq {
                guard let answer = try store.podRows(at: seq, namespace: namespace, fields: fields) else { return nil }
                (pods, now) = (answer.pods, answer.now)
            } else {
                guard let listed = try store.podRows(namespace: namespace, fields: fields) else { return nil }
                (pods, now) = (listed, try store.now())
            }
            if !pods.isEmpty { tables.append(TablePrinter.podTable(pods, now: now, options: options)) }
        }
        if tables.isEmpty {
            context.err(context.allNamespaces ? "No resources found\n" : "No resources found in \(context.namespace) namespace.\n")
        }
        context.out(tables.joined(separator: "\n"))
        return 0
    }
}
