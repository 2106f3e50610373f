import Model
import Determinism
import Admission

/// Checks an export line by line: the header, then each event's fields, order, hash and object.
struct ExportReader {
    let file: String
    let header: ExportHeader
    /// The hash (bytes) of the last event read; the header's `previous_hash` before the first.
    private(set) var previous: [UInt8]
    private(set) var lastSeq: Int64
    private(set) var count: Int64 = 0
    private var lastTime: Timestamp?
    /// `lastTime` as the file wrote it.
    private var lastTimeText = ""

    init(file: String, header: ExportHeader) {
        self.file = file
        self.header = header
        previous = SHA256.bytes(hex: header.previousHash) ?? EventHash.genesis
        lastSeq = header.since
    }

    /// Parses and checks the first line.
    static func header(_ bytes: [UInt8], file: String) throws -> ExportHeader {
        func fail(_ message: String) -> ImportError { ImportError(file: file, line: 1, message: message) }
        guard let value = try? JSONValue.parse(bytes: bytes), value.objectValue != nil else {
            throw fail("missing header: the first line is not a JSON object; an export starts with {\"format\":\"logbook-export\",...}")
        }
        guard value["format"]?.stringValue == ExportHeader.format else {
            if value["seq"] != nil { throw fail("missing header: the first line is an event; an export starts with {\"format\":\"logbook-export\",...}") }
            throw fail("not a logbook export: the header's format is not \"logbook-export\"")
        }
        guard value["version"]?.intValue == ExportHeader.version else {
            throw fail("export format version \(value["version"]?.canonicalString() ?? "missing") is not supported (this logbook reads version \(ExportHeader.version))")
        }
        guard let seed = value["seed"]?.intValue, let start = value["start"]?.stringValue,
              let since = value["since"]?.intValue, since >= 0, let firstSeq = value["first_seq"]?.intValue,
              let lastSeq = value["last_seq"]?.intValue, let previous = value["previous_hash"]?.stringValue else {
            throw fail("incomplete header: it needs seed, start, since, first_seq, last_seq and previous_hash")
        }
        guard let bytes = SHA256.bytes(hex: previous), bytes.count == 32, since > 0 || bytes == EventHash.genesis else {
            throw fail("the header's previous_hash is not a SHA-256 hash\(since == 0 ? " of zeros (a whole export starts the chain)" : "")")
        }
        guard lastSeq == 0 ? firstSeq == 0 : (firstSeq == since + 1 && lastSeq >= firstSeq) else {
            throw fail("the header's first_seq \(firstSeq) and last_seq \(lastSeq) do not follow since \(since)")
        }
        return ExportHeader(seed: UInt64(truncatingIfNeeded: seed), start: start, nodes: value["nodes"]?.intValue ?? 0,
                            since: Int64(since), firstSeq: Int64(firstSeq), lastSeq: Int64(lastSeq), previousHash: previous)
    }

    /// One checked event: its fields, its object when it was parsed whole (always for ReplicaSets, `init`
    /// and `advance`, which need it further on; otherwise perhaps only its identity was read), and its hash
    /// (hex).
    struct Checked {
        var event: LogEvent
        var object: JSONValue?
        var hash: String
    }

    /// Checks one event line; returns the event and, when it needed parsing whole, its object.
    mutating func check(_ bytes: [UInt8], lineNumber: Int) throws -> Checked {
        let file = self.file
        func fail(_ message: String) -> ImportError { ImportError(file: file, line: lineNumber, message: message) }
        if let checked = try checkExportLayout(bytes, fail: fail) { return checked }
        var value: JSONValue
        var objectText: String?
        if let split = ExportReader.split(bytes) {
            // The export's own layout: the object last, its text kept byte for byte.
            value = split.envelope
            value["object"] = split.object
            objectText = split.text
        } else {
            do { value = try JSONValue.parse(bytes: bytes) } catch {
                throw fail("not valid JSON (\(error)); the file is truncated or was edited")
            }
        }
        guard value.objectValue != nil else { throw fail("an event line must be a JSON object") }
        func text(_ key: String) throws -> String {
            guard let field = value[key]?.stringValue else { throw fail("the event has no \"\(key)\" string") }
            return field
        }
        guard let seqValue = value["seq"]?.intValue else { throw fail("the event has no \"seq\" number") }
        let seq = try checkSeq(seqValue, fail: fail)
        guard let verb = Verb(rawValue: try text("verb")) else { throw fail("unknown verb \"\(try text("verb"))\"") }
        let cause = try checkCause(value["cause"], seq: seqValue, fail: fail)
        let object: JSONValue?
        switch value["object"] {
        case .none, .some(.null): object = nil
        case .some(let given):
            guard given.objectValue != nil else { throw fail("the event's object is not a JSON object") }
            object = given
        }
        let event = LogEvent(seq: seq, time: try text("time"), actor: try text("actor"), verb: verb,
                             apiVersion: try text("apiVersion"), kind: try text("kind"), namespace: try text("namespace"),
                             name: try text("name"), uid: try text("uid"), object: objectText ?? object?.canonicalString(),
                             cause: cause)
        return try finishChecks(event, object: object, identity: object.map(ObjectIdentity.init), recorded: try text("hash"),
                                fail: fail)
    }

