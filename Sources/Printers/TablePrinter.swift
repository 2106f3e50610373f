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

/// kubectl's `get` tables for each kind (STUB).
public enum TablePrinter {
    /// The table for objects of one kind, header included, each line ending in a newline.
    public static func table(_ objects: [JSONValue], kind: ResourceKind, now: Timestamp, options: TableOptions) -> String {
        (["NAME"] + objects.map(\.name)).joined(separator: "\n") + "\n"
    }
}

/// kubectl's `describe` (STUB).
public enum Describer {
    /// Describes one object. `lookup(kind, namespace)` lists related objects (ReplicaSets, Pods, Events).
    public static func describe(_ object: JSONValue, kind: ResourceKind, now: Timestamp,
                                lookup: (ResourceKind, String) -> [JSONValue]) -> String {
        "Name: \(object.name)\n"
    }
}
