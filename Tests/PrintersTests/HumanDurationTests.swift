import XCTest
import Determinism
@testable import Printers

final class HumanDurationTests: XCTestCase {
    func testAgesFollowApimachineryHumanDuration() {
        let cases: [(Int64, String)] = [
            (-5, "<invalid>"), (-1, "0s"), (0, "0s"), (59, "59s"), (119, "119s"), (120, "2m"), (150, "2m30s"),
            (599, "9m59s"), (600, "10m"), (630, "10m"), (3600, "60m"), (10_799, "179m"), (10_800, "3h"),
            (11_100, "3h5m"), (28_799, "7h59m"), (28_800, "8h"), (172_799, "47h"), (172_800, "2d"), (183_600, "2d3h"),
            (691_199, "7d23h"), (691_200, "8d"), (63_071_999, "729d"), (63_072_000, "2y"), (63_158_400, "2y1d"),
            (252_288_000, "8y"),
        ]
        for (seconds, text) in cases {
            XCTAssertEqual(HumanDuration.format(seconds: seconds), text, "\(seconds)s")
        }
    }

    func testShortHumanDurationKeepsOneUnit() {
        let cases: [(Int64, String)] = [(-2, "<invalid>"), (-1, "0s"), (59, "59s"), (150, "2m"), (7200, "2h"),
                                        (90_000, "1d"), (31_536_000, "1y")]
        for (seconds, text) in cases { XCTAssertEqual(HumanDuration.short(seconds: seconds), text) }
    }

    func testAgeOfAbsentOrFutureTimestamps() {
        let now = Timestamp(rfc3339: "2026-01-01T00:00:00Z")!
        XCTAssertEqual(HumanDuration.since(nil, now: now), "<unknown>")
        XCTAssertEqual(HumanDuration.since("2026-01-01T00:00:01Z", now: now), "0s")
        XCTAssertEqual(HumanDuration.since("2026-01-01T00:00:05Z", now: now), "<invalid>")
        XCTAssertEqual(HumanDuration.since("2025-12-31T23:55:00Z", now: now), "5m")
    }

    func testDescribeTimesUseRFC1123Z() {
        XCTAssertEqual(TimeText.rfc1123Z(Timestamp(rfc3339: "2006-01-02T15:04:05Z")!), "Mon, 02 Jan 2006 15:04:05 +0000")
        XCTAssertEqual(TimeText.rfc1123Z(Timestamp(rfc3339: "2024-02-29T09:00:00Z")!), "Thu, 29 Feb 2024 09:00:00 +0000")
        XCTAssertEqual(TimeText.rfc1123Z(Timestamp(seconds: 0)), "Thu, 01 Jan 1970 00:00:00 +0000")
    }
}
