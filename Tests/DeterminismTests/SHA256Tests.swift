import XCTest
import Determinism

/// SHA-256 against the FIPS 180-4 / NIST example vectors, on both implementations (the hardware one
/// falls back to the portable one on a CPU without SHA instructions, so these run anywhere).
final class SHA256Tests: XCTestCase {
    let implementations: [SHA256.Implementation] = [.hardware, .portable]

    func digest(_ bytes: [UInt8], _ implementation: SHA256.Implementation) -> String {
        var hasher = SHA256(implementation: implementation)
        hasher.update(bytes)
        return SHA256.hex(hasher.finalize())
    }

    func digest(_ text: String, _ implementation: SHA256.Implementation) -> String {
        digest(Array(text.utf8), implementation)
    }

    func testEmptyMessage() {
        XCTAssertEqual(SHA256.hex(SHA256.hash("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        for implementation in implementations {
            XCTAssertEqual(digest("", implementation), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }
    }

    func testOneBlockMessage() {
        XCTAssertEqual(SHA256.hex(SHA256.hash("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        for implementation in implementations {
            XCTAssertEqual(digest("abc", implementation), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        }
    }

    func testTwoBlockMessage() {
        for implementation in implementations {
            XCTAssertEqual(digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", implementation),
                           "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        }
    }

    func testLongerMessage() {
        for implementation in implementations {
            XCTAssertEqual(digest("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
                                  implementation),
                           "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
        }
    }

    func testOneMillionAs() {
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        XCTAssertEqual(SHA256.hex(SHA256.hash(million)), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        for implementation in implementations {
            XCTAssertEqual(digest(million, implementation), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        }
    }

    func testPaddingEdgeCases() {
        // Lengths around the 56-byte boundary, where the length field spills into a second block.
        for implementation in implementations {
            XCTAssertEqual(digest(String(repeating: "a", count: 55), implementation), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
            XCTAssertEqual(digest(String(repeating: "a", count: 56), implementation), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
            XCTAssertEqual(digest(String(repeating: "a", count: 64), implementation), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        }
    }

    func testFeedingInPiecesGivesTheSameDigest() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hash(bytes)
        for split in [1, 55, 56, 63, 64, 65, 127, 128, 999] {
            var hasher = SHA256()
            hasher.update(Array(bytes[..<split]))
            hasher.update(Array(bytes[split...]))
            XCTAssertEqual(hasher.finalize(), whole, "split at \(split)")
        }
    }

    /// Every length from 0 to 300 bytes, whole and in odd-sized chunks: the hardware path (where the
    /// CPU has one) and the portable Swift code must agree byte for byte.
    func testHardwareAndPortableAgreeForManyLengthsAndChunkings() {
        var generator = SplitMix64(seed: 0x5348_4132_3536)
        let data = (0..<300).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        for length in 0...300 {
            let message = Array(data[..<length])
            var portable = SHA256(implementation: .portable)
            portable.update(message)
            let expected = portable.finalize()
            var hardware = SHA256(implementation: .hardware)
            hardware.update(message)
            XCTAssertEqual(hardware.finalize(), expected, "length \(length)")
            for chunk in [1, 3, 7, 13, 63, 65, 129] {
                for implementation in implementations {
                    var hasher = SHA256(implementation: implementation)
                    var start = 0
                    while start < length {
                        let end = min(start + chunk, length)
                        hasher.update(Array(message[start..<end]))
                        start = end
                    }
                    XCTAssertEqual(hasher.finalize(), expected, "length \(length), chunks of \(chunk), \(implementation)")
                }
            }
        }
    }

    func testTheTypedFeedersHashTheirBigEndianBytes() {
        for implementation in implementations {
            var typed = SHA256(implementation: implementation)
            typed.update(byte: 0x01)
            typed.update(bigEndian: UInt32(0x0203_0405))
            typed.update(bigEndian: UInt64(0x0607_0809_0a0b_0c0d))
            typed.update("xyz")
            XCTAssertEqual(typed.finalize(), SHA256.hash([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] + Array("xyz".utf8)))
        }
    }

    func testHexRoundTrip() {
        let digest = SHA256.hash("logbook")
        XCTAssertEqual(SHA256.bytes(hex: SHA256.hex(digest)), digest)
        XCTAssertNil(SHA256.bytes(hex: "abc"))
        XCTAssertNil(SHA256.bytes(hex: "zz"))
    }
}
