/// Parses durations as users type them: Go's syntax (`30s`, `5m`, `1h30m`, `1.5h`) plus plain seconds.
public enum DurationText {
    /// The error for text that is not a duration.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var text: String
        public var description: String { "invalid duration \"\(text)\": use a number with a unit, e.g. 30s, 5m, 1h" }
    }

    /// Whole seconds in the duration (fractions of a second are rounded down).
    public static func seconds(_ text: String) throws(ParseError) -> Int64 {
        let units: [String: Double] = ["ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600, "d": 86_400]
        var rest = Substring(text.trimmingCharacters(in: " "))
        if let plain = Int64(rest), plain >= 0 { return plain }
        guard !rest.isEmpty else { throw ParseError(text: text) }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw ParseError(text: text) }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !$0.isNumber && $0 != "." }
            guard let factor = units[String(unit)] else { throw ParseError(text: text) }
            rest = rest.dropFirst(unit.count)
            total += value * factor
        }
        return Int64(total)
    }

    /// Go's `time.Duration.String()` style for whole seconds: `30s`, `5m0s`, `1h0m0s`.
    public static func format(seconds: Int64) -> String {
        if seconds == 0 { return "0s" }
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        if h > 0 { return "\(h)h\(m)m\(s)s" }
        if m > 0 { return "\(m)m\(s)s" }
        return "\(s)s"
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}
