import XCTest
@testable import Codec

final class CodecSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
