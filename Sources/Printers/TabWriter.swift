/// A port of Go's `text/tabwriter` elastic tabstops, for space padding and left alignment (the only
/// configuration kubectl uses).
///
/// Text is split into lines at `\n` and into cells at `\t`. A cell ended by a tab belongs to a column; the
/// text after a line's last tab does not, so it is never padded. Consecutive lines that have a cell in a
/// column form a block, and every cell of that block is padded to the block's widest cell plus `padding`
/// (at least `minWidth`). A line with fewer cells ends the block, exactly as in Go.
struct TabWriter {
    /// Minimal width of a column cell, padding included.
    var minWidth: Int
    /// Spaces added after the widest cell of a column.
    var padding: Int

    private var pending = ""
    private var output = ""

    /// kubectl's `get` table writer (`printers.GetNewTabWriter`: minwidth 6, padding 3).
    static func table() -> TabWriter { TabWriter(minWidth: 6, padding: 3) }
    /// kubectl's `describe` writer (`tabbedString`: minwidth 0, padding 2).
    static func describe() -> TabWriter { TabWriter(minWidth: 0, padding: 2) }

    init(minWidth: Int, padding: Int) {
        self.minWidth = minWidth
        self.padding = padding
    }

    /// Appends raw text (tabs and newlines included).
    mutating func write(_ text: String) { pending += text }

    /// Formats whole lines of cells at once, each line ending in a newline: the text that writing each line's
    /// cells tab-separated and calling `finish` gives, without splitting it again. When every line has the
    /// same number of cells (a table) and no cell holds a tab or newline, each column is one block, padded to
    /// its widest cell.
    func format(lines: [[String]]) -> String {
        // A cell holding a tab or newline is more than one cell or line: the general path splits it again.
        guard let count = lines.first?.count,
              lines.allSatisfy({ $0.count == count && !$0.contains { $0.utf8.contains { $0 == 9 || $0 == 10 } } })
        else {
            var writer = self
            for line in lines { writer.write(line.joined(separator: "\t") + "\n") }
            return writer.finish()
        }
        var widths = [Int](repeating: minWidth, count: count - 1)
        var bytes = count
        for line in lines {
            for (column, cell) in line.enumerated() {
                bytes += cell.utf8.count
                if column < widths.count { widths[column] = max(widths[column], cell.unicodeScalars.count + padding) }
            }
        }
        var output: [UInt8] = []
        output.reserveCapacity(lines.count * (widths.reduce(0, +) + 1) + bytes)
        for line in lines {
            for (column, cell) in line.enumerated() {
                output.append(contentsOf: cell.utf8)
                if column < widths.count {
                    output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: max(0, widths[column] - cell.unicodeScalars.count)))
                }
            }
            output.append(UInt8(ascii: "\n"))
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Formats everything written since the last flush; later text aligns independently.
    mutating func flush() {
        guard !pending.isEmpty else { return }
        let lines = pending.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        var formatter = BlockFormatter(lines: lines, minWidth: minWidth, padding: padding)
        formatter.format(from: 0, to: lines.count)
        output += formatter.output
        pending = ""
    }

    /// The formatted text, after a final flush.
    mutating func finish() -> String {
        flush()
        return output
    }
}

/// The recursive column-block layout of Go's `tabwriter.Writer.format`.
private struct BlockFormatter {
    let lines: [[String]]
    let minWidth: Int
    let padding: Int
    var widths: [Int] = []
    var output = ""

    init(lines: [[String]], minWidth: Int, padding: Int) {
        self.lines = lines
        self.minWidth = minWidth
        self.padding = padding
    }

    mutating func format(from start: Int, to end: Int) {
        var line0 = start
        let column = widths.count
        var this = start
        while this < end {
            if column >= lines[this].count - 1 { this += 1; continue }
            writeLines(from: line0, to: this)
            line0 = this
            var width = minWidth
            while this < end, column < lines[this].count - 1 {
                width = max(width, lines[this][column].unicodeScalars.count + padding)
                this += 1
            }
            widths.append(width)
            format(from: line0, to: this)
            widths.removeLast()
            line0 = this
        }
        writeLines(from: line0, to: end)
    }

    private mutating func writeLines(from start: Int, to end: Int) {
        guard start < end else { return }
        for index in start..<end {
            for (j, cell) in lines[index].enumerated() {
                output += cell
                if j < widths.count {
                    output += String(repeating: " ", count: max(0, widths[j] - cell.unicodeScalars.count))
                }
            }
            if index + 1 < lines.count { output += "\n" }
        }
    }
}
