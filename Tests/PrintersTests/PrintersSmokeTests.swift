import XCTest
@testable import Printers

final class PrintersSmokeTests: XCTestCase {
    func testModuleLoads() {}
}