    /// Seq order: one more than the previous event's, within the header's range.
    func checkSeq(_ seqValue: Int, fail: (String) -> ImportError) throws -> Int64 {
        let seq = Int64(seqValue)
        if seq <= lastSeq { throw fail("events out of order: seq \(seq) comes after seq \(lastSeq)") }
        if seq > lastSeq + 1 { throw fail("events missing or out of order: seq \(seq) follows seq \(lastSeq) (expected \(lastSeq + 1))") }
        if seq > header.lastSeq { throw fail("seq \(seq) is beyond the header's last_seq \(header.lastSeq)") }
        return seq
    }

    /// A cause is null or an earlier seq.
    func checkCause(_ value: JSONValue?, seq seqValue: Int, fail: (String) -> ImportError) throws -> Int64? {
        switch value {
        case .none, .some(.null): return nil
        case .some(let number):
            guard let c = number.intValue, c >= 1, c < seqValue else { throw fail("cause \(number.canonicalString()) is not an earlier seq") }
            return Int64(c)
        }
    }

    /// The hash chain, then the content; on success the event becomes the chain's newest.
    /// `computed` is the event's hash when it was already chained onto `previous` (by `ImportPipeline`),
    /// `createErrors` a create's admission errors when already known.
    mutating func finishChecks(_ event: LogEvent, object: JSONValue?, identity: ObjectIdentity?, recorded: String,
                               computed known: [UInt8]? = nil, createErrors: [FieldError]? = nil,
                               fail: (String) -> ImportError) throws -> Checked {
        let computed = known ?? EventHash.compute(previous: previous, seq: event.seq, time: event.time, actor: event.actor,
                                                  verb: event.verb.rawValue, apiVersion: event.apiVersion, kind: event.kind,
                                                  namespace: event.namespace, name: event.name, uid: event.uid,
                                                  object: event.object, cause: event.cause)
        guard EventHash.digest(computed, isHex: recorded) else {
            throw fail("hash chain broken at seq \(event.seq): the file says \(recorded.prefix(16))…, but its fields and the previous hash give \(SHA256.hex(computed).prefix(16))… (this event, or one before it, was changed)")
        }
        try checkContent(event, object, identity: identity, createErrors: createErrors, fail: fail)
        previous = computed
        lastSeq = event.seq
        count += 1
        return Checked(event: event, object: object, hash: recorded)
    }

    /// The fast path for a line in the export's own layout (`ExportLine`); nil when the line has another
    /// layout or an object the scan does not accept: the general path then checks it.
    private mutating func checkExportLayout(_ bytes: [UInt8], fail: (String) -> ImportError) throws -> Checked? {
        guard let prepared = bytes.withUnsafeBufferPointer({ PreparedEvent(line: $0) }) else { return nil }
        return try check(prepared, fail: fail)
    }

    /// Checks an event read by `PreparedEvent`: the same checks in the same order as the general path.
    mutating func check(_ prepared: PreparedEvent, lineNumber: Int) throws -> Checked {
        let file = self.file
        return try check(prepared) { ImportError(file: file, line: lineNumber, message: $0) }
    }

    private mutating func check(_ prepared: PreparedEvent, fail: (String) -> ImportError) throws -> Checked {
        let line = prepared.line
        let seq = try checkSeq(line.seq, fail: fail)
        guard let verb = Verb(rawValue: line.verb) else { throw fail("unknown verb \"\(line.verb)\"") }
        let cause = try checkCause(line.cause.map { .int($0) }, seq: line.seq, fail: fail)
        let event = LogEvent(seq: seq, time: line.time, actor: line.actor, verb: verb, apiVersion: line.apiVersion,
                             kind: line.kind, namespace: line.namespace, name: line.name, uid: line.uid,
                             object: prepared.text, cause: cause)
        return try finishChecks(event, object: prepared.object, identity: prepared.identity, recorded: line.hash,
                                computed: prepared.computed, createErrors: prepared.createErrors, fail: fail)
    }

