extension JSONValue {
    /// Compact JSON with sorted keys: the canonical bytes stored in the log and projections.
    public func canonicalString() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
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
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: JSONValue.format(d).utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            for (i, entry) in JSONValue.sortedEntries(o).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(entry.key, into: &out)
                out.append(UInt8(ascii: ":"))
                entry.value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
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
        o.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    }

    /// Formats a double the way Go's encoding/json does for common values (no trailing `.0`).
    static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if abs(d) < 9.0e18, d == Double(Int64(d)) { return String(Int64(d)) }
        return "\(d)"
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: nothing to escape.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 }) {
            out.append(contentsOf: s.utf8)
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
