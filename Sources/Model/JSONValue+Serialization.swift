extension JSONValue {
    /// Compact JSON with sorted keys: the canonical bytes stored in the log and projections.
    public func canonicalString() -> String {
        JSONOutput.with { out in
            writeCompact(into: &out)
            return out.string()
        }
    }

    /// Indented JSON with sorted keys, the way `kubectl get -o json` lays it out (4 spaces).
    public func prettyString(indent: Int = 4) -> String {
        JSONOutput.with { out in
            writePretty(into: &out, level: 0, indent: indent)
            return out.string()
        }
    }

    func writeCompact(into out: inout JSONOutput) {
        switch self {
        case .null: out.append(literal: "null")
        case .bool(let b): if b { out.append(literal: "true") } else { out.append(literal: "false") }
        case .int(let i): JSONValue.writeInteger(i, into: &out)
        case .double(let d): out.append(JSONValue.format(d))
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
            JSONValue.forEachSorted(o) { key, value in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                JSONValue.writeString(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.writeCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An integer in decimal, as `String(i)` spells it, without building the string.
    static func writeInteger(_ i: Int, into out: inout JSONOutput) {
        if i < 0 {
            guard i != .min else { out.append(String(i)); return }
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
            out.append(UnsafeBufferPointer(rebasing: digits[(20 - count)...]))
        }
    }

    func writePretty(into out: inout JSONOutput, level: Int, indent: Int) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(UInt8(ascii: " "), times: level * indent)
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
            var first = true
            JSONValue.forEachSorted(o) { key, value in
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(level + 1)
                JSONValue.writeString(key, into: &out)
                out.append(literal: ": ")
                value.writePretty(into: &out, level: level + 1, indent: indent)
            }
            newline(level)
            out.append(UInt8(ascii: "}"))
        default:
            writeCompact(into: &out)
        }
    }

    /// Calls `body` with an object's members in key order (kept sorted by UTF-8 bytes: Go's order).
    @inline(__always)
    static func forEachSorted(_ o: JSONObject, _ body: (String, JSONValue) -> Void) {
        for member in o.members { body(member.key, member.value) }
    }

    /// Formats a double the way Go's encoding/json does for common values (no trailing `.0`).
    static func format(_ d: Double) -> String {
        if d.isNaN || d.isInfinite { return "null" }
        if abs(d) < 9.0e18, d == Double(Int64(d)) { return String(Int64(d)) }
        return "\(d)"
    }

    /// Control characters, `"`, `&`, `<`, `>` and `\`: below 0x40 through a bit mask (bit b for byte b).
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        let escapedBelow0x40: UInt64 = 0xFFFF_FFFF | (1 << 0x22) | (1 << 0x26) | (1 << 0x3C) | (1 << 0x3E)
        return byte < 0x40 ? (escapedBelow0x40 >> UInt64(byte)) & 1 != 0 : byte == 0x5C
    }

    /// A JSON string literal: `"`, the bytes with Go's escapes (`\"`, `\\`, `\n`, `\r`, `\t`, `\u003c`,
    /// `\u003e`, `\u0026`, `\u00XX` for other control characters), `"`.
    static func writeString(_ s: String, into out: inout JSONOutput) {
        let written: Void? = s.utf8.withContiguousStorageIfAvailable { writeString(bytes: $0, into: &out) }
        if written == nil { Array(s.utf8).withUnsafeBufferPointer { writeString(bytes: $0, into: &out) } }
    }

    private static func writeString(bytes: UnsafeBufferPointer<UInt8>, into out: inout JSONOutput) {
        out.reserve(bytes.count + 2)
        out.append(UInt8(ascii: "\""))
        var i = 0
        if let base = bytes.baseAddress {
            // Skip eight bytes at a time while none needs escaping (most strings need none).
            while i + 8 <= bytes.count,
                  !anyNeedsEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
            }
        }
        var runStart = 0  // bytes[runStart..<i] need no escaping and are not written yet
        while i < bytes.count {
            if needsEscape(bytes[i]) {
                out.append(UnsafeBufferPointer(rebasing: bytes[runStart..<i]))
                writeEscape(bytes[i], into: &out)
                runStart = i + 1
            }
            i += 1
        }
        out.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `word` needs escaping: `needsEscape` on all of them at once,
    /// with the usual tricks for "some byte is zero" and "some byte is below n" (exact for n <= 0x80).
    @inline(__always)
    static func anyNeedsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs
        return (below0x20 | hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x26))
            | hasZeroByte(word ^ (ones &* 0x3C)) | hasZeroByte(word ^ (ones &* 0x3E))
            | hasZeroByte(word ^ (ones &* 0x5C))) != 0
    }

    private static func writeEscape(_ byte: UInt8, into out: inout JSONOutput) {
        switch byte {
        case UInt8(ascii: "\""): out.append(literal: "\\\"")
        case UInt8(ascii: "\\"): out.append(literal: "\\\\")
        case 0x0A: out.append(literal: "\\n")
        case 0x0D: out.append(literal: "\\r")
        case 0x09: out.append(literal: "\\t")
        case UInt8(ascii: "<"): out.append(literal: "\\u003c")
        case UInt8(ascii: ">"): out.append(literal: "\\u003e")
        case UInt8(ascii: "&"): out.append(literal: "\\u0026")
        default:
            let hex: StaticString = "0123456789abcdef"
            out.append(literal: "\\u00")
            out.append(hex.utf8Start[Int(byte >> 4)])
            out.append(hex.utf8Start[Int(byte & 0xF)])
        }
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { canonicalString() }
}
