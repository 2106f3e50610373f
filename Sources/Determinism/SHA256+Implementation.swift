internal import CSHA256

extension SHA256 {
    /// Which compression function a hasher runs. Both give identical digests; only speed differs.
    package enum Implementation: Sendable {
        /// The CPU's SHA instructions (x86 SHA-NI, ARMv8 SHA-256) in the CSHA256 C target.
        case hardware
        /// The Swift round function: runs anywhere, and is the reference for the hardware path.
        case portable

        /// The fastest implementation this CPU supports, detected once per process.
        package static let fastest: Implementation = csha256_hw_available() != 0 ? .hardware : .portable
    }

    /// Runs `blocks` whole 64-byte blocks at `pointer` through the compression, updating `state`.
    @inline(__always)
    static func compress(_ state: inout Words, _ pointer: UnsafeRawPointer, blocks: Int, on implementation: Implementation) {
        switch implementation {
        case .hardware:
            withUnsafeMutablePointer(to: &state) { words in
                words.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                    csha256_hw_compress(words, pointer.assumingMemoryBound(to: UInt8.self), blocks)
                }
            }
        case .portable:
            compressPortable(&state, pointer, blocks: blocks)
        }
    }
}
