import XCTest
@testable import Admission

final class AdmissionSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
