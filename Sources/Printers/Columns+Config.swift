import Model
import Determinism

extension TableLayout {
    /// NAME DATA AGE (data plus binaryData keys).
    static let configMapLayout = TableLayout(columns: [.name, .plain("DATA"), .age]) { object, now in
        let count = (object.at("data")?.objectValue?.count ?? 0) + (object.at("binaryData")?.objectValue?.count ?? 0)
        return [object.name, String(count), Cells.age(object, now)]
    }

    /// NAME TYPE DATA AGE (keys of data, with any not yet merged stringData keys).
    static let secretLayout = TableLayout(columns: [.name, .plain("TYPE"), .plain("DATA"), .age]) { object, now in
        let keys = Set(object.at("data")?.objectValue?.keys.map { $0 } ?? [])
            .union(object.at("stringData")?.objectValue?.keys.map { $0 } ?? [])
        return [object.name, object.str("type"), String(keys.count), Cells.age(object, now)]
    }

    /// NAME SECRETS AGE.
    static let serviceAccountLayout = TableLayout(columns: [.name, .plain("SECRETS"), .age]) { object, now in
        [object.name, String(object.list("secrets").count), Cells.age(object, now)]
    }

    /// LAST SEEN TYPE REASON OBJECT MESSAGE; wide adds SUBOBJECT SOURCE (before MESSAGE) and FIRST SEEN
    /// COUNT NAME (after it), in upstream's column order.
    static let eventLayout = TableLayout(
        columns: [.plain("LAST SEEN"), .plain("TYPE"), .plain("REASON"), .plain("OBJECT"), .wide("SUBOBJECT"),
                  .wide("SOURCE"), .plain("MESSAGE"), .wide("FIRST SEEN"), .wide("COUNT"),
                  Column(header: "NAME", wide: true, isName: true)]
    ) { event, now in
        let times = EventText.times(event, now: now)
        let kind = event.str("involvedObject", "kind").lowercased()
        let name = event.str("involvedObject", "name")
        return [times.last, event.str("type"), event.str("reason"), name.isEmpty ? kind : "\(kind)/\(name)",
                event.str("involvedObject", "fieldPath"), EventText.source(event),
                event.str("message").trimmingWhitespace, times.first, String(times.count), event.name]
    }
}

/// Event texts shared by the table and `describe`.
enum EventText {
    /// First-seen and last-seen ages and the count, with the `events.k8s.io` fallbacks (`eventTime`,
    /// `series`) upstream applies.
    static func times(_ event: JSONValue, now: Timestamp) -> (first: String, last: String, count: Int) {
        let firstStamp = event.optionalStr("firstTimestamp")
        let first = HumanDuration.since(firstStamp ?? event.optionalStr("eventTime"), now: now)
        var last = event.optionalStr("lastTimestamp").map { HumanDuration.since($0, now: now) } ?? first
        var count = event.num("count")
        if let series = event.at("series"), series.objectValue != nil {
            last = HumanDuration.since(series.optionalStr("lastObservedTime"), now: now)
            count = series.num("count")
        } else if count == 0 {
            count = 1
        }
        return (first, last, count)
    }

    /// `formatEventSource`: `component, host`, falling back to the reporting controller and instance.
    static func source(_ event: JSONValue) -> String {
        let component = event.str("source", "component").isEmpty ? event.str("reportingComponent")
            : event.str("source", "component")
        let host = event.str("source", "host").isEmpty ? event.str("reportingInstance") : event.str("source", "host")
        return host.isEmpty ? component : "\(component), \(host)"
    }
}

extension String {
    /// Go's `strings.TrimSpace` for ASCII whitespace.
    var trimmingWhitespace: String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s = s.dropFirst() }
        while let c = s.last, c.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
