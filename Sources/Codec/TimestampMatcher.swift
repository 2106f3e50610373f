/// go-yaml v2's `parseTimestamp`: whether a plain scalar parses with one of Go's layouts
/// `2006-1-2T15:4:5.999999999Z07:00` (also with `t`), `2006-1-2 15:4:5.999999999` or `2006-1-2`.
///
/// Such strings stay strings when read, but the writer must quote them (`creationTimestamp: "2024-..."`).
enum TimestampMatcher {
    static func matches(_ s: [UInt8]) -> Bool {
        var cursor = Cursor(bytes: s)
        guard s.count >= 5, let year = cursor.digits(exactly: 4), cursor.take(UInt8(ascii: "-")),
              let month = cursor.oneOrTwoDigits(), cursor.take(UInt8(ascii: "-")),
              let day = cursor.oneOrTwoDigits()
        else { return false }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return false }
        if cursor.atEnd { return true }
        let separator = cursor.next()
        let zoned: Bool
        switch separator {
        case UInt8(ascii: "T"), UInt8(ascii: "t"): zoned = true
        case UInt8(ascii: " "): zoned = false
        default: return false
        }
        guard let hour = cursor.oneOrTwoDigits(), hour < 24, cursor.take(UInt8(ascii: ":")),
              let minute = cursor.oneOrTwoDigits(), minute < 60, cursor.take(UInt8(ascii: ":")),
              let second = cursor.oneOrTwoDigits(), second < 60
        else { return false }
        if cursor.peek == UInt8(ascii: ".") || cursor.peek == UInt8(ascii: ",") {
            cursor.index += 1
            guard cursor.digits() > 0 else { return false }
        }
        if zoned {
            if cursor.take(UInt8(ascii: "Z")) { return cursor.atEnd }
            guard cursor.peek == UInt8(ascii: "+") || cursor.peek == UInt8(ascii: "-") else { return false }
            cursor.index += 1
            guard let hours = cursor.digits(exactly: 2), hours <= 24, cursor.take(UInt8(ascii: ":")),
                  let minutes = cursor.digits(exactly: 2), minutes <= 60 else { return false }
        }
        return cursor.atEnd
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private struct Cursor {
        let bytes: [UInt8]
        var index = 0
        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }
        mutating func next() -> UInt8? { defer { index += 1 }; return peek }
        mutating func take(_ c: UInt8) -> Bool {
            guard peek == c else { return false }
            index += 1; return true
        }
        func isDigit(_ at: Int) -> Bool {
            at < bytes.count && bytes[at] >= UInt8(ascii: "0") && bytes[at] <= UInt8(ascii: "9")
        }
        mutating func digits(exactly n: Int) -> Int? {
            var value = 0
            for k in 0..<n {
                guard isDigit(index + k) else { return nil }
                value = value * 10 + Int(bytes[index + k] - UInt8(ascii: "0"))
            }
            index += n
            return value
        }
        mutating func oneOrTwoDigits() -> Int? {
            guard isDigit(index) else { return nil }
            return digits(exactly: isDigit(index + 1) ? 2 : 1)
        }
        mutating func digits() -> Int {
            let start = index
            while isDigit(index) { index += 1 }
            return index - start
        }
    }
}
