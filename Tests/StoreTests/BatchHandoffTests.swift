import XCTest
import Foundation
@testable import Store

/// The hand-over between a reading thread and the importing or re-running one: batches arrive in order,
/// a reading error arrives after the batches read before it, and giving up never leaves the reader stuck.
final class BatchHandoffTests: XCTestCase {
    struct ReadFailure: Error {}

    func testBatchesArriveInOrderThenTheReadersError() throws {
        let handoff = BatchHandoff<[Int]>(limit: 2)
        let thread = Thread {
            for start in stride(from: 0, to: 100, by: 10) { _ = handoff.put(Array(start..<start + 10)) }
            handoff.finish(failure: ReadFailure())
        }
        thread.start()
        var seen: [Int] = []
        XCTAssertThrowsError(try { while let batch = try handoff.take() { seen += batch } }()) {
            XCTAssertTrue($0 is ReadFailure)
        }
        XCTAssertEqual(seen, Array(0..<100))
    }

    func testCancellingReleasesAReaderWaitingForRoom() {
        let handoff = BatchHandoff<Int>(limit: 1)
        let refused = expectation(description: "the reader's put is refused once the consumer gives up")
        let thread = Thread {
            var accepted = 0
            while handoff.put(accepted) { accepted += 1 }
            refused.fulfill()
            handoff.finish()
        }
        thread.start()
        handoff.cancel()
        wait(for: [refused], timeout: 10)
        handoff.waitUntilFinished()
    }
}
