/// SHA-256 (FIPS 180-4), incremental: feed bytes with `update`, then take the 32-byte digest with
/// `finalize`. The event log's hash chain uses it; the standard library has no cryptographic hash.
///
/// Blocks run on the CPU's SHA instructions when it has them (x86 SHA-NI, ARMv8 SHA-256, through the
/// CSHA256 C target) and on the portable Swift compression otherwise; both give the same digests.
///
///     var hasher = SHA256()
///     hasher.update("abc")
///     SHA256.hex(hasher.finalize())  // "ba7816bf…"
public struct SHA256: Sendable {
    /// The eight chaining words a…h.
    typealias Words = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
    /// 64 bytes kept inline, so a hasher never allocates.
    private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    private var state: Words = (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a,
                                0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    /// Bytes waiting for a full block: the first `pendingCount` bytes of `block`.
    private var block: Block = (0, 0, 0, 0, 0, 0, 0, 0)
    private var pendingCount = 0
    /// Message length so far, in bytes.
    private var length: UInt64 = 0
    /// Which compression function runs the blocks.
    private let implementation: Implementation

    /// A hasher on the fastest implementation this CPU supports.
    public init() { implementation = .fastest }

    /// A hasher on `implementation`; tests use `.portable` to check the Swift code on any machine.
    /// `.hardware` falls back to `.portable` when the CPU lacks the instructions.
    package init(implementation: Implementation) {
        self.implementation = implementation == .hardware ? .fastest : implementation
    }

    /// The digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(text)
        return hasher.finalize()
    }

    /// Lowercase hexadecimal, two digits a byte.
    public static func hex(_ digest: [UInt8]) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(digest.count * 2)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of a hexadecimal string, or nil when it is not one (odd length, other characters).
    public static func bytes(hex: String) -> [UInt8]? {
        let utf8 = Array(hex.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = value(utf8[index]), let low = value(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Feeds a string's UTF-8 bytes (without copying native strings).
    public mutating func update(_ text: String) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) {
            return done
        }
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    /// Feeds one byte.
    public mutating func update(byte: UInt8) {
        withUnsafeBytes(of: byte) { update($0) }
    }

    /// Feeds an integer as 8 bytes, big-endian.
    public mutating func update(bigEndian value: UInt64) {
        withUnsafeBytes(of: value.bigEndian) { update($0) }
    }

    /// Feeds an integer as 4 bytes, big-endian.
    public mutating func update(bigEndian value: UInt32) {
        withUnsafeBytes(of: value.bigEndian) { update($0) }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var base = bytes.baseAddress, bytes.count > 0 else { return }
        var count = bytes.count
        length &+= UInt64(count)
        if pendingCount > 0 {
            let take = min(64 - pendingCount, count)
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: base, byteCount: take) }
            pendingCount += take
            base += take
            count -= take
            if pendingCount < 64 { return }
            compressBlock()
            pendingCount = 0
        }
        let blocks = count / 64
        if blocks > 0 {
            SHA256.compress(&state, base, blocks: blocks, on: implementation)
            base += blocks * 64
            count -= blocks * 64
        }
        if count > 0 {
            withUnsafeMutableBytes(of: &block) { $0.baseAddress!.copyMemory(from: base, byteCount: count) }
            pendingCount = count
        }
    }

    /// Pads the message and returns the 32-byte digest. The hasher is spent afterwards.
    public mutating func finalize() -> [UInt8] {
        let bits = length &* 8
        let used = pendingCount
        withUnsafeMutableBytes(of: &block) { bytes in
            bytes[used] = 0x80
            for index in (used + 1)..<64 { bytes[index] = 0 }
        }
        if used >= 56 {
            compressBlock()
            block = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        block.7 = bits.bigEndian
        compressBlock()
        pendingCount = 0
        var digest = state
        return withUnsafeMutableBytes(of: &digest) { bytes in
            for offset in stride(from: 0, to: 32, by: 4) {
                bytes.storeBytes(of: bytes.load(fromByteOffset: offset, as: UInt32.self).bigEndian, toByteOffset: offset, as: UInt32.self)
            }
            return Array(bytes)
        }
    }

    /// Compresses the 64 bytes held in `block`.
    private mutating func compressBlock() {
        let bytes = block
        withUnsafeBytes(of: bytes) { SHA256.compress(&state, $0.baseAddress!, blocks: 1, on: implementation) }
    }
}
