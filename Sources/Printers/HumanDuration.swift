import Determinism

/// apimachinery's `duration` package: how kubectl shows ages and intervals.
public enum HumanDuration {
    /// `duration.HumanDuration`: about two significant figures (`59s`, `119s`, `2m`, `9m59s`, `10m`,
    /// `3h`, `7h59m`, `47h`, `2d`, `7d23h`, `8d`, `729d`, `2y`, `7y364d`, `8y`). Up to one second in the future
    /// counts as `0s`; further ahead is `<invalid>`.
    public static func format(seconds: Int64) -> String {
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 180 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let days = (hours / 24) % 365
            return days == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(days)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// `duration.ShortHumanDuration`: one unit only (`59s`, `5m`, `3h`, `2d`, `1y`).
    public static func short(seconds: Int64) -> String {
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 { return "\(seconds)s" }
        if seconds < 3600 { return "\(seconds / 60)m" }
        let hours = seconds / 3600
        if hours < 24 { return "\(hours)h" }
        if hours < 24 * 365 { return "\(hours / 24)d" }
        return "\(hours / 24 / 365)y"
    }

    /// kubectl's `translateTimestampSince`: the age of an RFC 3339 time at `now`, `<unknown>` when the
    /// time is absent or unreadable.
    public static func since(_ rfc3339: String?, now: Timestamp) -> String {
        guard let text = rfc3339, let time = Timestamp(rfc3339: text) else { return "<unknown>" }
        return format(seconds: now - time)
    }
}
