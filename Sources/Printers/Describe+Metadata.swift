import Model

/// The label, annotation, toleration and taint blocks shared by every describer.
extension DescribeWriter {
    /// `printLabelsMultilineWithIndent`: the first `key=value` on the title line, the rest on their own
    /// lines in the same column; `<none>` when empty.
    mutating func labels(_ title: String, _ labels: [String: String], initialIndent: String = "") {
        write(0, "\(initialIndent)\(title):\t")
        guard !labels.isEmpty else { write(0, "<none>\n"); return }
        for (index, key) in labels.keys.sorted().enumerated() {
            if index != 0 { write(0, "\(initialIndent)\t") }
            write(0, "\(key)=\(labels[key]!)\n")
        }
    }

    /// `printAnnotationsMultiline`: `key: value`, skipping the last-applied configuration; long or
    /// multi-line values go below their key, each line cut at 138 characters.
    mutating func annotations(_ title: String, _ annotations: [String: String]) {
        write(0, "\(title):\t")
        let keys = annotations.keys.filter { $0 != "kubectl.kubernetes.io/last-applied-configuration" }.sorted()
        guard !keys.isEmpty else { write(0, "<none>\n"); return }
        for (index, key) in keys.enumerated() {
            if index != 0 { write(0, "\t") }
            var value = annotations[key]!
            if value.hasSuffix("\n") { value.removeLast() }
            if value.utf8.count + key.utf8.count + 2 > 140 || value.contains("\n") {
                write(0, "\(key):\n")
                for line in value.split(separator: "\n", omittingEmptySubsequences: false) {
                    let cut = line.utf8.count > 138 ? String(decoding: Array(line.utf8.prefix(138)), as: UTF8.self) + "..." : String(line)
                    write(0, "\t  \(cut)\n")
                }
            } else {
                write(0, "\(key): \(value)\n")
            }
        }
    }

    /// `printTolerationsMultilineWithIndent`: `key=value:Effect op=Exists for 300s`, sorted by key.
    mutating func tolerations(_ title: String, _ tolerations: [JSONValue]) {
        write(0, "\(title):\t")
        guard !tolerations.isEmpty else { write(0, "<none>\n"); return }
        let sorted = tolerations.enumerated().sorted {
            $0.element.str("key") != $1.element.str("key") ? $0.element.str("key") < $1.element.str("key") : $0.offset < $1.offset
        }.map(\.element)
        for (index, toleration) in sorted.enumerated() {
            if index != 0 { write(0, "\t") }
            let key = toleration.str("key"), value = toleration.str("value"), effect = toleration.str("effect")
            var text = key
            if !value.isEmpty { text += "=\(value)" }
            if !effect.isEmpty { text += ":\(effect)" }
            if toleration.str("operator") == "Exists", value.isEmpty {
                text += (key.isEmpty && effect.isEmpty) ? "op=Exists" : " op=Exists"
            }
            if let seconds = toleration.at("tolerationSeconds")?.intValue { text += " for \(seconds)s" }
            write(0, text + "\n")
        }
    }

    /// `printNodeTaintsMultiline`: `key=value:Effect`, one a line.
    mutating func taints(_ title: String, _ taints: [JSONValue]) {
        write(0, "\(title):\t")
        guard !taints.isEmpty else { write(0, "<none>\n"); return }
        for (index, taint) in taints.enumerated() {
            if index != 0 { write(0, "\t") }
            let value = taint.str("value")
            write(0, "\(taint.str("key"))\(value.isEmpty ? "" : "=" + value):\(taint.str("effect"))\n")
        }
    }
}

/// Small describe texts.
enum DescribeText {
    /// `printController`: `ReplicaSet/web-abc` from the controller owner reference, or `nil`.
    static func controlledBy(_ object: JSONValue) -> String? {
        guard let reference = object.controllerReference else { return nil }
        return "\(reference.str("kind"))/\(reference.str("name"))"
    }

    /// The objects of `kind` in the object's namespace whose controller is `owner`.
    static func owned(by owner: JSONValue, kind: ResourceKind, lookup: (ResourceKind, String) -> [JSONValue]) -> [JSONValue] {
        lookup(kind, owner.namespace).filter { $0.controllerReference?.str("uid") == owner.uid && !owner.uid.isEmpty }
    }

    /// `Running / Waiting / Succeeded / Failed` counts of pods by phase (Pending counts as waiting).
    static func podsStatus(_ pods: [JSONValue]) -> String {
        func count(_ phase: String) -> Int { pods.filter { $0.str("status", "phase") == phase }.count }
        return "\(count("Running")) Running / \(count("Pending")) Waiting / \(count("Succeeded")) Succeeded / \(count("Failed")) Failed"
    }
}
