/// Uids and generated names drawn from a seeded generator.
public enum Identifiers {
    /// The alphabet Kubernetes uses for generated name suffixes (no vowels, no confusable digits).
    public static let nameAlphabet = Array("bcdfghjklmnpqrstvwxz2456789")

    /// A version-4-shaped UUID string, e.g. `1b4e28ba-2fa1-41d2-883f-0016d3cca427`.
    public static func uid<G: RandomNumberGenerator>(using generator: inout G) -> String {
        var high = generator.next()
        var low = generator.next()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        // Lowercase hex, each group zero-padded to its width: 8-4-4-4-12.
        let groups: [(UInt64, Int)] = [(high >> 32, 8), ((high >> 16) & 0xFFFF, 4), (high & 0xFFFF, 4), (low >> 48, 4),
                                       (low & 0xFFFF_FFFF_FFFF, 12)]
        return String(unsafeUninitializedCapacity: 36) { buffer in
            var at = 0
            for (index, (value, width)) in groups.enumerated() {
                if index > 0 { buffer[at] = UInt8(ascii: "-"); at += 1 }
                for position in 0..<width {
                    let nibble = UInt8((value >> UInt64(4 * (width - 1 - position))) & 0xF)
                    buffer[at + position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
                }
                at += width
            }
            return at
        }
    }

    /// A random suffix of `length` characters from `nameAlphabet`.
    public static func nameSuffix<G: RandomNumberGenerator>(length: Int = 5, using generator: inout G) -> String {
        String((0..<length).map { _ in nameAlphabet[Int(generator.next() % UInt64(nameAlphabet.count))] })
    }

    /// `generateName` + 5 random characters, with the prefix cut so the whole fits `maxLength` (63 for
    /// most names, as the API server does).
    public static func generatedName<G: RandomNumberGenerator>(prefix: String, using generator: inout G) -> String {
        let maxPrefix = 63 - 5
        let base = prefix.count > maxPrefix ? String(prefix.prefix(maxPrefix)) : prefix
        return base + nameSuffix(using: &generator)
    }
}
