/// The order go-yaml v2 writes mapping keys in (its `keyList.Less`): a natural order where runs of digits
/// compare by value (`a2` before `a10`) and, at the first difference, a non-letter sorts before a letter.
enum GoYAMLKeyOrder {
    static func sorted(_ keys: some Sequence<String>) -> [String] {
        keys.map { (key: $0, scalars: Array($0.unicodeScalars)) }
            .sorted { less($0.scalars, $1.scalars) }
            .map(\.key)
    }

    static func less(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Bool {
        var i = 0
        while i < a.count && i < b.count {
            if a[i] == b[i] { i += 1; continue }
            let aLetter = isLetter(a[i]), bLetter = isLetter(b[i])
            if aLetter && bLetter { return a[i].value < b[i].value }
            if aLetter || bLetter { return bLetter }
            var an: Int64 = 0, bn: Int64 = 0
            if a[i] == "0" || b[i] == "0" {
                var j = i - 1
                while j >= 0 && isDigit(a[j]) {
                    if a[j] != "0" { an = 1; bn = 1; break }
                    j -= 1
                }
            }
            var ai = i
            while ai < a.count && isDigit(a[ai]) { an = an &* 10 &+ (Int64(a[ai].value) - 48); ai += 1 }
            var bi = i
            while bi < b.count && isDigit(b[bi]) { bn = bn &* 10 &+ (Int64(b[bi].value) - 48); bi += 1 }
            if an != bn { return an < bn }
            if ai != bi { return ai < bi }
            return a[i].value < b[i].value
        }
        return a.count < b.count
    }

    /// Go's `unicode.IsLetter`: general categories Lu, Ll, Lt, Lm, Lo.
    private static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s >= "a" && s <= "z") || (s >= "A" && s <= "Z") }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit`: general category Nd.
    private static func isDigit(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return s >= "0" && s <= "9" }
        return s.properties.generalCategory == .decimalNumber
    }
}
