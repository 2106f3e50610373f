import Model

/// kubectl's describe `PrefixWriter` over a tab writer: each level indents by two spaces.
struct DescribeWriter {
    private var tab = TabWriter.describe()
    /// Without a tab writer (kubectl's bare `PrefixWriter`, as `rollout history --revision` uses): tabs stay
    /// in the text and nothing is aligned.
    private var raw: String?

    init(aligned: Bool = true) { raw = aligned ? nil : "" }

    /// Writes `text` (tabs and newlines included) after `level` two-space indents.
    mutating func write(_ level: Int, _ text: String) {
        let line = String(repeating: "  ", count: level) + text
        if raw != nil { raw! += line } else { tab.write(line) }
    }

    /// Ends the current alignment blocks (kubectl flushes before the events table).
    mutating func flush() { if raw == nil { tab.flush() } }

    mutating func finish() -> String { raw ?? tab.finish() }
}

extension Describer {
    /// kubectl's `DescribePodTemplate` block (`Pod Template:` …) of a workload's pod template. `aligned`
    /// false prints it as `rollout history --revision=N` does: tabs left in, columns not aligned.
    public static func podTemplate(_ template: JSONValue?, aligned: Bool = true) -> String {
        var writer = DescribeWriter(aligned: aligned)
        writer.podTemplate(template)
        return writer.finish()
    }
}
