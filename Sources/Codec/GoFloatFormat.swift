/// Go's `strconv.FormatFloat(x, 'g', -1, bits)`: the shortest digits that read back to the same value,
/// in `%e` form when the exponent is below -4 or at least 6 (`1e+06`, `1.5e-07`), `%f` form otherwise.
enum GoFloatFormat {
    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
        return layout(shortest: value.description, negative: value.sign == .minus)
    }

    /// The same with 32-bit precision, as sigs.k8s.io/yaml turns float map keys into strings.
    static func format32(_ value: Double) -> String {
        let single = Float(value)
        if single.isNaN { return "NaN" }
        if single.isInfinite { return single < 0 ? "-Inf" : "+Inf" }
        return layout(shortest: single.description, negative: single.sign == .minus)
    }

    /// How go-yaml writes a float: `.inf`, `-.inf`, `.nan`, else `format`.
    static func yaml(_ value: Double) -> String {
        if value.isNaN { return ".nan" }
        if value.isInfinite { return value < 0 ? "-.inf" : ".inf" }
        return format(value)
    }

    /// Turns Swift's shortest round-trip text (`1234567.5`, `1e-07`) into Go's layout.
    private static func layout(shortest: String, negative: Bool) -> String {
        var text = Substring(shortest)
        if text.hasPrefix("-") { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        var digits: [UInt8] = []
        var pointAt: Int? = nil
        for c in text.utf8 {
            if c == UInt8(ascii: ".") { pointAt = digits.count } else { digits.append(c) }
        }
        // The value is 0.d1d2d3... × 10^decimalPoint once leading zeros are gone.
        var decimalPoint = (pointAt ?? digits.count) + exponent
        while let first = digits.first, first == UInt8(ascii: "0") { digits.removeFirst(); decimalPoint -= 1 }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0" }

        let exp = decimalPoint - 1
        if exp < -4 || exp >= 6 {
            var out = sign + String(UnicodeScalar(digits[0]))
            if digits.count > 1 { out += "." + String(decoding: digits[1...], as: UTF8.self) }
            let magnitude = abs(exp)
            out += (exp < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + String(magnitude)
            return out
        }
        var out = sign
        if decimalPoint <= 0 {
            out += "0." + String(repeating: "0", count: -decimalPoint) + String(decoding: digits, as: UTF8.self)
        } else if digits.count <= decimalPoint {
            out += String(decoding: digits, as: UTF8.self) + String(repeating: "0", count: decimalPoint - digits.count)
        } else {
            out += String(decoding: digits[..<decimalPoint], as: UTF8.self) + "."
                + String(decoding: digits[decimalPoint...], as: UTF8.self)
        }
        return out
    }
}
