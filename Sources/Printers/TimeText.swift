import Determinism

/// Go's `time.RFC1123Z` layout in UTC, as `kubectl describe` prints times: `Mon, 02 Jan 2006 15:04:05 +0000`.
enum TimeText {
    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func rfc1123Z(_ time: Timestamp) -> String {
        let days = time.seconds >= 0 ? time.seconds / 86_400 : (time.seconds - 86_399) / 86_400
        let secondOfDay = time.seconds - days * 86_400
        let weekday = Int(((days % 7) + 11) % 7)  // 1970-01-01 was a Thursday
        let (year, month, day) = civil(days)
        return "\(weekdays[weekday]), \(pad(day)) \(months[Int(month) - 1]) \(year) "
            + "\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60)) +0000"
    }

    /// The RFC 1123Z form of an RFC 3339 string; the zero time (`0001-01-01 00:00:00 +0000`) when absent,
    /// as Go prints an unset `metav1.Time`.
    static func rfc1123Z(_ rfc3339: String?) -> String {
        guard let text = rfc3339, let time = Timestamp(rfc3339: text) else { return "Mon, 01 Jan 0001 00:00:00 +0000" }
        return rfc1123Z(time)
    }

    private static func pad(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    private static func civil(_ dayCount: Int64) -> (Int64, Int64, Int64) {
        let z = dayCount + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}
