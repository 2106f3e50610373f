extension JSONValue {
    /// Compact JSON with sorted keys: the canonical bytes stored in the log and projections.
    public func canonicalString() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        writeCompact(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented JSON with sorted keys, the way `kubectl get -o json` lays it out (4 spaces).
    public func prettyString(indent: Int = 4) -> String {
        var out: [UInt8] = []
        writePretty(into: &out, level: 0, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    func writeCompact(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.writeInteger(i, into: &out)
        case .double(let d): out.append(contentsOf: JSONValue.format(d).utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            var first = true
            for v in a {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                v.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            var first = true
            for entry in JSONValue.sortedEntries(o) {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                entry.value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An integer in decimal, as `String(i)` spells it, without building the string.
    static func writeInteger(_ i: Int, into out: inout [UInt8]) {
        if i < 0 {
            guard i != .min else { out.append(contentsOf: String(i).utf8); return }
            out.append(UInt8(ascii: "-"))
        }
        var magnitude = i.magnitude
        if magnitude < 10 { out.append(UInt8(ascii: "0") + UInt8(magnitude)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while magnitude > 0 {
                digits[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    func writePretty(into out: inout [UInt8], level: Int, indent: Int) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
        }
        switch self {
        case .array(let a) where !a.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                v.writePretty(into: &out, level: level + 1, indent: indent)
            }
            newline(level)
            out.append(UInt8(ascii: "]"))
        case .object(let o) where !o.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (i, entry) in JSONValue.sortedEntries(o).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(level + 1)
                JSONValue.writeString(entry.key, into: &out)
                out.append(contentsOf: ": ".utf8)
                entry.value.writePretty(into: &out, level: level + 1, indent: indent)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        default:
            writeCompact(into: &out)
        }
    }

    /// An object's members sorted by the UTF-8 bytes of their keys (Go's order, and cheaper than
    /// Unicode-aware String comparison).
    static func sortedEntries(_ o: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        o.sorted { utf8Precedes($0.key, $1.key) }
    }

    /// Whether `a`'s UTF-8 bytes sort before `b`'s: `a.utf8.lexicographicallyPrecedes(b.utf8)`, comparing
    /// the contiguous bytes of native strings directly.
    @inline(__always)
    static func utf8Precedes(_ a: String, _ b: String) -> Bool {
        let result = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let count = min(x.count, y.count)
                var i = 0
                while i < count {
                    let p = x[i], q = y[i]
                    if p != q { return p < q }
                    i += 1
                }
                return x.count < y.count
            }
        }
        return (result ?? nil) ?? a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Formats a double the way Go's encoding/json does for common values (no trailing `.0`).
    static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if abs(d) < 9.0e18, d == Double(Int64(d)) { return String(Int64(d)) }
        return "\(d)"
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x3C || byte == 0x3E || byte == 0x26
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: nothing to escape.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            for byte in bytes where needsEscape(byte) { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): out.append(contentsOf: "\\u0026".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { canonicalString() }
}