    /// A line as `exportLog` writes it, `{…scalar fields…,"object":OBJECT}`, split into the fields
    /// and the object, both parsed, with the object's exact text (nil for `null`); nil when the line has
    /// another layout or does not parse (the caller then parses it whole and reports the error).
    static func split(_ line: [UInt8]) -> (envelope: JSONValue, object: JSONValue, text: String?)? {
        let marker = Array(#","object":"#.utf8)
        guard line.last == UInt8(ascii: "}"), line.count > marker.count else { return nil }
        // The first occurrence: the fields before it are numbers and strings, whose quotes are escaped.
        var index = 0
        let limit = line.count - marker.count
        search: while index < limit {
            if line[index] == marker[0] {
                for offset in 1..<marker.count where line[index + offset] != marker[offset] {
                    index += 1
                    continue search
                }
                break search
            }
            index += 1
        }
        guard index < limit, let envelope = try? JSONValue.parse(bytes: Array(line[..<index]) + [UInt8(ascii: "}")]),
              envelope.objectValue != nil, envelope["object"] == nil else { return nil }
        let raw = Array(line[(index + marker.count)..<(line.count - 1)])
        guard let object = try? JSONValue.parse(bytes: raw) else { return nil }
        return (envelope, object, object == .null ? nil : String(decoding: raw, as: UTF8.self))
    }

    /// The event's time, verb and object make sense: what a live write would have accepted.
    /// `identity` is the object's identity, read from `object` or, for an object not parsed whole, scanned.
    private mutating func checkContent(_ event: LogEvent, _ object: JSONValue?, identity: ObjectIdentity?,
                                       createErrors: [FieldError]?, fail: (String) -> ImportError) throws {
        // Many events share their predecessor's second: the same text was checked (and ordered) already.
        if lastTime == nil || event.time != lastTimeText {
            guard let time = Timestamp(rfc3339: event.time), time.rfc3339 == event.time else {
                throw fail("time \"\(event.time)\" is not an RFC 3339 UTC time in whole seconds")
            }
            if let lastTime, time < lastTime { throw fail("time goes backwards: \(event.time) after \(lastTime.rfc3339)") }
            lastTime = time
            lastTimeText = event.time
        }
        guard event.verb.isObjectChange else {
            guard event.kind.isEmpty, event.name.isEmpty, let object else {
                throw fail("a \(event.verb.rawValue) event names no object and carries its settings as an object")
            }
            if event.verb == .`init` {
                guard event.seq == 1, object["seed"]?.intValue.map({ UInt64(truncatingIfNeeded: $0) }) == header.seed,
                      event.time == header.start else {
                    throw fail("the init event must be seq 1 and match the header's seed \(header.seed) and start \(header.start)")
                }
            } else if event.seq == 1 {
                throw fail("the first event of a log must be init, not \(event.verb.rawValue)")
            } else if (object["seconds"]?.intValue ?? 0) <= 0 {
                throw fail("an advance event needs a positive \"seconds\"")
            }
            return
        }
        if event.seq == 1 { throw fail("the first event of a log must be init, not \(event.verb.rawValue)") }
        guard let kind = ResourceKind.named(event.kind), kind.apiVersion == event.apiVersion else {
            throw fail("unknown kind \(event.apiVersion)/\(event.kind)")
        }
        guard let identity else { throw fail("a \(event.verb.rawValue) event must carry its object") }
        guard identity.kind == kind.kind, identity.apiVersion == kind.apiVersion else {
            throw fail("the object is a \(identity.apiVersion)/\(identity.kind), but the event says \(kind.apiVersion)/\(kind.kind)")
        }
        guard !identity.name.isEmpty else { throw fail("the object has no metadata.name") }
        guard identity.name == event.name, identity.namespace == event.namespace, identity.uid == event.uid else {
            throw fail("the object's name, namespace or uid differ from the event's (\(event.namespace)/\(event.name), uid \(event.uid))")
        }
        if event.verb == .create {
            let errors = createErrors ?? object.map { Admission.validateCreate($0, kind: kind).errors } ?? []
            if !errors.isEmpty {
                throw fail("\(kind.kind) \"\(event.name)\" is invalid: " + errors.map(\.description).joined(separator: ", "))
            }
        }
    }

    /// After the last line: the file held every event its header promised.
    func finish(lineNumber: Int) throws {
        guard lastSeq == header.lastSeq || (header.lastSeq == 0 && count == 0) else {
            throw ImportError(file: file, line: lineNumber + 1,
                              message: "truncated: the header promises events up to seq \(header.lastSeq), but the file ends after seq \(lastSeq)")
        }
    }
}
