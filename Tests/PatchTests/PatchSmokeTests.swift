import XCTest
@testable import Patch

final class PatchSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
