import Model
import Determinism

extension DescribeWriter {
    /// `DescribeEvents`: `Events:  <none>`, or a `Type Reason Age From Message` table sorted by last time,
    /// with ages like `10s (x3 over 2m)` for repeated events.
    mutating func events(_ events: [JSONValue], now: Timestamp) {
        guard !events.isEmpty else { write(0, "Events:\t<none>\n"); return }
        flush()
        write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        write(1, "----\t------\t----\t----\t-------\n")
        let sorted = events.enumerated().sorted { a, b in
            let ta = Timestamp(rfc3339: a.element.str("lastTimestamp"))?.seconds ?? Int64.min
            let tb = Timestamp(rfc3339: b.element.str("lastTimestamp"))?.seconds ?? Int64.min
            if ta != tb { return ta < tb }
            // Same second: the order they were recorded in (their first resourceVersion is their creation).
            let ra = Int(a.element.str("metadata", "resourceVersion")) ?? a.offset
            let rb = Int(b.element.str("metadata", "resourceVersion")) ?? b.offset
            return ra != rb ? ra < rb : a.offset < b.offset
        }.map(\.element)
        for event in sorted {
            let first = event.optionalStr("eventTime").flatMap { Timestamp(rfc3339: $0) } != nil
                ? HumanDuration.since(event.optionalStr("eventTime"), now: now)
                : HumanDuration.since(event.optionalStr("firstTimestamp"), now: now)
            var interval = first
            if let series = event.at("series"), series.objectValue != nil {
                interval = "\(HumanDuration.since(series.optionalStr("lastObservedTime"), now: now)) (x\(series.num("count")) over \(first))"
            } else if event.num("count") > 1 {
                interval = "\(HumanDuration.since(event.optionalStr("lastTimestamp"), now: now)) (x\(event.num("count")) over \(first))"
            }
            let source = event.str("source", "component").isEmpty ? event.str("reportingComponent") : event.str("source", "component")
            write(1, "\(event.str("type"))\t\(event.str("reason"))\t\(interval)\t\(source)\t\(event.str("message").trimmingWhitespace)\n")
        }
    }
}

extension DescribeText {
    /// The events about `object`: same namespace, matched by `involvedObject.uid` (or kind and name when the
    /// object has no uid). Cluster-scoped objects look in every namespace (`lookup(.event, "")`).
    static func events(about object: JSONValue, kind: ResourceKind,
                       lookup: (ResourceKind, String) -> [JSONValue]) -> [JSONValue] {
        lookup(.event, kind.namespaced ? object.namespace : "").filter { event in
            if !object.uid.isEmpty, let uid = event.optionalStr("involvedObject", "uid"), !uid.isEmpty {
                return uid == object.uid
            }
            return event.str("involvedObject", "name") == object.name && event.str("involvedObject", "kind") == kind.kind
        }
    }
}
