/// A small, fast, seedable random number generator (Steele, Lea and Flood's SplitMix64).
///
/// Logbook never uses the system's randomness: every random choice is drawn from a generator whose seed
/// is recorded in the log, so replay reproduces it exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A generator for one purpose at one point of the log: the same (seed, seq, stream) always gives
    /// the same numbers, with no state to carry between events.
    public static func derived(seed: UInt64, seq: Int64, stream: UInt64) -> SplitMix64 {
        var mixer = SplitMix64(seed: seed ^ (UInt64(bitPattern: seq) &* 0xD1B5_4A32_D192_ED03) ^ (stream &* 0x8CB9_2BA7_2F3D_8DD7))
        _ = mixer.next()
        return SplitMix64(seed: mixer.next())
    }
}
