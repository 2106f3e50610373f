import Model
import Determinism

extension Store {
    /// Records a core/v1 Event about `object`, as client-go's event recorder does: one Event per object,
    /// type, reason and message, whose `count` and `lastTimestamp` go up when it happens again.
    public func recordEvent(about object: JSONValue, type: String, reason: String, message: String, component: String,
                            context: WriteContext) throws {
        let namespace = object.namespace.isEmpty ? "default" : object.namespace
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(object.uid)|\(type)|\(reason)|\(message)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        let name = "\(object.name).\(String(repeating: "0", count: 16 - hex.count))\(hex)"
        let now = try self.now().rfc3339
        try write {
            if var existing = try fetch(.event, namespace: namespace, name: name) {
                existing["count"] = .int((existing["count"]?.intValue ?? 1) + 1)
                existing["lastTimestamp"] = .string(now)
                _ = try update(existing, namespace: namespace, context: context)
                return
            }
            let kind = ResourceKind.named(object.kind)
            let event: JSONValue = [
                "apiVersion": "v1", "kind": "Event",
                "metadata": ["name": .string(name), "namespace": .string(namespace)],
                "involvedObject": [
                    "apiVersion": .string(kind?.apiVersion ?? object.apiVersion), "kind": .string(object.kind),
                    "name": .string(object.name), "namespace": .string(object.namespace),
                    "uid": .string(object.uid), "resourceVersion": .string(object.resourceVersion),
                ],
                "reason": .string(reason), "message": .string(message), "type": .string(type),
                "source": ["component": .string(component)],
                "firstTimestamp": .string(now), "lastTimestamp": .string(now), "count": 1,
                "eventTime": nil, "reportingComponent": .string(component), "reportingInstance": "",
            ]
            try appendControllerEvent(event, name: name, namespace: namespace, context: context)
        }
    }

    /// Appends a new Event the recorder built itself: it is valid by construction and its namespace holds
    /// the object it is about, so it skips admission and goes straight to the log (the hot path when
    /// thousands of pods start at once).
    private func appendControllerEvent(_ event: JSONValue, name: String, namespace: String,
                                       context: WriteContext) throws {
        var event = event
        let head = try head()
        let seq = head.seq + 1
        var random = generator(at: seq, stream: 1)
        event["metadata"] = [
            "name": .string(name), "namespace": .string(namespace), "uid": .string(Identifiers.uid(using: &random)),
            "resourceVersion": .string(String(seq)), "creationTimestamp": .string(head.time.rfc3339),
        ]
        try append(verb: .create, object: event, kind: .event, namespace: namespace, name: name, uid: event.uid,
                   context: context, seq: seq, time: head.time)
    }
}
