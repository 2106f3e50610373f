/// What an untagged plain YAML scalar means under go-yaml v2's YAML 1.1 rules (the rules kubectl applies
/// through sigs.k8s.io/yaml).
enum ResolvedScalar: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer above `Int.max` that still fits 64 unsigned bits.
    case unsignedInt(UInt64)
    case float(Double)
    /// Looks like a YAML timestamp; decoded into JSON it stays the original string.
    case timestamp
    case string
}

/// go-yaml v2's `resolve`: the first byte picks a hint, then a table of fixed words, then numbers.
enum ScalarResolver {
    /// The fixed words: YAML 1.1 booleans in their three spellings, nulls, and the special floats.
    private static let words: [String: ResolvedScalar] = {
        var table: [String: ResolvedScalar] = [:]
        for w in ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"] { table[w] = .bool(true) }
        for w in ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"] { table[w] = .bool(false) }
        for w in ["", "~", "null", "Null", "NULL"] { table[w] = .null }
        for w in [".nan", ".NaN", ".NAN"] { table[w] = .float(.nan) }
        for w in [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"] { table[w] = .float(.infinity) }
        for w in ["-.inf", "-.Inf", "-.INF"] { table[w] = .float(-.infinity) }
        return table
    }()

    /// Resolves an untagged plain scalar.
    static func resolve(_ text: String) -> ResolvedScalar {
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"),
             UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"),
             UInt8(ascii: "o"), UInt8(ascii: "O"), UInt8(ascii: "~"):
            return text.utf8.count <= 5 ? (words[text] ?? .string) : .string
        case UInt8(ascii: "."):
            if let word = words[text] { return word }
            let bytes = Array(text.utf8)
            if matchesYAMLFloat(bytes[...]), let value = Double(text), value.isFinite { return .float(value) }
            return .string
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if let word = words[text] { return word }
            return resolveNumber(text)
        default:
            return .string
        }
    }

    /// Whether a string written plain would read back as something other than a string (so the writer
    /// must quote it), including base-60 floats that go-yaml quotes for other parsers' sake.
    static func needsQuotes(_ text: String) -> Bool {
        resolve(text) != .string || isBase60Float(Array(text.utf8))
    }

    private static func resolveNumber(_ text: String) -> ResolvedScalar {
        let bytes = Array(text.utf8)
        if TimestampMatcher.matches(bytes) { return .timestamp }
        let plain = bytes.filter { $0 != UInt8(ascii: "_") }
        switch parseGoInteger(plain[...]) {
        case .signed(let v): return .int(v)
        case .unsigned(let v): return .unsignedInt(v)
        case .none: break
        }
        if matchesYAMLFloat(plain[...]), let value = Double(String(decoding: plain, as: UTF8.self)), value.isFinite {
            return .float(value)
        }
        return .string
    }

    enum GoInteger { case signed(Int), unsigned(UInt64) }

    /// Go's `strconv.ParseInt(s, 0, 64)`, falling back to `ParseUint(s, 0, 64)`: optional sign, then
    /// `0x`/`0o`/`0b` prefixes, a leading `0` meaning octal, otherwise decimal.
    static func parseGoInteger(_ s: ArraySlice<UInt8>) -> GoInteger? {
        var rest = s
        var negative = false
        var signed = false
        if let c = rest.first, c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-"); signed = true
            rest = rest.dropFirst()
        }
        var base: UInt64 = 10
        if rest.count >= 2, rest.first == UInt8(ascii: "0") {
            let marker = rest[rest.startIndex + 1] | 0x20
            switch marker {
            case UInt8(ascii: "x"): base = 16; rest = rest.dropFirst(2)
            case UInt8(ascii: "o"): base = 8; rest = rest.dropFirst(2)
            case UInt8(ascii: "b"): base = 2; rest = rest.dropFirst(2)
            default: base = 8; rest = rest.dropFirst()
            }
        }
        guard !rest.isEmpty else { return nil }
        var magnitude: UInt64 = 0
        for c in rest {
            let digit: UInt64
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt64(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt64(c - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < base else { return nil }
            let (m, o1) = magnitude.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            magnitude = a
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return .signed(-Int(magnitude)) }
            if magnitude == UInt64(Int64.max) + 1 { return .signed(Int.min) }
            return nil
        }
        if magnitude <= UInt64(Int64.max) { return .signed(Int(magnitude)) }
        return signed ? nil : .unsigned(magnitude)
    }

    /// go-yaml's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
    static func matchesYAMLFloat(_ s: ArraySlice<UInt8>) -> Bool {
        var i = s.startIndex
        let end = s.endIndex
        func isDigit(_ at: Int) -> Bool { at < end && s[at] >= UInt8(ascii: "0") && s[at] <= UInt8(ascii: "9") }
        if i < end, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
        if i < end, s[i] == UInt8(ascii: ".") {
            i += 1
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        } else {
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
            if i < end, s[i] == UInt8(ascii: ".") {
                i += 1
                while isDigit(i) { i += 1 }
            }
        }
        if i < end, s[i] == UInt8(ascii: "e") || s[i] == UInt8(ascii: "E") {
            i += 1
            if i < end, s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { return false }
            while isDigit(i) { i += 1 }
        }
        return i == end
    }

    /// go-yaml v2's base-60 float check `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`, e.g. `1:20`.
    static func isBase60Float(_ s: [UInt8]) -> Bool {
        guard let first = s.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || isDigit(first),
              s.contains(UInt8(ascii: ":")) else { return false }
        var i = 0
        if s[0] == UInt8(ascii: "+") || s[0] == UInt8(ascii: "-") { i = 1 }
        guard i < s.count, isDigit(s[i]) else { return false }
        i += 1
        while i < s.count, isDigit(s[i]) || s[i] == UInt8(ascii: "_") { i += 1 }
        var groups = 0
        while i < s.count, s[i] == UInt8(ascii: ":") {
            i += 1
            // [0-5]?[0-9]: one or two digits, the first of two at most 5.
            guard i < s.count, isDigit(s[i]) else { return false }
            if i + 1 < s.count, isDigit(s[i + 1]), s[i] <= UInt8(ascii: "5") { i += 2 } else { i += 1 }
            groups += 1
        }
        guard groups > 0 else { return false }
        if i < s.count, s[i] == UInt8(ascii: ".") {
            i += 1
            while i < s.count, isDigit(s[i]) || s[i] == UInt8(ascii: "_") { i += 1 }
        }
        return i == s.count
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
}
