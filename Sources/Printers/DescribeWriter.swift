/// kubectl's describe `PrefixWriter` over a tab writer: each level indents by two spaces.
struct DescribeWriter {
    private var tab = TabWriter.describe()

    /// Writes `text` (tabs and newlines included) after `level` two-space indents.
    mutating func write(_ level: Int, _ text: String) {
        tab.write(String(repeating: "  ", count: level) + text)
    }

    /// Ends the current alignment blocks (kubectl flushes before the events table).
    mutating func flush() { tab.flush() }

    mutating func finish() -> String { tab.finish() }
}
