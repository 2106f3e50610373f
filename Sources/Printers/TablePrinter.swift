import Model
import Determinism

/// Options for a `get` table, as kubectl's flags set them.
public struct TableOptions: Sendable {
    public var wide = false
    /// Prefix names with `deployment.apps/` (multi-kind output such as `get all`).
    public var showKind = false
    /// Add a NAMESPACE column (`-A`).
    public var showNamespace = false
    public var showLabels = false
    public init(wide: Bool = false, showKind: Bool = false, showNamespace: Bool = false, showLabels: Bool = false) {
        self.wide = wide; self.showKind = showKind; self.showNamespace = showNamespace; self.showLabels = showLabels
    }
}

/// kubectl's `get` tables for each kind: the columns and cells of the API server's table printers
/// (`pkg/printers/internalversion/printers.go`), laid out by kubectl's tab writer.
public enum TablePrinter {
    /// The table for objects of one kind, header included, each line ending in a newline; empty when
    /// there are no objects (the caller prints `No resources found ...`).
    public static func table(_ objects: [JSONValue], kind: ResourceKind, now: Timestamp, options: TableOptions) -> String {
        let layout = TableLayout.forKind(kind)
        return table(objects, layout: layout, kind: kind, options: options, cells: { layout.cells($0, now) },
                     namespace: \.namespace, labels: { LabelText.format($0.labels) })
    }

    /// The pod table `table` prints for the pods whose rows these are, byte for byte, without their
    /// objects (see `PodRow`). Rows carry no labels: `options.showLabels` must be false.
    public static func podTable(_ pods: [ListedPod], now: Timestamp, options: TableOptions) -> String {
        precondition(!options.showLabels, "pod rows carry no labels")
        let layout = TableLayout.forKind(.pod)
        return table(pods, layout: layout, kind: .pod, options: options,
                     cells: { TableLayout.podCells(name: $0.name, row: $0.row, now: now) },
                     namespace: \.namespace, labels: { _ in "" })
    }

    /// The table of `items`: a header, then one line of cells per item.
    private static func table<Item>(_ items: [Item], layout: TableLayout, kind: ResourceKind, options: TableOptions,
                                    cells: (Item) -> [String], namespace: (Item) -> String,
                                    labels: (Item) -> String) -> String {
        guard !items.isEmpty else { return "" }
        let visible = layout.columns.indices.filter { options.wide || !layout.columns[$0].wide }
        var header = visible.map { layout.columns[$0].header }
        if options.showNamespace { header.insert("NAMESPACE", at: 0) }
        if options.showLabels { header.append("LABELS") }
        var lines = [header]
        lines.reserveCapacity(items.count + 1)
        for item in items {
            let cells = cells(item)
            var row: [String] = visible.map { index in
                let cell = index < cells.count ? cells[index] : ""
                if options.showKind, layout.columns[index].isName { return "\(kind.qualifiedSingular)/\(cell)" }
                return cell
            }
            if options.showNamespace { row.insert(namespace(item), at: 0) }
            if options.showLabels { row.append(labels(item)) }
            lines.append(row)
        }
        return TabWriter.table().format(lines: lines)
    }

    /// The line `kubectl get -o name` prints for an object: `deployment.apps/web`, `pod/web-abc`.
    public static func nameLine(_ object: JSONValue, kind: ResourceKind) -> String {
        "\(kind.qualifiedSingular)/\(object.name)"
    }

    /// The column headers `table` prints for a kind (wide columns included when `wide`).
    public static func headers(for kind: ResourceKind, wide: Bool) -> [String] {
        TableLayout.forKind(kind).columns.filter { wide || !$0.wide }.map(\.header)
    }
}

/// One column of a kind's table.
struct Column: Sendable {
    /// The upper-cased header kubectl prints.
    let header: String
    /// Shown only with `-o wide` (priority 1 upstream).
    let wide: Bool
    /// The column that gets the `kind/` prefix in multi-kind output (`format: name` upstream).
    let isName: Bool

    static func plain(_ header: String) -> Column { Column(header: header, wide: false, isName: false) }
    static func wide(_ header: String) -> Column { Column(header: header, wide: true, isName: false) }
    static let name = Column(header: "NAME", wide: false, isName: true)
    static let age = Column.plain("AGE")
}

/// A kind's columns and how to compute one object's cells (all of them, wide ones included, in order).
struct TableLayout: Sendable {
    let columns: [Column]
    let cells: @Sendable (JSONValue, Timestamp) -> [String]

    static func forKind(_ kind: ResourceKind) -> TableLayout {
        switch kind.kind {
        case "Pod": return podLayout
        case "Deployment": return deploymentLayout
        case "ReplicaSet": return replicaSetLayout
        case "StatefulSet": return statefulSetLayout
        case "ControllerRevision": return controllerRevisionLayout
        case "Service": return serviceLayout
        case "Endpoints": return endpointsLayout
        case "EndpointSlice": return endpointSliceLayout
        case "Node": return nodeLayout
        case "Namespace": return namespaceLayout
        case "PersistentVolume": return persistentVolumeLayout
        case "PersistentVolumeClaim": return persistentVolumeClaimLayout
        case "StorageClass": return storageClassLayout
        case "ConfigMap": return configMapLayout
        case "Secret": return secretLayout
        case "ServiceAccount": return serviceAccountLayout
        case "Event": return eventLayout
        default:
            return TableLayout(columns: [.name, .age]) { object, now in
                [object.name, HumanDuration.since(object.creationTimestamp, now: now)]
            }
        }
    }
}

/// Shared cell helpers.
enum Cells {
    static func age(_ object: JSONValue, _ now: Timestamp) -> String {
        HumanDuration.since(object.creationTimestamp, now: now)
    }

    /// `layoutContainerCells`: container names and images, comma-separated.
    static func containers(_ podSpec: JSONValue?) -> (names: String, images: String) {
        let containers = podSpec?["containers"]?.arrayValue ?? []
        return (containers.map { $0.str("name") }.joined(separator: ","),
                containers.map { $0.str("image") }.joined(separator: ","))
    }

    /// `helper.GetAccessModesAsString`: `RWO,ROX,RWX,RWOP` in that fixed order, each at most once.
    static func accessModes(_ modes: [JSONValue]) -> String {
        let present = Set(modes.compactMap(\.stringValue))
        let order = [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"),
                     ("ReadWriteOncePod", "RWOP")]
        return order.filter { present.contains($0.0) }.map(\.1).joined(separator: ",")
    }

    /// A resource quantity as stored (`10Gi`, or a bare number).
    static func quantity(_ value: JSONValue?) -> String {
        guard let value, !value.isNull else { return "0" }
        return value.plainText
    }

    /// `formatResourceName`-style `kind.group/name` from an owner reference.
    static func ownerName(_ reference: JSONValue) -> String {
        let apiVersion = reference.str("apiVersion")
        let group = apiVersion.contains("/") ? String(apiVersion.split(separator: "/")[0]) : ""
        let kind = reference.str("kind")
        guard !kind.isEmpty else { return reference.str("name") }
        let groupKind = group.isEmpty ? kind : "\(kind).\(group)"
        return "\(groupKind.lowercased())/\(reference.str("name"))"
    }

    /// Up to three items then `+ N more...`, as the endpoint printers show addresses.
    static func limited(_ items: [String], total: Int, emptyText: String) -> String {
        let shown = Array(items.prefix(3))
        let text = shown.joined(separator: ",")
        if total > 3 { return "\(text) + \(total - 3) more..." }
        return text.isEmpty ? emptyText : text
    }
}
