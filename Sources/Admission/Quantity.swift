/// A resource quantity such as `100m`, `1Gi`, `2` or `1e3` (`k8s.io/apimachinery/pkg/api/resource`).
///
/// The value is kept as a `Double` in base units (cores, bytes); comparisons are what admission needs.
public struct Quantity: Sendable, Equatable, Comparable, CustomStringConvertible {
    /// The value in base units: `100m` is 0.1, `1Ki` is 1024.
    public let value: Double
    /// The text as written.
    public let text: String

    /// Upstream's error text for an unparseable quantity.
    public static let formatMessage =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"

    public static func < (a: Quantity, b: Quantity) -> Bool { a.value < b.value }
    public static func == (a: Quantity, b: Quantity) -> Bool { a.value == b.value }
    public var description: String { text }

    /// The power of ten of a decimal SI suffix (`m` is -3, none is 0); a switch, so no hashing.
    private static func decimalPower(_ suffix: String) -> Int? {
        switch suffix {
        case "": return 0
        case "m": return -3
        case "k": return 3
        case "M": return 6
        case "G": return 9
        case "T": return 12
        case "P": return 15
        case "E": return 18
        case "u": return -6
        case "n": return -9
        default: return nil
        }
    }

    /// The power of two of a binary suffix (`Ki` is 10).
    private static func binaryPower(_ suffix: String) -> Int? {
        switch suffix {
        case "Mi": return 20
        case "Gi": return 30
        case "Ki": return 10
        case "Ti": return 40
        case "Pi": return 50
        case "Ei": return 60
        default: return nil
        }
    }

    /// Parses a quantity; `nil` when the text is not one.
    public init?(_ text: String) {
        switch Quantity.parseASCII(text) {
        case .value(let value): self.value = value; self.text = text; return
        case .invalid: return nil
        case .notASCII: break
        }
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        var chars = Substring(trimmed)
        var sign = 1.0
        if let first = chars.first, first == "+" || first == "-" {
            if first == "-" { sign = -1 }
            chars = chars.dropFirst()
        }
        let numberEnd = chars.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? chars.endIndex
        let number = chars[chars.startIndex..<numberEnd]
        let suffix = String(chars[numberEnd...])
        guard !number.isEmpty, number.filter({ $0 == "." }).count <= 1, number != ".",
              let magnitude = Double(number.hasPrefix(".") ? "0" + number : String(number)) else { return nil }
        let multiplier: Double
        if let power = Quantity.decimalPower(suffix) {
            multiplier = Quantity.pow10(power)
        } else if let power = Quantity.binaryPower(suffix) {
            multiplier = Double(sign: .plus, exponent: power, significand: 1)
        } else if let first = suffix.first, first == "e" || first == "E" {
            let exponentText = suffix.dropFirst()
            guard let exponent = Int(exponentText), !exponentText.isEmpty,
                  exponentText.allSatisfy({ $0.isNumber || $0 == "+" || $0 == "-" }) else { return nil }
            multiplier = Quantity.pow10(exponent)
        } else {
            return nil
        }
        self.value = sign * magnitude * multiplier
        self.text = text
    }

    /// What `parseASCII` found.
    private enum QuickParse { case value(Double), invalid, notASCII }

    /// `init?(_:)` over the bytes of an ASCII string (where every Character is one byte), with the same
    /// steps and the same arithmetic; `.notASCII` sends other text through the Character-based parser.
    private static func parseASCII(_ text: String) -> QuickParse {
        let result = text.utf8.withContiguousStorageIfAvailable { bytes -> QuickParse in
            for byte in bytes where byte >= 0x80 || byte == 0x0D { return .notASCII }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 0x20 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 { end -= 1 }
            guard start < end else { return .invalid }
            var sign = 1.0
            if bytes[start] == UInt8(ascii: "+") || bytes[start] == UInt8(ascii: "-") {
                if bytes[start] == UInt8(ascii: "-") { sign = -1 }
                start += 1
            }
            var numberEnd = start, dots = 0
            while numberEnd < end, bytes[numberEnd] == UInt8(ascii: ".") || (bytes[numberEnd] >= 0x30 && bytes[numberEnd] <= 0x39) {
                if bytes[numberEnd] == UInt8(ascii: ".") { dots += 1 }
                numberEnd += 1
            }
            let digits = numberEnd - start
            guard digits > 0, dots <= 1, !(digits == 1 && dots == 1) else { return .invalid }
            let magnitude: Double
            if dots == 0, digits <= 15 {
                var integer = 0
                for i in start..<numberEnd { integer = integer * 10 + Int(bytes[i] - 0x30) }
                magnitude = Double(integer)  // exact, as Double(String) gives for at most 15 digits
            } else {
                let number = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<numberEnd]), as: UTF8.self)
                guard let parsed = Double(number.hasPrefix(".") ? "0" + number : number) else { return .invalid }
                magnitude = parsed
            }
            let suffix = String(decoding: UnsafeBufferPointer(rebasing: bytes[numberEnd..<end]), as: UTF8.self)
            let multiplier: Double
            if let power = decimalPower(suffix) {
                multiplier = pow10(power)
            } else if let power = binaryPower(suffix) {
                multiplier = Double(sign: .plus, exponent: power, significand: 1)
            } else if let first = suffix.utf8.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
                let exponentText = suffix.dropFirst()
                guard let exponent = Int(exponentText), !exponentText.isEmpty,
                      exponentText.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") })
                else { return .invalid }
                multiplier = pow10(exponent)
            } else {
                return .invalid
            }
            return .value(sign * magnitude * multiplier)
        }
        return result ?? .notASCII
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= 10 }
        return n < 0 ? 1 / result : result
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
