/// A point in simulated time, in whole seconds since the Unix epoch (UTC).
///
/// Kubernetes timestamps have one-second precision; Logbook's clock moves in whole seconds, so every
/// time in the log and in objects is exact and replayable.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (a: Timestamp, b: Timestamp) -> Bool { a.seconds < b.seconds }

    public static func + (t: Timestamp, d: Int64) -> Timestamp { Timestamp(seconds: t.seconds + d) }
    public static func - (a: Timestamp, b: Timestamp) -> Int64 { a.seconds - b.seconds }

    /// RFC 3339 in UTC, e.g. `2026-01-01T00:00:00Z`.
    public var rfc3339: String {
        let days = floorDiv(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let (y, m, d) = Timestamp.civil(fromDays: days)
        if (0...9999).contains(y) {
            // The common case, written straight into 20 bytes (the same text as below).
            let digits: [(Int64, Int)] = [(y, 4), (m, 2), (d, 2), (secondOfDay / 3600, 2), (secondOfDay / 60 % 60, 2), (secondOfDay % 60, 2)]
            let separators: [UInt8] = [UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "T"), UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z")]
            return String(unsafeUninitializedCapacity: 20) { buffer in
                var at = 0
                for (index, (value, width)) in digits.enumerated() {
                    var rest = value
                    for position in stride(from: at + width - 1, through: at, by: -1) {
                        buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                        rest /= 10
                    }
                    at += width
                    buffer[at] = separators[index]
                    at += 1
                }
                return at
            }
        }
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    public var description: String { rfc3339 }

    /// Parses RFC 3339 (`2026-01-01T00:00:00Z`, with an optional fraction, which is dropped, and an
    /// optional `+hh:mm`/`-hh:mm` offset).
    public init?(rfc3339 text: String) {
        let chars = Array(text.utf8)
        guard chars.count >= 20 else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for i in range {
                guard chars[i] >= 48, chars[i] <= 57 else { return nil }
                value = value * 10 + Int64(chars[i] - 48)
            }
            return value
        }
        guard let y = number(0..<4), chars[4] == 45, let mo = number(5..<7), chars[7] == 45, let d = number(8..<10),
              chars[10] == 84 || chars[10] == 116 || chars[10] == 32, let h = number(11..<13), chars[13] == 58,
              let mi = number(14..<16), chars[16] == 58, let s = number(17..<19),
              (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        if i < chars.count, chars[i] == 46 {
            i += 1
            while i < chars.count, chars[i] >= 48, chars[i] <= 57 { i += 1 }
        }
        guard i < chars.count else { return nil }
        var offset: Int64 = 0
        if chars[i] == 90 || chars[i] == 122 {
            i += 1
        } else if chars[i] == 43 || chars[i] == 45, i + 6 == chars.count, let oh = number(i + 1..<i + 3),
                  chars[i + 3] == 58, let om = number(i + 4..<i + 6) {
            offset = (oh * 3600 + om * 60) * (chars[i] == 43 ? 1 : -1)
            i += 6
        } else { return nil }
        guard i == chars.count else { return nil }
        seconds = Timestamp.days(fromCivil: y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset
    }

    // Howard Hinnant's civil-from-days algorithms.
    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
