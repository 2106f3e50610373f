import Model

extension DescribeWriter {
    /// kubectl's generic describer: name, namespace, labels and annotations, then every other field as
    /// indented `Smart Label:  value` lines in key order.
    mutating func generic(_ object: JSONValue) {
        write(0, "Name:\t\(object.name)\n")
        write(0, "Namespace:\t\(object.namespace)\n")
        labels("Labels", object.labels)
        annotations("Annotations", object.annotations)
        let skipped: Set<String> = [".metadata.managedFields", ".metadata.name", ".metadata.namespace",
                                    ".metadata.labels", ".metadata.annotations"]
        content(object.objectValue ?? [:], level: 0, prefix: "", skipped: skipped)
    }

    /// `printUnstructuredContent`.
    private mutating func content(_ members: JSONObject, level: Int, prefix: String, skipped: Set<String>) {
        for field in members.keys.sorted() {
            let path = "\(prefix).\(field)"
            if skipped.contains(path) { continue }
            let value = members[field]!
            switch value {
            case .object(let child):
                write(level, "\(DescribeText.smartLabel(field)):\n")
                content(child, level: level + 1, prefix: path, skipped: skipped)
            case .array(let items):
                write(level, "\(DescribeText.smartLabel(field)):\n")
                for item in items {
                    if let child = item.objectValue {
                        content(child, level: level + 1, prefix: path, skipped: skipped)
                    } else {
                        write(level + 1, "\(item.plainText)\n")
                    }
                }
            default:
                write(level, "\(DescribeText.smartLabel(field)):\t\(value.plainText)\n")
            }
        }
    }
}

extension DescribeText {
    /// `smartLabelFor`: `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`; names
    /// with characters other than letters and `-` stay as they are.
    static func smartLabel(_ field: String) -> String {
        guard !field.isEmpty, field.allSatisfy({ $0.isLetter || $0 == "-" }) else { return field }
        let acronyms: Set<String> = ["API", "URL", "UID", "OSB", "GUID"]
        return camelCaseSplit(field).map { part in
            if acronyms.contains(part.uppercased()) { return part.uppercased() }
            return part.prefix(1).uppercased() + part.dropFirst()
        }.joined(separator: " ")
    }

    /// `github.com/fatih/camelcase.Split`: runs of lower, upper and other characters, with the last
    /// capital of an upper run moved onto a following lower run (`HTTPServer` → `HTTP`, `Server`).
    static func camelCaseSplit(_ text: String) -> [String] {
        func kind(_ c: Character) -> Int { c.isLowercase ? 1 : c.isUppercase ? 2 : c.isNumber ? 3 : 4 }
        var runs: [[Character]] = []
        var lastKind = 0
        for c in text {
            let k = kind(c)
            if k == lastKind, !runs.isEmpty { runs[runs.count - 1].append(c) } else { runs.append([c]) }
            lastKind = k
        }
        if runs.count > 1 {
            for i in 0..<(runs.count - 1) where kind(runs[i][0]) == 2 && kind(runs[i + 1][0]) == 1 {
                runs[i + 1].insert(runs[i].removeLast(), at: 0)
            }
        }
        return runs.filter { !$0.isEmpty }.map { String($0) }
    }
}
