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

    private static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    private static let binarySuffixes: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]

    /// Parses a quantity; `nil` when the text is not one.
    public init?(_ text: String) {
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
        if let power = Quantity.decimalSuffixes[suffix] {
            multiplier = Quantity.pow10(power)
        } else if let power = Quantity.binarySuffixes[suffix] {
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
